/**
 * Key lookups as commands make them, with Redis's hit/miss accounting and type checks.
 * Counterpart in Redis: `lookupKeyRead`, `lookupKeyWrite`, `checkType` (db.c, object.c).
 */
import type { Bytes } from '../types.ts';
import type { CommandContext } from '../commands/command.ts';
import { Errors, ReplyError } from '../commands/command.ts';
import type { RedisValue, ValueType } from './db.ts';

/** Looks a key up for reading: counts a keyspace hit or miss. */
export function lookupRead(ctx: CommandContext, key: Bytes): RedisValue | undefined {
  const v = ctx.db.lookup(key, ctx.server.expiryContext());
  if (v) ctx.server.stats.keyspaceHits++;
  else ctx.server.stats.keyspaceMisses++;
  return v;
}

/** Looks a key up before writing it: no hit/miss accounting. */
export function lookupWrite(ctx: CommandContext, key: Bytes): RedisValue | undefined {
  return ctx.db.lookup(key, ctx.server.expiryContext());
}

/** Narrows a value to a type, or throws WRONGTYPE. */
export function expectType<T extends ValueType>(v: RedisValue, type: T): Extract<RedisValue, { type: T }> {
  if (v.type !== type) throw new ReplyError(Errors.wrongType);
  return v as Extract<RedisValue, { type: T }>;
}
