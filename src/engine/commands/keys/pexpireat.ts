/**
 * PEXPIREAT key unix-time-milliseconds [NX|XX|GT|LT] — expires the key at an absolute Unix time in milliseconds; propagated as itself.
 * Propagated as `PEXPIREAT key <absolute ms>` with its options, or as `DEL key` when the key
 * was deleted. Counterpart in Redis: `pexpireatCommand` / `expireGenericCommand` (expire.c).
 */
import { defineCommand } from '../command.ts';
import { expireGeneric, parseExpireFlags } from './expire-generic.ts';

export const pexpireat = defineCommand({
  name: 'pexpireat',
  parse(argv) {
    return { argv, flags: parseExpireFlags(argv) };
  },
  apply(ctx, { argv, flags }) {
    return expireGeneric(ctx, { argv, flags, relative: false, unit: 'milliseconds', command: 'pexpireat' });
  },
});
