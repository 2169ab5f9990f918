/**
 * What the hash commands share: the lookup that creates a missing hash, and the order of
 * fields in replies. A listpack hash keeps insertion order, as Redis's listpack does; a hash
 * that became a hash table keeps it too here (Redis's order there is its hash order, random
 * per process). Counterpart in Redis: `hashTypeLookupWriteOrCreate`, `hashTypeTryConversion`
 * (t_hash.c).
 */
import type { Bytes } from '../../types.ts';
import type { RedisValue } from '../../server/db.ts';
import type { CommandContext } from '../command.ts';
import { writeOfType } from '../../server/keyspace.ts';

export type HashValue = Extract<RedisValue, { type: 'hash' }>;

/** `hashTypeLookupWriteOrCreate`: the hash at key, created (and stored) when missing. */
export function hashForWrite(ctx: CommandContext, key: Bytes): HashValue {
  let h = writeOfType(ctx, key, 'hash');
  if (!h) {
    h = { type: 'hash', value: new Map() };
    ctx.db.set(key, h);
  }
  return h;
}
