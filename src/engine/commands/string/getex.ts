/**
 * GETEX key [EX s|PX ms|EXAT unix-s|PXAT unix-ms|PERSIST] — GET that also sets or removes the
 * key's expiry. Never propagated as itself: an expiry becomes `PEXPIREAT key <ms>`, an
 * EXAT/PXAT already in the past deletes the key (`DEL key`), PERSIST that removed a TTL becomes
 * `PERSIST key`; a plain GETEX changes nothing and propagates nothing.
 * Counterpart in Redis: `getexCommand` (t_string.c).
 */
import { bulk, NIL } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { deletionCommand, expectType, lookupRead, propagateAs } from '../../server/keyspace.ts';
import { alreadyExpired, expireAtMs, parseStringOptions } from './string-generic.ts';

export const getex = defineCommand({
  name: 'getex',
  parse(argv) {
    return { key: argv[1], options: parseStringOptions(argv, 'get') };
  },
  apply(ctx, { key, options }) {
    const v = lookupRead(ctx, key);
    if (!v) return NIL;
    const value = expectType(v, 'string').value;
    const expire = options.expire;
    const whenMs = expire ? expireAtMs(ctx, expire.arg, expire.unit, 'getex') : null;
    if (whenMs !== null && (expire!.unit === 'EXAT' || expire!.unit === 'PXAT') && alreadyExpired(ctx, whenMs)) {
      ctx.db.delete(key);
      propagateAs(ctx, [deletionCommand(ctx.server, 'lazyfree-lazy-expire'), key]);
      ctx.server.markDirty();
    } else if (whenMs !== null) {
      ctx.db.setExpire(key, Number(whenMs));
      propagateAs(ctx, ['PEXPIREAT', key, whenMs.toString()]);
      ctx.server.markDirty();
    } else if (options.persist && ctx.db.removeExpire(key)) {
      propagateAs(ctx, ['PERSIST', key]);
      ctx.server.markDirty();
    }
    return bulk(value);
  },
});
