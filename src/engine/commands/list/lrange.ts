/**
 * LRANGE key start stop — the elements between two inclusive indexes (negative ones count from
 * the end), clamped to the list; an empty array when missing.
 * Counterpart in Redis: `lrangeCommand` / `addListRangeReply` (t_list.c).
 */
import { bulks, EMPTY_ARRAY } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { longArg, readOfType } from '../../server/keyspace.ts';
import { listRange } from './push-generic.ts';

export const lrange = defineCommand({
  name: 'lrange',
  parse(argv) {
    return { key: argv[1], start: argv[2], stop: argv[3] };
  },
  apply(ctx, args) {
    const start = longArg(args.start);
    const stop = longArg(args.stop);
    const list = readOfType(ctx, args.key, 'list');
    if (!list) return EMPTY_ARRAY;
    const r = listRange(list.value.length, start, stop);
    return r ? bulks(list.value.slice(r[0], r[1] + 1)) : EMPTY_ARRAY;
  },
});
