/**
 * PERSIST key — removes the key's expiry; replies 1 if it had one, 0 otherwise (or if missing).
 * Counterpart in Redis: `persistCommand` (expire.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { lookupWrite } from '../../server/keyspace.ts';

export const persist = defineCommand({
  name: 'persist',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    if (!lookupWrite(ctx, key) || !ctx.db.removeExpire(key)) return integer(0);
    ctx.server.markDirty();
    return integer(1);
  },
});
