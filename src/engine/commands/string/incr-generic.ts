/**
 * What INCR, DECR, INCRBY and DECRBY share: read the string as a signed 64-bit integer, add,
 * refuse an overflow, store the result (keeping the TTL), reply the new value.
 * Counterpart in Redis: `incrDecrCommand` (t_string.c).
 */
import type { Reply } from '../../resp/reply.ts';
import type { CommandContext } from '../command.ts';
import { Errors, ReplyError } from '../command.ts';
import { integerReply, LLONG_MAX, LLONG_MIN, longLongArg, stringValue, writeOfType } from '../../server/keyspace.ts';

export function incrDecr(ctx: CommandContext, key: string, incr: bigint): Reply {
  const o = writeOfType(ctx, key, 'string');
  const old = o ? longLongArg(o.value) : 0n;
  if ((incr < 0n && old < 0n && incr < LLONG_MIN - old) || (incr > 0n && old > 0n && incr > LLONG_MAX - old)) {
    throw new ReplyError(Errors.overflow);
  }
  const value = old + incr;
  ctx.db.set(key, stringValue(value.toString()), true);
  ctx.server.markDirty();
  return integerReply(value);
}
