/**
 * RANDOMKEY — a key of the selected database drawn at random (from the node's seeded
 * generator), nil when it is empty. Expired keys are skipped (and deleted on a primary).
 * Counterpart in Redis: `randomkeyCommand` / `dbRandomKey` (db.c).
 */
import { bulk, NIL } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const randomkey = defineCommand({
  name: 'randomkey',
  parse() {
    return {};
  },
  apply(ctx) {
    const key = ctx.db.randomKey(ctx.server.rng, ctx.server.expiryContext());
    return key === null ? NIL : bulk(key);
  },
});
