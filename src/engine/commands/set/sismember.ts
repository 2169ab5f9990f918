/**
 * SISMEMBER key member — 1 if the member is in the set, else 0.
 * Counterpart in Redis: `sismemberCommand` (t_set.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { readOfType } from '../../server/keyspace.ts';

export const sismember = defineCommand({
  name: 'sismember',
  parse(argv) {
    return { key: argv[1], member: argv[2] };
  },
  apply(ctx, { key, member }) {
    return integer(readOfType(ctx, key, 'set')?.value.has(member) ? 1 : 0);
  },
});
