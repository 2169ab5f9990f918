/**
 * What TTL, PTTL, EXPIRETIME and PEXPIRETIME share: -2 for a missing key, -1 for a key without
 * expiry, else the remaining time (or the absolute time), in seconds rounded to the nearest or
 * in milliseconds. Counterpart in Redis: `ttlGenericCommand` (expire.c).
 */
import type { Reply } from '../../resp/reply.ts';
import { integer } from '../../resp/reply.ts';
import type { CommandContext } from '../command.ts';
import { lookupRead } from '../../server/keyspace.ts';

export function ttlGeneric(ctx: CommandContext, key: string, ms: boolean, absolute: boolean): Reply {
  if (!lookupRead(ctx, key)) return integer(-2);
  const expire = ctx.db.getExpire(key);
  if (expire === undefined) return integer(-1);
  let ttl = absolute ? expire : expire - ctx.nowMs;
  if (ttl < 0) ttl = 0;
  return integer(ms ? ttl : Math.floor((ttl + 500) / 1000));
}
