/**
 * SCARD key — the number of members, 0 when missing. Counterpart in Redis: `scardCommand` (t_set.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { readOfType } from '../../server/keyspace.ts';

export const scard = defineCommand({
  name: 'scard',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    return integer(readOfType(ctx, key, 'set')?.value.size ?? 0);
  },
});
