/**
 * COPY source destination [DB destination-db] [REPLACE] — copies a value (and its TTL) to
 * another key, possibly in another database; replies 1, or 0 when the source is missing or
 * the destination exists without REPLACE. Propagated as itself.
 * Counterpart in Redis: `copyCommand` (db.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';
import { cloneValue, dbIndexArg, inDb, lookupRead, lookupWrite } from '../../server/keyspace.ts';

export const copy = defineCommand({
  name: 'copy',
  parse(argv) {
    return { argv };
  },
  apply(ctx, { argv }) {
    let replace = false;
    let dstId = ctx.db.id;
    for (let j = 3; j < argv.length; j++) {
      const opt = argv[j].toLowerCase();
      if (opt === 'replace') replace = true;
      else if (opt === 'db' && j + 1 < argv.length) dstId = dbIndexArg(ctx, argv[++j]);
      else throw new ReplyError(Errors.syntax);
    }
    const [key, newkey] = [argv[1], argv[2]];
    if (dstId === ctx.db.id && key === newkey) throw new ReplyError('ERR source and destination objects are the same');
    const o = lookupRead(ctx, key);
    if (!o) return integer(0);
    const expire = ctx.db.getExpire(key);
    const dst = inDb(ctx, dstId);
    if (lookupWrite(dst, newkey)) {
      if (!replace) return integer(0);
      dst.db.delete(newkey);
    }
    dst.db.set(newkey, cloneValue(o));
    if (expire !== undefined) dst.db.setExpire(newkey, expire);
    ctx.server.markDirty();
    return integer(1);
  },
});
