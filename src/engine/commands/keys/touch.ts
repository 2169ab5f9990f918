/**
 * TOUCH key [key ...] — marks keys as accessed; replies how many exist.
 * Counterpart in Redis: `touchCommand` (expire.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { lookupRead } from '../../server/keyspace.ts';

export const touch = defineCommand({
  name: 'touch',
  parse(argv) {
    return { keys: argv.slice(1) };
  },
  apply(ctx, { keys }) {
    let n = 0;
    for (const k of keys) if (lookupRead(ctx, k)) n++;
    return integer(n);
  },
});
