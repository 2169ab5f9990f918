/**
 * LINDEX key index — the element at an index (negative from the end), nil when out of range
 * or missing. The key is looked up before the index is read, as Redis does.
 * Counterpart in Redis: `lindexCommand` (t_list.c).
 */
import { bulk, NIL } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { longArg, readOfType } from '../../server/keyspace.ts';

export const lindex = defineCommand({
  name: 'lindex',
  parse(argv) {
    return { key: argv[1], index: argv[2] };
  },
  apply(ctx, args) {
    const list = readOfType(ctx, args.key, 'list');
    if (!list) return NIL;
    let index = longArg(args.index);
    if (index < 0) index += list.value.length;
    return index >= 0 && index < list.value.length ? bulk(list.value[index]) : NIL;
  },
});
