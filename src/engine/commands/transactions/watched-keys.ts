/**
 * WATCH's optimistic locking: which clients watch which keys, and the "touch" that makes their
 * next EXEC fail.
 *
 * Counterpart in Redis: multi.c (`watchForKey`, `unwatchAllKeys`, `isWatchedKeyExpired`,
 * `touchWatchedKey`, `touchAllWatchedKeysInDb`) and the CLIENT_DIRTY_CAS flag. Redis calls
 * `signalModifiedKey` from every command that changes a key; here the server's `call` touches
 * the keys a write command names (found through the command table's key specs) once the
 * command has changed the dataset, FLUSHDB/FLUSHALL touch every watched key that exists, and
 * the deletion of an expired key touches that key, as `deleteExpiredKeyAndPropagate` does.
 * State lives here (per server and per client, in WeakMaps) so the server core only calls in.
 */
import type { Bytes } from '../../types.ts';
import type { Client } from '../../server/client.ts';
import type { Db } from '../../server/db.ts';
import type { RedisServer } from '../../server/server.ts';
import type { CommandMeta } from '../table.ts';
import { commandKeys } from '../server/key-specs.ts';

interface WatchedKey {
  db: Db;
  key: Bytes;
  client: Client;
  /** The key was already logically expired when WATCH ran (Redis's `wk->expired`). */
  expired: boolean;
}

interface ClientWatch {
  keys: WatchedKey[];
  /** CLIENT_DIRTY_CAS: a watched key was touched; the next EXEC replies a null array. */
  dirtyCas: boolean;
}

/** Per database: key → the watches on it. */
const BY_DB = new WeakMap<Db, Map<Bytes, WatchedKey[]>>();
const BY_CLIENT = new WeakMap<Client, ClientWatch>();

function clientWatch(c: Client): ClientWatch {
  let w = BY_CLIENT.get(c);
  if (!w) {
    w = { keys: [], dirtyCas: false };
    BY_CLIENT.set(c, w);
  }
  return w;
}

/** True when a watched key was touched since WATCH (CLIENT LIST shows flag `d`). */
export function isDirtyCas(c: Client): boolean {
  return BY_CLIENT.get(c)?.dirtyCas ?? false;
}

/** The number of keys a client watches (CLIENT LIST's `watch=` arrived in 7.2; used by tests). */
export function watchedKeyCount(c: Client): number {
  return BY_CLIENT.get(c)?.keys.length ?? 0;
}

/** WATCH key: remembers the key in the client's current database (once). */
export function watchForKey(c: Client, db: Db, key: Bytes, nowMs: number): void {
  const w = clientWatch(c);
  if (w.keys.some((k) => k.db === db && k.key === key)) return;
  const wk: WatchedKey = { db, key, client: c, expired: db.keys.has(key) && db.isExpired(key, nowMs) };
  w.keys.push(wk);
  let map = BY_DB.get(db);
  if (!map) {
    map = new Map();
    BY_DB.set(db, map);
  }
  const list = map.get(key);
  if (list) list.push(wk);
  else map.set(key, [wk]);
}

/** UNWATCH (and the end of every transaction): forgets every key the client watches. */
export function unwatchAllKeys(c: Client): void {
  const w = BY_CLIENT.get(c);
  if (!w) return;
  for (const wk of w.keys) {
    const map = BY_DB.get(wk.db);
    const list = map?.get(wk.key);
    if (!map || !list) continue;
    const i = list.indexOf(wk);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) map.delete(wk.key);
  }
  w.keys = [];
}

/** Forgets the transaction state entirely: watched keys and the dirty flag (`discardTransaction`). */
export function resetWatchState(c: Client): void {
  unwatchAllKeys(c);
  const w = BY_CLIENT.get(c);
  if (w) w.dirtyCas = false;
}

/** Whether a watched key (not already expired at WATCH time) has expired since (`isWatchedKeyExpired`). */
export function isWatchedKeyExpired(c: Client, nowMs: number): boolean {
  const w = BY_CLIENT.get(c);
  if (!w) return false;
  return w.keys.some((wk) => !wk.expired && wk.db.keys.has(wk.key) && wk.db.isExpired(wk.key, nowMs));
}

/** Marks a client's transaction as failed by a touched key (`CLIENT_DIRTY_CAS`). */
export function markDirtyCas(c: Client): void {
  clientWatch(c).dirtyCas = true;
}

/** `touchWatchedKey`: every client watching `key` in `db` gets CLIENT_DIRTY_CAS. */
export function touchWatchedKey(db: Db, key: Bytes): void {
  const list = BY_DB.get(db)?.get(key);
  if (!list) return;
  for (const wk of [...list]) {
    if (wk.expired) {
      // Deleting a key that was already expired at WATCH time is no logical change.
      if (!db.keys.has(key)) {
        wk.expired = false;
        continue;
      }
    }
    markDirtyCas(wk.client);
    unwatchAllKeys(wk.client);
  }
}

/**
 * `touchAllWatchedKeysInDb` (FLUSHDB, FLUSHALL, a full sync replacing the dataset): called
 * before the database is emptied; every watched key that exists now is touched.
 */
export function touchAllWatchedKeysInDb(db: Db): void {
  const map = BY_DB.get(db);
  if (!map) return;
  for (const [key, list] of map) {
    if (!db.keys.has(key)) continue;
    for (const wk of list) {
      if (wk.expired) {
        wk.expired = false;
        continue;
      }
      markDirtyCas(wk.client);
    }
  }
}

/**
 * The server's hook around each command (called from `RedisServer.call`): `before` runs after
 * parsing and before the command changes anything (FLUSHDB/FLUSHALL touch what they will
 * empty); `after` touches the keys of a write command that changed the dataset.
 */
export const watchHooks = {
  before(server: RedisServer, c: Client, meta: CommandMeta, argv: Bytes[]): void {
    if (meta.name === 'flushall') {
      for (const db of server.dbs) touchAllWatchedKeysInDb(db);
    } else if (meta.name === 'flushdb') {
      const db = server.dbs[c.db];
      if (db) touchAllWatchedKeysInDb(db);
    } else if (meta.name === 'swapdb' && argv.length === 3) {
      for (const a of [argv[1], argv[2]]) {
        const db = server.dbs[Number(a)];
        if (db) touchAllWatchedKeysInDb(db);
      }
    }
  },
  after(server: RedisServer, c: Client, meta: CommandMeta, argv: Bytes[], changed: boolean): void {
    if (!changed || !meta.flags.has('write')) return;
    const db = server.dbs[c.db];
    if (!db || !BY_DB.get(db)?.size) return;
    for (const key of commandKeys(meta, argv)) touchWatchedKey(db, key);
  },
};
