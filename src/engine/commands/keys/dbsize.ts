/**
 * DBSIZE — the number of keys in the selected database, counting keys that have expired but
 * were not deleted yet (as Redis counts its dict). Counterpart in Redis: `dbsizeCommand` (db.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const dbsize = defineCommand({
  name: 'dbsize',
  parse() {
    return {};
  },
  apply(ctx) {
    return integer(ctx.db.size);
  },
});
