/**
 * What the set commands share: building a result set, random draws from the node's seeded
 * generator, and storing a result (SINTERSTORE and friends).
 *
 * Member order: an intset (all members integers, at most `set-max-intset-entries`) iterates in
 * numeric order, as Redis's does; a set that is a hash table iterates here in insertion order,
 * where Redis follows its hash table's order (random per process). Redis 7.0 has no listpack
 * sets, so even a small set of strings is a hash table there.
 * Counterpart in Redis: `setTypeCreate`, `setTypeAdd`, `setTypeRandomElement` (t_set.c).
 */
import type { Bytes } from '../../types.ts';
import type { Reply } from '../../resp/reply.ts';
import { integer } from '../../resp/reply.ts';
import type { RedisValue } from '../../server/db.ts';
import type { CommandContext } from '../command.ts';
import { noteSetGrowth, setMembers } from '../../server/keyspace.ts';
import { randomInt } from '../../util/random.ts';

export type SetValue = Extract<RedisValue, { type: 'set' }>;

/** A new set holding `members` (in that order), with the encoding Redis would give it. */
export function newSet(ctx: CommandContext, members: Iterable<Bytes>): SetValue {
  const s: SetValue = { type: 'set', value: new Set(members) };
  noteSetGrowth(ctx.server, s, [...s.value]);
  return s;
}

/** Members in iteration order (see the module comment). */
export function members(ctx: CommandContext, s: SetValue): Bytes[] {
  return setMembers(ctx.server, s);
}

/** A member drawn uniformly from the node's seeded generator. */
export function randomMember(ctx: CommandContext, list: Bytes[]): Bytes {
  return list[randomInt(ctx.server.rng, list.length)];
}

/**
 * Stores a computed set at `dst` as the *STORE commands do: the set replaces any value (and
 * TTL); an empty result deletes `dst` instead. One change either way (none when there was
 * nothing to delete). Replies the result's size.
 */
export function storeSet(ctx: CommandContext, dst: Bytes, result: SetValue): Reply {
  if (result.value.size > 0) {
    ctx.db.set(dst, result);
    ctx.server.markDirty();
    return integer(result.value.size);
  }
  if (ctx.db.delete(dst)) ctx.server.markDirty();
  return integer(0);
}
