/**
 * SREM key member [member ...] — removes members; replies how many were there. The key goes
 * once the set is empty. Counterpart in Redis: `sremCommand` (t_set.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { setEncoding, writeOfType } from '../../server/keyspace.ts';

export const srem = defineCommand({
  name: 'srem',
  parse(argv) {
    return { key: argv[1], members: argv.slice(2) };
  },
  apply(ctx, { key, members }) {
    const s = writeOfType(ctx, key, 'set');
    if (!s) return integer(0);
    setEncoding(ctx.server, s); // a hash table stays one however small it gets
    let deleted = 0;
    for (const m of members) {
      if (s.value.delete(m)) {
        deleted++;
        if (s.value.size === 0) {
          ctx.db.delete(key);
          break;
        }
      }
    }
    ctx.server.markDirty(deleted);
    return integer(deleted);
  },
});
