/**
 * Key lookups as commands make them, with Redis's hit/miss accounting, type checks, object
 * encodings and the propagation calls data commands share.
 *
 * Counterpart in Redis: `lookupKey`, `lookupKeyRead`, `lookupKeyWrite` and `expireIfNeeded`
 * (db.c, expire.c), `checkType`, `tryObjectEncoding`, `strEncoding` and `getObjectTypeName`
 * (object.c), the encoding conversions of t_hash.c and t_set.c, and `rewriteClientCommandVector`
 * / `alsoPropagate` / `preventCommandPropagation` (networking.c, server.c) as commands use them.
 */
import type { Bytes } from '../types.ts';
import type { CommandContext } from '../commands/command.ts';
import { Errors, ReplyError } from '../commands/command.ts';
import { ServerConfig } from '../config/server-config.ts';
import type { RedisServer } from './server.ts';
import { integer, type Reply } from '../resp/reply.ts';
import type { RedisValue, ValueType } from './db.ts';

/**
 * Looks a key up the way `lookupKey` does. An expired key is missing; it is deleted (and a DEL
 * propagated) on a primary, and on a writable replica for a write. A replica keeps it for the
 * commands its primary sends: the primary alone decides when a key expires.
 */
function lookupKey(ctx: CommandContext, key: Bytes, write: boolean): RedisValue | undefined {
  const { db, server } = ctx;
  const value = db.keys.get(key);
  if (value === undefined) return undefined;
  const exp = server.expiryContext();
  if (!db.isExpired(key, exp.nowMs)) return value;
  if (server.replication.isReplica) {
    if (ctx.client.kind === 'primary') return value;
    if (write && !server.config.bool('replica-read-only')) db.expire(key, exp);
    return undefined;
  }
  if (exp.mayExpire) db.expire(key, exp);
  return undefined;
}

/** Looks a key up for reading (`lookupKeyRead`): counts a keyspace hit or miss. */
export function lookupRead(ctx: CommandContext, key: Bytes): RedisValue | undefined {
  const v = lookupKey(ctx, key, false);
  if (v) ctx.server.stats.keyspaceHits++;
  else ctx.server.stats.keyspaceMisses++;
  return v;
}

/** Looks a key up before writing it (`lookupKeyWrite`): no hit/miss accounting. */
export function lookupWrite(ctx: CommandContext, key: Bytes): RedisValue | undefined {
  return lookupKey(ctx, key, true);
}

/** Narrows a value to a type, or throws WRONGTYPE (`checkType`). */
export function expectType<T extends ValueType>(v: RedisValue, type: T): Extract<RedisValue, { type: T }> {
  if (v.type !== type) throw new ReplyError(Errors.wrongType);
  return v as Extract<RedisValue, { type: T }>;
}

/** `lookupKeyRead` then `checkType`: the value of that type, undefined when missing. */
export function readOfType<T extends ValueType>(ctx: CommandContext, key: Bytes, type: T): Extract<RedisValue, { type: T }> | undefined {
  const v = lookupRead(ctx, key);
  return v === undefined ? undefined : expectType(v, type);
}

/** `lookupKeyWrite` then `checkType`: the value of that type, undefined when missing. */
export function writeOfType<T extends ValueType>(ctx: CommandContext, key: Bytes, type: T): Extract<RedisValue, { type: T }> | undefined {
  const v = lookupWrite(ctx, key);
  return v === undefined ? undefined : expectType(v, type);
}

/** Deletes an aggregate that became empty, as every list/hash/set command does. True if deleted. */
export function deleteIfEmpty(ctx: CommandContext, key: Bytes, v: RedisValue): boolean {
  const size = v.type === 'list' ? v.value.length : v.type === 'string' ? 1 : v.value.size;
  if (size !== 0) return false;
  ctx.db.delete(key);
  return true;
}

// -----------------------------------------------------------------------------------------
// Propagation
// -----------------------------------------------------------------------------------------

/** The command reaches the AOF and replicas as these commands instead of its own argv (`rewriteClientCommandVector`). */
export function propagateAs(ctx: CommandContext, ...argvs: Bytes[][]): void {
  ctx.server.replication.rewrite(argvs);
}

/** The command itself is not propagated (`preventCommandPropagation`); what it also propagates still is. */
export function propagateNothing(ctx: CommandContext): void {
  ctx.server.replication.suppress();
}

/** Propagates a command of its own besides the running one (`alsoPropagate`). */
export function alsoPropagate(ctx: CommandContext, argv: Bytes[]): void {
  ctx.server.replication.alsoPropagate(ctx.db.id, argv);
}

// -----------------------------------------------------------------------------------------
// Numbers as Redis reads them
// -----------------------------------------------------------------------------------------

const LLONG_MAX = 9223372036854775807n;
const LLONG_MIN = -9223372036854775808n;

