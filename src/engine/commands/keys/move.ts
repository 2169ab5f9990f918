/**
 * MOVE key db — moves a key (with its TTL) to another database; replies 1, or 0 when the key
 * is missing here or exists there. Propagated as itself.
 * Counterpart in Redis: `moveCommand` (db.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';
import { dbIndexArg, inDb, lookupWrite } from '../../server/keyspace.ts';

export const move = defineCommand({
  name: 'move',
  parse(argv) {
    return { key: argv[1], db: argv[2] };
  },
  apply(ctx, args) {
    const dstId = dbIndexArg(ctx, args.db);
    if (dstId === ctx.db.id) throw new ReplyError('ERR source and destination objects are the same');
    const o = lookupWrite(ctx, args.key);
    if (!o) return integer(0);
    const expire = ctx.db.getExpire(args.key);
    const dst = inDb(ctx, dstId);
    if (lookupWrite(dst, args.key)) return integer(0);
    dst.db.set(args.key, o);
    if (expire !== undefined) dst.db.setExpire(args.key, expire);
    ctx.db.delete(args.key);
    ctx.server.markDirty();
    return integer(1);
  },
});
