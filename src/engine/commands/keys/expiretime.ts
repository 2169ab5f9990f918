/**
 * EXPIRETIME key — the absolute Unix time in seconds at which the key expires, -1 without expiry, -2 when missing.
 * Counterpart in Redis: `expiretimeCommand` / `ttlGenericCommand` (expire.c).
 */
import { defineCommand } from '../command.ts';
import { ttlGeneric } from './ttl-generic.ts';

export const expiretime = defineCommand({
  name: 'expiretime',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    return ttlGeneric(ctx, key, false, true);
  },
});
