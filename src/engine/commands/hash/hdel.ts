/**
 * HDEL key field [field ...] — removes fields; replies how many existed. The key goes once
 * the hash is empty. Counterpart in Redis: `hdelCommand` (t_hash.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { hashEncoding, writeOfType } from '../../server/keyspace.ts';

export const hdel = defineCommand({
  name: 'hdel',
  parse(argv) {
    return { key: argv[1], fields: argv.slice(2) };
  },
  apply(ctx, { key, fields }) {
    const h = writeOfType(ctx, key, 'hash');
    if (!h) return integer(0);
    hashEncoding(ctx.server, h); // a hash table stays one however small it gets
    let deleted = 0;
    for (const f of fields) {
      if (h.value.delete(f)) {
        deleted++;
        if (h.value.size === 0) {
          ctx.db.delete(key);
          break;
        }
      }
    }
    ctx.server.markDirty(deleted);
    return integer(deleted);
  },
});
