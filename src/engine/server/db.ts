/**
 * One logical database: keys, their values and their expiry times on the virtual clock.
 *
 * Counterpart in Redis: db.c (`lookupKeyRead`, `lookupKeyWrite`, `setKey`, `dbDelete`,
 * `dbRandomKey`, `scanGenericCommand`'s walk of the main dict) and expire.c. A key whose time
 * has passed is gone for every reader at once (lazy expiry); the server's cron also samples keys
 * and deletes the expired ones (active expiry). On a primary each deletion of an expired key is
 * propagated to replicas as a `DEL`, so replicas never expire keys themselves: they report such
 * a key as missing to readers but keep it until the primary's DEL arrives, exactly as Redis 7
 * does.
 *
 * Change keys through `set`, `delete` and `clear` (not through the `keys` map directly): they
 * keep the SCAN index current.
 */
import type { Bytes, Rng } from '../types.ts';
import { randomInt } from '../util/random.ts';

/**
 * A value and what Redis 7.0 would know of its encoding. The optional flags record conversions
 * Redis never undoes (a string modified in place is `raw`, one made by INCRBYFLOAT never `int`; a hash or set that outgrew its
 * compact encoding stays a hash table); without them the encoding follows from the content,
 * as it does for an object freshly loaded from an RDB file.
 */
export type RedisValue =
  | { type: 'string'; value: Bytes; encoding?: 'raw' | 'embstr' }
  | { type: 'list'; value: Bytes[] }
  | { type: 'hash'; value: Map<Bytes, Bytes>; hashtable?: boolean }
  | { type: 'set'; value: Set<Bytes>; hashtable?: boolean };

export type ValueType = RedisValue['type'];

/** What a lookup needs to know of the server: the clock, and whether it may delete expired keys. */
export interface ExpiryContext {
  nowMs: number;
  /** True on a primary (and on a writable replica for its own keys): expired keys are deleted. */
  mayExpire: boolean;
  /** Called with the key when an expired key is deleted, so the server can propagate a DEL. */
  onExpired(db: Db, key: Bytes): void;
}

/** One SCAN step's result: the keys of the buckets visited and the cursor to continue from. */
export interface ScanStep {
  cursor: bigint;
  keys: Bytes[];
}

export class Db {
  readonly id: number;
  readonly keys = new Map<Bytes, RedisValue>();
  readonly expires = new Map<Bytes, number>();
  /** Counters for INFO stats. */
  expiredKeys = 0;
  /** Bumped whenever the set of keys changes; the SCAN index is rebuilt when it is stale. */
  private version = 0;
  private scanIndex: { version: number; size: number; positions: Uint32Array; keys: Bytes[] } | null = null;

  constructor(id: number) {
    this.id = id;
  }

  get size(): number {
    return this.keys.size;
  }

  /** Looks a key up, honouring expiry; returns undefined when missing or logically expired. */
  lookup(key: Bytes, ctx: ExpiryContext): RedisValue | undefined {
    if (this.isExpired(key, ctx.nowMs)) {
      if (ctx.mayExpire) this.expire(key, ctx);
      return undefined;
    }
    return this.keys.get(key);
  }

  isExpired(key: Bytes, nowMs: number): boolean {
    const when = this.expires.get(key);
    return when !== undefined && when <= nowMs;
  }

  /** Deletes an expired key and reports it (Redis's `deleteExpiredKeyAndPropagate`). */
  expire(key: Bytes, ctx: ExpiryContext): void {
    this.delete(key);
    this.expiredKeys++;
    ctx.onExpired(this, key);
  }

  /** Stores a value; drops any expiry unless `keepTtl` (Redis's `setKey` with SETKEY_KEEPTTL). */
  set(key: Bytes, value: RedisValue, keepTtl = false): void {
    // One hash lookup: a new key shows as a grown map (loading an RDB sets millions).
    const before = this.keys.size;
    this.keys.set(key, value);
    if (this.keys.size !== before) this.version++;
    if (!keepTtl && this.expires.size !== 0) this.expires.delete(key);
  }

  delete(key: Bytes): boolean {
    this.expires.delete(key);
    const had = this.keys.delete(key);
    if (had) this.version++;
    return had;
  }

  setExpire(key: Bytes, whenMs: number): void {
    this.expires.set(key, whenMs);
  }

  getExpire(key: Bytes): number | undefined {
    return this.expires.get(key);
  }

  /** Removes a key's expiry (`removeExpire`); true when it had one. */
  removeExpire(key: Bytes): boolean {
    return this.expires.delete(key);
  }

  clear(): number {
    const n = this.keys.size;
    this.keys.clear();
    this.expires.clear();
    this.version++;
    return n;
  }

