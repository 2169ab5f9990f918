/**
 * PEXPIRE key milliseconds [NX|XX|GT|LT] — EXPIRE in milliseconds.
 * Propagated as `PEXPIREAT key <absolute ms>` with its options, or as `DEL key` when the key
 * was deleted. Counterpart in Redis: `pexpireCommand` / `expireGenericCommand` (expire.c).
 */
import { defineCommand } from '../command.ts';
import { expireGeneric, parseExpireFlags } from './expire-generic.ts';

export const pexpire = defineCommand({
  name: 'pexpire',
  parse(argv) {
    return { argv, flags: parseExpireFlags(argv) };
  },
  apply(ctx, { argv, flags }) {
    return expireGeneric(ctx, { argv, flags, relative: true, unit: 'milliseconds', command: 'pexpire' });
  },
});
