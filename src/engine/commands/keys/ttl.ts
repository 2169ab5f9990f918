/**
 * TTL key — the remaining time to live in seconds (rounded), -1 without expiry, -2 when missing.
 * Counterpart in Redis: `ttlCommand` / `ttlGenericCommand` (expire.c).
 */
import { defineCommand } from '../command.ts';
import { ttlGeneric } from './ttl-generic.ts';

export const ttl = defineCommand({
  name: 'ttl',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    return ttlGeneric(ctx, key, false, false);
  },
});
