/**
 * HGET key field — the value of a field, nil when the field or the key is missing.
 * Counterpart in Redis: `hgetCommand` (t_hash.c).
 */
import { bulk, NIL } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { readOfType } from '../../server/keyspace.ts';

export const hget = defineCommand({
  name: 'hget',
  parse(argv) {
    return { key: argv[1], field: argv[2] };
  },
  apply(ctx, { key, field }) {
    const v = readOfType(ctx, key, 'hash')?.value.get(field);
    return v === undefined ? NIL : bulk(v);
  },
});
