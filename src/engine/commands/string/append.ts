/**
 * APPEND key value — appends to the string at key (creating it if missing) and replies the new
 * length. The result is a `raw` string from then on; the TTL is kept.
 * Counterpart in Redis: `appendCommand` (t_string.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { stringValue, writeOfType } from '../../server/keyspace.ts';
import { checkStringLength } from './string-generic.ts';

export const append = defineCommand({
  name: 'append',
  parse(argv) {
    return { key: argv[1], value: argv[2] };
  },
  apply(ctx, { key, value }) {
    const o = writeOfType(ctx, key, 'string');
    let total: string;
    if (!o) {
      total = value;
      ctx.db.set(key, stringValue(value));
    } else {
      checkStringLength(ctx, o.value.length, value.length);
      total = o.value + value;
      ctx.db.set(key, { type: 'string', value: total, encoding: 'raw' }, true);
    }
    ctx.server.markDirty();
    return integer(total.length);
  },
});
