/**
 * HMGET key field [field ...] — the value of each field, nil for missing ones (all nil for a
 * missing key). Counterpart in Redis: `hmgetCommand` (t_hash.c).
 */
import { array, bulk, NIL } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { readOfType } from '../../server/keyspace.ts';

export const hmget = defineCommand({
  name: 'hmget',
  parse(argv) {
    return { key: argv[1], fields: argv.slice(2) };
  },
  apply(ctx, { key, fields }) {
    const h = readOfType(ctx, key, 'hash');
    return array(fields.map((f) => {
      const v = h?.value.get(f);
      return v === undefined ? NIL : bulk(v);
    }));
  },
});
