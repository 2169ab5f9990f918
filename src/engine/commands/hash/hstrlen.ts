/**
 * HSTRLEN key field — the length of a field's value, 0 when the field or key is missing.
 * Counterpart in Redis: `hstrlenCommand` (t_hash.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { readOfType } from '../../server/keyspace.ts';

export const hstrlen = defineCommand({
  name: 'hstrlen',
  parse(argv) {
    return { key: argv[1], field: argv[2] };
  },
  apply(ctx, { key, field }) {
    return integer(readOfType(ctx, key, 'hash')?.value.get(field)?.length ?? 0);
  },
});
