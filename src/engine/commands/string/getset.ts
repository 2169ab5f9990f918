/**
 * GETSET key value — sets the key and replies its old value (nil if missing); WRONGTYPE leaves
 * the key alone. The new value drops any expiry. Propagated as `SET key value`.
 * Counterpart in Redis: `getsetCommand` (t_string.c).
 */
import { bulk, NIL } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { expectType, lookupRead, propagateAs, stringValue } from '../../server/keyspace.ts';

export const getset = defineCommand({
  name: 'getset',
  parse(argv) {
    return { key: argv[1], value: argv[2] };
  },
  apply(ctx, { key, value }) {
    const old = lookupRead(ctx, key);
    const reply = old ? bulk(expectType(old, 'string').value) : NIL;
    ctx.db.set(key, stringValue(value));
    ctx.server.markDirty();
    propagateAs(ctx, ['SET', key, value]);
    return reply;
  },
});
