/**
 * A stand-in for the RDB payload of a full synchronisation, used only while the persistence
 * module cannot produce a real RDB (`Persistence.snapshotRdb()` returns nothing). It carries the
 * whole dataset (values, encodings, expiry times) so a replica can be built from it; its size
 * is the size of this encoding, not of an RDB file.
 *
 * Counterpart in Redis: none — Redis always sends an RDB (rdb.c `rdbSaveRio`). Once the
 * persistence module writes RDBs, this file is only a fallback.
 */
import type { Bytes } from '../types.ts';
import type { Db, RedisValue } from '../server/db.ts';

const MAGIC = 'LABSNAP1';

type Encoded =
  | { t: 'string'; v: Bytes; e?: 'raw' | 'embstr' }
  | { t: 'list'; v: Bytes[] }
  | { t: 'hash'; v: [Bytes, Bytes][]; h?: boolean }
  | { t: 'set'; v: Bytes[]; h?: boolean };

function encodeValue(v: RedisValue): Encoded {
  switch (v.type) {
    case 'string':
      return v.encoding ? { t: 'string', v: v.value, e: v.encoding } : { t: 'string', v: v.value };
    case 'list':
      return { t: 'list', v: [...v.value] };
    case 'hash':
      return { t: 'hash', v: [...v.value], h: v.hashtable };
    case 'set':
      return { t: 'set', v: [...v.value], h: v.hashtable };
  }
}

function decodeValue(e: Encoded): RedisValue {
  switch (e.t) {
    case 'string':
      return e.e ? { type: 'string', value: e.v, encoding: e.e } : { type: 'string', value: e.v };
    case 'list':
      return { type: 'list', value: e.v };
    case 'hash':
      return e.h ? { type: 'hash', value: new Map(e.v), hashtable: true } : { type: 'hash', value: new Map(e.v) };
    case 'set':
      return e.h ? { type: 'set', value: new Set(e.v), hashtable: true } : { type: 'set', value: new Set(e.v) };
  }
}

/** Serialises every database: `[dbId, [[key, value, expireAtMs|null], …]]`. */
export function encodeSnapshot(dbs: Db[]): Bytes {
  const out: [number, [Bytes, Encoded, number | null][]][] = [];
  for (const db of dbs) {
    if (db.size === 0) continue;
    const entries: [Bytes, Encoded, number | null][] = [];
    for (const [k, v] of db.keys) entries.push([k, encodeValue(v), db.getExpire(k) ?? null]);
    out.push([db.id, entries]);
  }
  return MAGIC + JSON.stringify(out);
}

export function isFallbackSnapshot(payload: Bytes): boolean {
  return payload.startsWith(MAGIC);
}

/** Loads a snapshot into (already emptied) databases; returns how many keys it loaded. */
export function loadSnapshot(payload: Bytes, dbs: Db[]): number {
  const parsed = JSON.parse(payload.slice(MAGIC.length)) as [number, [Bytes, Encoded, number | null][]][];
  let n = 0;
  for (const [id, entries] of parsed) {
    const db = dbs[id];
    if (!db) continue;
    for (const [k, e, exp] of entries) {
      db.set(k, decodeValue(e));
      if (exp !== null) db.setExpire(k, exp);
      n++;
    }
  }
  return n;
}
