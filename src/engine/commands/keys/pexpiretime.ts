/**
 * PEXPIRETIME key — the absolute Unix time in milliseconds at which the key expires, -1 without expiry, -2 when missing.
 * Counterpart in Redis: `pexpiretimeCommand` / `ttlGenericCommand` (expire.c).
 */
import { defineCommand } from '../command.ts';
import { ttlGeneric } from './ttl-generic.ts';

export const pexpiretime = defineCommand({
  name: 'pexpiretime',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    return ttlGeneric(ctx, key, true, true);
  },
});
