/**
 * What RENAME and RENAMENX share: "no such key" for a missing source, nothing to do when both
 * names are the same, the TTL moves with the value, an existing destination is replaced
 * (RENAME) or left alone (RENAMENX). Counterpart in Redis: `renameGenericCommand` (db.c).
 */
import type { Reply } from '../../resp/reply.ts';
import { integer, OK } from '../../resp/reply.ts';
import type { CommandContext } from '../command.ts';
import { Errors, ReplyError } from '../command.ts';
import { lookupWrite } from '../../server/keyspace.ts';

export function renameGeneric(ctx: CommandContext, src: string, dst: string, nx: boolean): Reply {
  const o = lookupWrite(ctx, src);
  if (!o) throw new ReplyError(Errors.noSuchKey);
  if (src === dst) return nx ? integer(0) : OK;
  const expire = ctx.db.getExpire(src);
  if (lookupWrite(ctx, dst)) {
    if (nx) return integer(0);
    ctx.db.delete(dst);
  }
  ctx.db.set(dst, o);
  if (expire !== undefined) ctx.db.setExpire(dst, expire);
  ctx.db.delete(src);
  ctx.server.markDirty();
  return nx ? integer(1) : OK;
}
