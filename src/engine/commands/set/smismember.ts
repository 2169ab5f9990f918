/**
 * SMISMEMBER key member [member ...] — 1 or 0 for each member (all 0 for a missing key).
 * Counterpart in Redis: `smismemberCommand` (t_set.c).
 */
import { array, integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { readOfType } from '../../server/keyspace.ts';

export const smismember = defineCommand({
  name: 'smismember',
  parse(argv) {
    return { key: argv[1], members: argv.slice(2) };
  },
  apply(ctx, { key, members }) {
    const s = readOfType(ctx, key, 'set');
    return array(members.map((m) => integer(s?.value.has(m) ? 1 : 0)));
  },
});
