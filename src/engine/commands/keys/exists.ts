/**
 * EXISTS key [key ...] — how many of the keys exist (a key named twice counts twice).
 * Counterpart in Redis: `existsCommand` (db.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { lookupRead } from '../../server/keyspace.ts';

export const exists = defineCommand({
  name: 'exists',
  parse(argv) {
    return { keys: argv.slice(1) };
  },
  apply(ctx, { keys }) {
    let n = 0;
    for (const k of keys) if (lookupRead(ctx, k)) n++;
    return integer(n);
  },
});
