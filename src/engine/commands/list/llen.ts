/**
 * LLEN key — the length of the list, 0 when missing.
 * Counterpart in Redis: `llenCommand` (t_list.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { readOfType } from '../../server/keyspace.ts';

export const llen = defineCommand({
  name: 'llen',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    return integer(readOfType(ctx, key, 'list')?.value.length ?? 0);
  },
});