/** `string2ll`: a strict decimal integer in the signed 64-bit range (no `+`, no leading zeros, no spaces). */
export function toLongLong(s: Bytes): bigint | null {
  if (s.length === 0 || s.length > 20) return null;
  if (s === '0') return 0n;
  if (!/^-?[1-9][0-9]*$/.test(s)) return null;
  const v = BigInt(s);
  return v > LLONG_MAX || v < LLONG_MIN ? null : v;
}

/** `getLongLongFromObjectOrReply`: the integer, or throws Redis's error (default: not an integer). */
export function longLongArg(s: Bytes, message: string = Errors.notInteger): bigint {
  const v = toLongLong(s);
  if (v === null) throw new ReplyError(message);
  return v;
}

/** Like {@link longLongArg} as a JS number (exact up to 2^53; indexes and counts need no more). */
export function longArg(s: Bytes, message: string = Errors.notInteger): number {
  return Number(longLongArg(s, message));
}

export { LLONG_MAX, LLONG_MIN };

/**
 * `getRangeLongFromObjectOrReply`: an integer within [min, max]. With a message, that message
 * is the error for a non-integer and for a value out of range alike; without one, a non-integer
 * is "value is not an integer or out of range" and a value out of range names the bounds.
 */
export function rangeLongArg(s: Bytes, min: number, max: number, message?: string): number {
  const v = longLongArg(s, message === undefined ? Errors.notInteger : `ERR ${message}`);
  if (v < BigInt(min) || v > BigInt(max)) {
    throw new ReplyError(message !== undefined ? `ERR ${message}` : `ERR value is out of range, value must between ${min} and ${max}`);
  }
  return Number(v);
}

/** `getPositiveLongFromObjectOrReply`: a non-negative integer ("value is out of range, must be positive"). */
export function positiveLongArg(s: Bytes, message = 'value is out of range, must be positive'): number {
  const v = longLongArg(s, `ERR ${message}`);
  if (v < 0n) throw new ReplyError(`ERR ${message}`);
  return Number(v);
}

// -----------------------------------------------------------------------------------------
// Encodings (OBJECT ENCODING and the order of small aggregates)
// -----------------------------------------------------------------------------------------

/** Redis 7.0's defaults for the compact encodings, overridden by the config when it knows them. */
function configSize(server: RedisServer, name: string, def: number): number {
  if (!ServerConfig.lookup(name)) return def;
  const n = server.config.int(name);
  return Number.isFinite(n) ? n : def;
}

export function hashMaxListpackEntries(server: RedisServer): number {
  return configSize(server, 'hash-max-listpack-entries', 512);
}

export function hashMaxListpackValue(server: RedisServer): number {
  return configSize(server, 'hash-max-listpack-value', 64);
}

export function setMaxIntsetEntries(server: RedisServer): number {
  return configSize(server, 'set-max-intset-entries', 512);
}

/** What `tryObjectEncoding` makes of a string value: `int`, `embstr` (≤ 44 bytes) or `raw`. */
export function stringEncoding(v: Extract<RedisValue, { type: 'string' }>): 'int' | 'embstr' | 'raw' {
  if (v.encoding) return v.encoding;
  if (v.value.length <= 20 && toLongLong(v.value) !== null) return 'int';
  return v.value.length <= 44 ? 'embstr' : 'raw';
}

/** A string value as `tryObjectEncoding` leaves a command argument. */
export function stringValue(value: Bytes): RedisValue {
  return { type: 'string', value };
}

/** A string created by `createStringObject` (never integer-encoded): embstr or raw by length. */
export function createdString(value: Bytes): RedisValue {
  return { type: 'string', value, encoding: value.length <= 44 ? 'embstr' : 'raw' };
}

/** Whether a set member fits an intset (`isSdsRepresentableAsLongLong`). */
export function isIntsetMember(m: Bytes): boolean {
  return toLongLong(m) !== null;
}

/** The encoding a set has now: `intset` while small and all-integer, else `hashtable` for good. */
export function setEncoding(server: RedisServer, v: Extract<RedisValue, { type: 'set' }>): 'intset' | 'hashtable' {
  if (v.hashtable) return 'hashtable';
  let intset = v.value.size <= setMaxIntsetEntries(server);
  if (intset) for (const m of v.value) if (!isIntsetMember(m)) { intset = false; break; }
  if (!intset) v.hashtable = true;
  return intset ? 'intset' : 'hashtable';
}

/** The encoding a hash has now: `listpack` while small, else `hashtable` for good. */
export function hashEncoding(server: RedisServer, v: Extract<RedisValue, { type: 'hash' }>): 'listpack' | 'hashtable' {
  if (v.hashtable) return 'hashtable';
  let small = v.value.size <= hashMaxListpackEntries(server);
  if (small) {
    const max = hashMaxListpackValue(server);
    for (const [f, val] of v.value) if (f.length > max || val.length > max) { small = false; break; }
  }
  if (!small) v.hashtable = true;
  return small ? 'listpack' : 'hashtable';
}

