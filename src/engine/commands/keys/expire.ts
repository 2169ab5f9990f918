/**
 * EXPIRE key seconds [NX|XX|GT|LT] — sets a time to live in seconds; replies 1, or 0 when the key is missing or an option says no. A time in the past deletes the key.
 * Propagated as `PEXPIREAT key <absolute ms>` with its options, or as `DEL key` when the key
 * was deleted. Counterpart in Redis: `expireCommand` / `expireGenericCommand` (expire.c).
 */
import { defineCommand } from '../command.ts';
import { expireGeneric, parseExpireFlags } from './expire-generic.ts';

export const expire = defineCommand({
  name: 'expire',
  parse(argv) {
    return { argv, flags: parseExpireFlags(argv) };
  },
  apply(ctx, { argv, flags }) {
    return expireGeneric(ctx, { argv, flags, relative: true, unit: 'seconds', command: 'expire' });
  },
});
