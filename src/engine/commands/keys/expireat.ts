/**
 * EXPIREAT key unix-time-seconds [NX|XX|GT|LT] — expires the key at an absolute Unix time in seconds.
 * Propagated as `PEXPIREAT key <absolute ms>` with its options, or as `DEL key` when the key
 * was deleted. Counterpart in Redis: `expireatCommand` / `expireGenericCommand` (expire.c).
 */
import { defineCommand } from '../command.ts';
import { expireGeneric, parseExpireFlags } from './expire-generic.ts';

export const expireat = defineCommand({
  name: 'expireat',
  parse(argv) {
    return { argv, flags: parseExpireFlags(argv) };
  },
  apply(ctx, { argv, flags }) {
    return expireGeneric(ctx, { argv, flags, relative: false, unit: 'seconds', command: 'expireat' });
  },
});
