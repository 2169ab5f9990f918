/**
 * One logical database: keys, their values and their expiry times on the virtual clock.
 *
 * Counterpart in Redis: db.c (`lookupKeyRead`, `lookupKeyWrite`, `setKey`, `dbDelete`) and
 * expire.c. A key whose time has passed is gone for every reader at once (lazy expiry); the
 * server's cron also samples keys and deletes the expired ones (active expiry). On a primary
 * each deletion of an expired key is propagated to replicas as a `DEL`, so replicas never
 * expire keys themselves: they report such a key as missing to readers but keep it until the
 * primary's DEL arrives, exactly as Redis 7 does.
 */
import type { Bytes } from '../types.ts';

export type RedisValue =
  | { type: 'string'; value: Bytes }
  | { type: 'list'; value: Bytes[] }
  | { type: 'hash'; value: Map<Bytes, Bytes> }
  | { type: 'set'; value: Set<Bytes> };

export type ValueType = RedisValue['type'];

/** What a lookup needs to know of the server: the clock, and whether it may delete expired keys. */
export interface ExpiryContext {
  nowMs: number;
  /** True on a primary (and on a writable replica for its own keys): expired keys are deleted. */
  mayExpire: boolean;
  /** Called with the key when an expired key is deleted, so the server can propagate a DEL. */
  onExpired(db: Db, key: Bytes): void;
}

export class Db {
  readonly id: number;
  readonly keys = new Map<Bytes, RedisValue>();
  readonly expires = new Map<Bytes, number>();
  /** Counters for INFO stats. */
  expiredKeys = 0;

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
    this.keys.set(key, value);
    if (!keepTtl) this.expires.delete(key);
  }

  delete(key: Bytes): boolean {
    this.expires.delete(key);
    return this.keys.delete(key);
  }

  setExpire(key: Bytes, whenMs: number): void {
    this.expires.set(key, whenMs);
  }

  getExpire(key: Bytes): number | undefined {
    return this.expires.get(key);
  }

  clear(): number {
    const n = this.keys.size;
    this.keys.clear();
    this.expires.clear();
    return n;
  }

  /**
   * Active expiry: deletes up to `budget` expired keys among those with a TTL. Redis samples 20
   * keys per loop and repeats while more than a quarter were expired; here the scan is bounded
   * by the same budget, which gives the same observable result at lab scale.
   */
  activeExpire(ctx: ExpiryContext, budget = 200): number {
    let removed = 0;
    for (const [key, when] of this.expires) {
      if (removed >= budget) break;
      if (when <= ctx.nowMs) {
        this.expire(key, ctx);
        removed++;
      }
    }
    return removed;
  }
}
