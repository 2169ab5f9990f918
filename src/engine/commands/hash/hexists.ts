/**
 * HEXISTS key field — 1 if the field exists, else 0. Counterpart in Redis: `hexistsCommand` (t_hash.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { readOfType } from '../../server/keyspace.ts';

export const hexists = defineCommand({
  name: 'hexists',
  parse(argv) {
    return { key: argv[1], field: argv[2] };
  },
  apply(ctx, { key, field }) {
    return integer(readOfType(ctx, key, 'hash')?.value.has(field) ? 1 : 0);
  },
});
