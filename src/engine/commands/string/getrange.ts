/**
 * GETRANGE key start end — the substring between two inclusive byte offsets (negative ones
 * count from the end), clamped to the string; an empty string when missing or out of range.
 * Counterpart in Redis: `getrangeCommand` (t_string.c).
 */
import { bulk } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { longArg, readOfType } from '../../server/keyspace.ts';

export const getrange = defineCommand({
  name: 'getrange',
  parse(argv) {
    return { key: argv[1], start: argv[2], end: argv[3] };
  },
  apply(ctx, args) {
    let start = longArg(args.start);
    let end = longArg(args.end);
    const o = readOfType(ctx, args.key, 'string');
    if (!o) return bulk('');
    const len = o.value.length;
    if (start < 0 && end < 0 && start > end) return bulk('');
    if (start < 0) start = len + start;
    if (end < 0) end = len + end;
    if (start < 0) start = 0;
    if (end < 0) end = 0;
    if (end >= len) end = len - 1;
    if (start > end || len === 0) return bulk('');
    return bulk(o.value.slice(start, end + 1));
  },
});
