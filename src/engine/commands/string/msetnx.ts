/**
 * MSETNX key value [key value ...] — sets every pair only if none of the keys exists; replies
 * 1 when set, 0 when any key existed. Counterpart in Redis: `msetnxCommand` (t_string.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { lookupWrite, stringValue } from '../../server/keyspace.ts';
import { parsePairs } from './mset.ts';

export const msetnx = defineCommand({
  name: 'msetnx',
  parse(argv) {
    return { pairs: parsePairs(argv, 'msetnx') };
  },
  apply(ctx, { pairs }) {
    for (const [k] of pairs) if (lookupWrite(ctx, k)) return integer(0);
    for (const [k, v] of pairs) ctx.db.set(k, stringValue(v));
    ctx.server.markDirty(pairs.length);
    return integer(1);
  },
});
