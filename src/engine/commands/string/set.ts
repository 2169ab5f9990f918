/**
 * SET key value [NX|XX] [GET] [EX s|PX ms|EXAT unix-s|PXAT unix-ms|KEEPTTL] — stores a
 * string, optionally only if the key is missing (NX) or present (XX), returning the old value
 * (GET), with an expiry. Replies OK, nil when NX/XX prevented the write, or the old value.
 *
 * Redis 7.0 propagates a SET with any expiry option (PXAT included) as
 * `SET key value PXAT <absolute ms>`, dropping NX/XX/GET, so a replica or the AOF expires the
 * key at the same instant; a SET with GET and no expiry is propagated without its GET.
 * Counterpart in Redis: `setCommand` / `setGenericCommand` (t_string.c).
 */
import { defineCommand } from '../command.ts';
import { parseStringOptions, setGeneric } from './string-generic.ts';

export const set = defineCommand({
  name: 'set',
  parse(argv) {
    return { argv, options: parseStringOptions(argv, 'set') };
  },
  apply(ctx, { argv, options }) {
    return setGeneric(ctx, { argv, key: argv[1], value: argv[2], options, command: 'set' });
  },
});