/**
 * Records a hash's conversion to a hash table before the fields that caused it can go away.
 * Call after adding fields, with the lengths Redis checks on insertion (`hashTypeTryConversion`
 * looks at the arguments of HSET/HSETNX/HMSET; every insertion checks the entry count).
 */
export function noteHashGrowth(server: RedisServer, v: Extract<RedisValue, { type: 'hash' }>, inserted: Bytes[] = []): void {
  if (v.hashtable) return;
  const max = hashMaxListpackValue(server);
  if (v.value.size > hashMaxListpackEntries(server) || inserted.some((s) => s.length > max)) v.hashtable = true;
}

/** Records a set's conversion from intset once a member or the size no longer fits. */
export function noteSetGrowth(server: RedisServer, v: Extract<RedisValue, { type: 'set' }>, added: Bytes[] = []): void {
  if (v.hashtable) return;
  if (v.value.size > setMaxIntsetEntries(server) || added.some((m) => !isIntsetMember(m))) v.hashtable = true;
}

/**
 * A set's members in Redis's iteration order where it is knowable: an intset is sorted by
 * value; a hash table's order is Redis's hash order, random per process, so insertion order
 * stands in for it.
 */
export function setMembers(server: RedisServer, v: Extract<RedisValue, { type: 'set' }>): Bytes[] {
  const members = [...v.value];
  if (setEncoding(server, v) === 'intset') {
    members.sort((a, b) => {
      const x = BigInt(a);
      const y = BigInt(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  return members;
}

/** OBJECT ENCODING's answer for a value, as Redis 7.0 would give it. */
export function objectEncoding(server: RedisServer, v: RedisValue): string {
  switch (v.type) {
    case 'string':
      return stringEncoding(v);
    case 'list':
      return 'quicklist'; // Redis 7.0 stores every list as a quicklist (listpack lists came in 7.2)
    case 'hash':
      return hashEncoding(server, v);
    case 'set':
      return setEncoding(server, v);
  }
}

/** Deep copy of a value (COPY), keeping its encoding. */
export function cloneValue(v: RedisValue): RedisValue {
  switch (v.type) {
    case 'string':
      return { ...v };
    case 'list':
      return { type: 'list', value: [...v.value] };
    case 'hash':
      return { type: 'hash', value: new Map(v.value), hashtable: v.hashtable };
    case 'set':
      return { type: 'set', value: new Set(v.value), hashtable: v.hashtable };
  }
}

/**
 * The command a deletion is propagated as: `UNLINK` when the matching `lazyfree-lazy-*`
 * directive is on, `DEL` otherwise (Redis 7.0's defaults are all `no`).
 */
export function deletionCommand(server: RedisServer, which: 'lazyfree-lazy-user-del' | 'lazyfree-lazy-expire'): 'DEL' | 'UNLINK' {
  return ServerConfig.lookup(which) && server.config.bool(which) ? 'UNLINK' : 'DEL';
}

/**
 * The command is propagated even when it changed nothing (`forceCommandPropagation`), as
 * FLUSHDB and FLUSHALL are: the replica and the AOF must see them to stay identical.
 */
export function forcePropagation(ctx: CommandContext, argv: Bytes[]): void {
  ctx.server.replication.suppress();
  ctx.server.replication.alsoPropagate(ctx.db.id, argv);
}

/**
 * `expireIfNeeded` as DEL and the key iterators call it: true when the key is logically
 * expired. On a primary the key is deleted (and a DEL propagated); a replica only reports it.
 */
export function expireIfNeeded(ctx: CommandContext, key: Bytes): boolean {
  const { db, server } = ctx;
  if (!db.keys.has(key)) return false;
  const exp = server.expiryContext();
  if (!db.isExpired(key, exp.nowMs)) return false;
  if (server.replication.isReplica) return ctx.client.kind !== 'primary';
  if (exp.mayExpire) db.expire(key, exp);
  return true;
}

/** TYPE's name for a value, `none` when missing (`getObjectTypeName`). */
export function typeName(v: RedisValue | undefined): string {
  return v === undefined ? 'none' : v.type;
}

/** The context of a command, pointed at another database (MOVE, COPY … DB n). */
export function inDb(ctx: CommandContext, dbId: number): CommandContext {
  return { ...ctx, db: ctx.server.dbs[dbId] };
}

/**
 * A database index argument (`getIntFromObjectOrReply` then `selectDb`'s range check):
 * "value is not an integer or out of range", or "DB index is out of range".
 */
export function dbIndexArg(ctx: CommandContext, arg: Bytes): number {
  const id = rangeLongArg(arg, -2147483648, 2147483647);
  if (id < 0 || id >= ctx.server.dbs.length) throw new ReplyError(Errors.dbIndex);
  return id;
}

/**
 * An integer reply that stays exact beyond 2^53 (INCR near the 64-bit limits): such a value is
 * sent as its RESP bytes, since a JS number cannot hold it.
 */
export function integerReply(v: bigint): Reply {
  return v >= -9007199254740991n && v <= 9007199254740991n ? integer(Number(v)) : { type: 'raw', value: `:${v}\r\n` };
}
