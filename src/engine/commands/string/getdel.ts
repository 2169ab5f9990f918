/**
 * GETDEL key — replies the string value and deletes the key (nil if missing, WRONGTYPE for
 * another type). Propagated as `DEL key`. Counterpart in Redis: `getdelCommand` (t_string.c).
 */
import { bulk, NIL } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { deletionCommand, expectType, lookupRead, propagateAs } from '../../server/keyspace.ts';

export const getdel = defineCommand({
  name: 'getdel',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    const v = lookupRead(ctx, key);
    if (!v) return NIL;
    const value = expectType(v, 'string').value;
    ctx.db.delete(key);
    ctx.server.markDirty();
    propagateAs(ctx, [deletionCommand(ctx.server, 'lazyfree-lazy-user-del'), key]);
    return bulk(value);
  },
});
