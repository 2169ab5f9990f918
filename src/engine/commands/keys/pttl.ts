/**
 * PTTL key — the remaining time to live in milliseconds, -1 without expiry, -2 when missing.
 * Counterpart in Redis: `pttlCommand` / `ttlGenericCommand` (expire.c).
 */
import { defineCommand } from '../command.ts';
import { ttlGeneric } from './ttl-generic.ts';

export const pttl = defineCommand({
  name: 'pttl',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    return ttlGeneric(ctx, key, true, false);
  },
});