  /**
   * Active expiry: deletes up to `budget` expired keys among those with a TTL. Redis samples 20
   * keys per loop and repeats while more than a quarter were expired; here the scan is bounded
   * by the same budget, which gives the same observable result at lab scale. Only a primary
   * runs it (`ctx.mayExpire`): a replica waits for its primary's DELs.
   */
  activeExpire(ctx: ExpiryContext, budget = 200): number {
    let removed = 0;
    if (!ctx.mayExpire) return 0;
    for (const [key, when] of this.expires) {
      if (removed >= budget) break;
      if (when <= ctx.nowMs) {
        this.expire(key, ctx);
        removed++;
      }
    }
    return removed;
  }

  /**
   * A key drawn at random (`dbRandomKey`), skipping keys that have expired: they are deleted
   * on the way when `ctx.mayExpire`. On a replica whose keys all carry a TTL, after 100 tries
   * it returns a key that may be logically expired, as Redis does to avoid looping forever.
   */
  randomKey(rng: Rng, ctx: ExpiryContext): Bytes | null {
    let tries = 100;
    const allVolatile = this.keys.size === this.expires.size;
    for (;;) {
      if (this.keys.size === 0) return null;
      const key = this.nthKey(randomInt(rng, this.keys.size));
      if (this.expires.has(key)) {
        if (allVolatile && !ctx.mayExpire && --tries === 0) return key;
        if (this.isExpired(key, ctx.nowMs)) {
          if (ctx.mayExpire) this.expire(key, ctx);
          continue;
        }
      }
      return key;
    }
  }

  /** The n-th key: from the SCAN index when it is current, else by walking the map (O(n), no sort). */
  private nthKey(n: number): Bytes {
    const cached = this.scanIndex;
    if (cached && cached.version === this.version && cached.size === this.keys.size) return cached.keys[n];
    let i = 0;
    for (const key of this.keys.keys()) if (i++ === n) return key;
    throw new Error('nthKey out of range');
  }

  /**
   * One step of SCAN over the key space (`dictScan`), with Redis's cursor guarantee: a key
   * present from the first call to the last is returned at least once, whatever is added or
   * removed meanwhile. Keys live in the buckets of a virtual hash table sized like Redis's
   * (the smallest power of two ≥ the key count, at least 4); the cursor walks buckets in
   * reverse-binary order, which is a walk in increasing order of the bit-reversed hash, so a
   * table that grows or shrinks between calls does not lose keys. Stops after `count` keys or
   * `count × 10` buckets, returns whole buckets, and a cursor of 0 once the walk is complete.
   */
  scan(cursor: bigint, count: number): ScanStep {
    const index = this.currentScanIndex();
    const bits = tableBits(this.keys.size);
    const mask = (1 << bits) - 1;
    const bucketOf = (cur: bigint): number => Number(cur & BigInt(mask));
    // The position (in reverse-binary order) of the cursor's bucket.
    let pos = reverseBits(bucketOf(cursor), bits);
    const keys: Bytes[] = [];
    const shift = 32 - bits;
    let i = lowerBound(index.positions, pos * 2 ** shift);
    let iterations = count * 10;
    const buckets = 1 << bits;
    do {
      const lo = pos * 2 ** shift;
      const hi = (pos + 1) * 2 ** shift;
      while (i < index.positions.length && index.positions[i] < lo) i++;
      while (i < index.positions.length && index.positions[i] < hi) {
        const k = index.keys[i++];
        if (this.keys.has(k)) keys.push(k);
      }
      pos++;
    } while (pos < buckets && iterations-- && keys.length < count);
    const next = pos >= buckets ? 0n : BigInt(reverseBits(pos, bits));
    return { cursor: next, keys };
  }

  /** Keys sorted by their bit-reversed hash, rebuilt only when keys were added or removed. */
  private currentScanIndex(): { positions: Uint32Array; keys: Bytes[] } {
    const cached = this.scanIndex;
    if (cached && cached.version === this.version && cached.size === this.keys.size) return cached;
    const entries: { pos: number; key: Bytes }[] = [];
    for (const key of this.keys.keys()) entries.push({ pos: reverseBits(hashKey(key), 32), key });
    entries.sort((a, b) => a.pos - b.pos || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const positions = new Uint32Array(entries.length);
    entries.forEach((e, n) => (positions[n] = e.pos));
    const index = { version: this.version, size: this.keys.size, positions, keys: entries.map((e) => e.key) };
    this.scanIndex = index;
    return index;
  }
}

/** log2 of the table size Redis's dict would have for `n` keys (at least 4 buckets). */
function tableBits(n: number): number {
  let bits = 2;
  while (bits < 31 && 2 ** bits < n) bits++;
  return bits;
}

/** The low `bits` bits of `v`, reversed. */
function reverseBits(v: number, bits: number): number {
  let r = 0;
  for (let b = 0; b < bits; b++) {
    r = r * 2 + (v & 1);
    v >>>= 1;
  }
  return r;
}

function lowerBound(a: Uint32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A 32-bit hash of a key (FNV-1a with a final avalanche); stands in for Redis's SipHash. */
function hashKey(key: Bytes): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
