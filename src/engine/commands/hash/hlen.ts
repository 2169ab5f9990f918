/**
 * HLEN key — the number of fields, 0 when missing. Counterpart in Redis: `hlenCommand` (t_hash.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { readOfType } from '../../server/keyspace.ts';

export const hlen = defineCommand({
  name: 'hlen',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    return integer(readOfType(ctx, key, 'hash')?.value.size ?? 0);
  },
});
