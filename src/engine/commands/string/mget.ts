/**
 * MGET key [key ...] — the value of each key; nil for a missing key or one holding another
 * type (never WRONGTYPE). Counterpart in Redis: `mgetCommand` (t_string.c).
 */
import { array, bulk, NIL } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { lookupRead } from '../../server/keyspace.ts';

export const mget = defineCommand({
  name: 'mget',
  parse(argv) {
    return { keys: argv.slice(1) };
  },
  apply(ctx, { keys }) {
    return array(keys.map((k) => {
      const v = lookupRead(ctx, k);
      return v && v.type === 'string' ? bulk(v.value) : NIL;
    }));
  },
});
