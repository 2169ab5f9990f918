/**
 * The dataset digest of DEBUG DIGEST and DEBUG DIGEST-VALUE: a SHA1-based signature that is
 * equal for equal datasets whatever order keys and set/hash members were inserted in.
 *
 * Counterpart in Redis: debug.c (`xorDigest`, `mixDigest`, `xorObjectDigest`,
 * `computeDatasetDigest`). Unordered collections are combined with XOR (order-independent);
 * ordered ones (a list, a key's type then its value) with "mix": digest = SHA1(digest XOR
 * SHA1(data)). Logically expired keys still in memory count, as in Redis (the digest walks
 * the dictionary, not lookups), and a key with a TTL adds the marker `!!expire!!`.
 */
import type { Bytes } from '../../types.ts';
import type { Db, RedisValue } from '../../server/db.ts';
import { sha1, toHex } from '../../util/sha1.ts';

/** Redis's object type codes (OBJ_STRING … OBJ_HASH), hashed as a big-endian uint32. */
const TYPE_CODE: Record<RedisValue['type'], number> = { string: 0, list: 1, set: 2, hash: 4 };

/** digest ^= SHA1(data). */
export function xorDigest(digest: Uint8Array, data: Bytes | Uint8Array): void {
  const h = sha1(data);
  for (let j = 0; j < 20; j++) digest[j] ^= h[j];
}

/** digest = SHA1(digest ^ SHA1(data)). */
export function mixDigest(digest: Uint8Array, data: Bytes | Uint8Array): void {
  xorDigest(digest, data);
  digest.set(sha1(digest));
}

function uint32be(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

/** Mixes a value (and its TTL marker) into `digest`, as `xorObjectDigest` does. */
export function xorObjectDigest(db: Db, key: Bytes, digest: Uint8Array, value: RedisValue): void {
  mixDigest(digest, uint32be(TYPE_CODE[value.type]));
  switch (value.type) {
    case 'string':
      mixDigest(digest, value.value);
      break;
    case 'list':
      for (const el of value.value) mixDigest(digest, el);
      break;
    case 'set':
      for (const el of value.value) xorDigest(digest, el);
      break;
    case 'hash':
      for (const [field, v] of value.value) {
        const ele = new Uint8Array(20);
        mixDigest(ele, field);
        mixDigest(ele, v);
        xorDigest(digest, ele);
      }
      break;
  }
  if (db.getExpire(key) !== undefined) xorDigest(digest, '!!expire!!');
}

/** DEBUG DIGEST: 40 hex digits, all zeros for an empty dataset. */
export function datasetDigest(dbs: readonly Db[]): string {
  const final = new Uint8Array(20);
  for (const db of dbs) {
    if (db.keys.size === 0) continue;
    mixDigest(final, uint32be(db.id));
    for (const [key, value] of db.keys) {
      const d = new Uint8Array(20);
      mixDigest(d, key);
      xorObjectDigest(db, key, d, value);
      xorDigest(final, d);
    }
  }
  return toHex(final);
}

/** DEBUG DIGEST-VALUE for one key: the value's digest without the key name; zeros if missing. */
export function valueDigest(db: Db, key: Bytes): string {
  const d = new Uint8Array(20);
  const value = db.keys.get(key);
  if (value) xorObjectDigest(db, key, d, value);
  return toHex(d);
}
