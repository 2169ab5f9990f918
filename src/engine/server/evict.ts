/**
 * maxmemory: the memory check made before every command, the eviction of keys under the
 * configured `maxmemory-policy`, and the warnings about a small limit.
 * Counterpart in Redis: `performEvictions`, `getMaxmemoryState` and `isSafeToPerformEvictions`
 * (evict.c), the maxmemory block of `processCommand` and the startup warning (server.c),
 * `updateMaxmemory` (config.c).
 *
 * Memory is the lab's estimate (`memoryFigures`, as INFO memory reports it). The lab keeps no
 * access clock per key, so the LRU and LFU policies pick among the candidate keys at random
 * (the server's seeded generator), as the `*-random` ones do; `volatile-ttl` takes the key
 * that expires first.
 */
import type { Bytes } from '../types.ts';
import type { Db } from './db.ts';
import type { RedisServer } from './server.ts';
import { memoryFigures } from './info.ts';
import { serverHooks } from '../commands/server/hooks.ts';
import { randomInt } from '../util/random.ts';

/** Redis's `EVICT_OK` / `EVICT_FAIL`. */
export type EvictResult = 'ok' | 'fail';

/**
 * The memory counted against maxmemory: what is in use minus the replicas' output buffers
 * (`zmalloc_used_memory() - freeMemoryGetNotCountedMemory()`).
 */
export function memoryCountedForEviction(server: RedisServer): number {
  const m = memoryFigures(server);
  return m.used - m.clientsReplicas;
}

/** `isSafeToPerformEvictions`: not while loading, nor on a replica that ignores maxmemory. */
function safeToEvict(server: RedisServer): boolean {
  if (server.persistence.loading) return false;
  if (server.replication.isReplica && server.config.bool('replica-ignore-maxmemory')) return false;
  return true;
}

/** The next key to evict under `policy`, or null when the policy leaves none. */
function pickVictim(server: RedisServer, policy: string): { db: Db; key: Bytes } | null {
  const volatile = policy.startsWith('volatile-');
  if (policy === 'volatile-ttl') {
    let best: { db: Db; key: Bytes; when: number } | null = null;
    for (const db of server.dbs) {
      for (const [key, when] of db.expires) if (best === null || when < best.when) best = { db, key, when };
    }
    return best;
  }
  let total = 0;
  for (const db of server.dbs) total += volatile ? db.expires.size : db.keys.size;
  if (total === 0) return null;
  let n = randomInt(server.rng, total);
  for (const db of server.dbs) {
    const size = volatile ? db.expires.size : db.keys.size;
    if (n >= size) {
      n -= size;
      continue;
    }
    for (const key of volatile ? db.expires.keys() : db.keys.keys()) if (n-- === 0) return { db, key };
  }
  return null;
}

/**
 * `performEvictions`: while the memory in use is over maxmemory, evicts keys as the policy
 * allows (each one counted in `evicted_keys`, propagated as DEL, touching WATCHers). 'fail'
 * when memory is still over the limit: the caller refuses commands that may grow it (OOM).
 */
export function performEvictions(server: RedisServer): EvictResult {
  const maxmemory = Number(server.config.get('maxmemory'));
  if (!maxmemory || !safeToEvict(server)) return 'ok';
  const policy = server.config.get('maxmemory-policy');
  while (memoryCountedForEviction(server) > maxmemory) {
    if (policy === 'noeviction') return 'fail';
    const victim = pickVictim(server, policy);
    if (victim === null) return 'fail';
    victim.db.delete(victim.key);
    server.stats.evictedKeys++;
    serverHooks.keyEvicted(victim.db, victim.key);
    server.replication.propagateExpire(victim.db.id, victim.key);
  }
  return 'ok';
}

/** `updateMaxmemory`: CONFIG SET maxmemory below the memory in use warns, then evicts. */
export function maxmemoryChanged(server: RedisServer): void {
  const maxmemory = Number(server.config.get('maxmemory'));
  if (!maxmemory) return;
  const used = memoryCountedForEviction(server);
  if (maxmemory < used) {
    server.log(
      'warning',
      `WARNING: the new maxmemory value set via CONFIG SET (${maxmemory}) is smaller than the current memory usage (${used}). This will result in key eviction and/or the inability to accept new write commands depending on the maxmemory-policy.`,
    );
  }
  performEvictions(server);
}

/** The startup warning for a limit under 1 MB (logged once the server is ready). */
export function warnSmallMaxmemory(server: RedisServer): void {
  const maxmemory = Number(server.config.get('maxmemory'));
  if (maxmemory > 0 && maxmemory < 1024 * 1024) {
    server.log('warning', `WARNING: You specified a maxmemory value that is less than 1MB (current value is ${maxmemory} bytes). Are you sure this is what you really want?`);
  }
}
