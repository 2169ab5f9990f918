/**
 * LTRIM key start stop — keeps only the elements between two inclusive indexes; OK (also for
 * a missing key). Each element removed is a change; an empty result deletes the key.
 * Counterpart in Redis: `ltrimCommand` (t_list.c).
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { longArg, writeOfType } from '../../server/keyspace.ts';
import { deleteIfEmptyList, listRange } from './push-generic.ts';

export const ltrim = defineCommand({
  name: 'ltrim',
  parse(argv) {
    return { key: argv[1], start: argv[2], stop: argv[3] };
  },
  apply(ctx, args) {
    const start = longArg(args.start);
    const stop = longArg(args.stop);
    const list = writeOfType(ctx, args.key, 'list');
    if (!list) return OK;
    const len = list.value.length;
    const r = listRange(len, start, stop);
    list.value = r ? list.value.slice(r[0], r[1] + 1) : [];
    deleteIfEmptyList(ctx, args.key, list);
    ctx.server.markDirty(len - list.value.length);
    return OK;
  },
});
