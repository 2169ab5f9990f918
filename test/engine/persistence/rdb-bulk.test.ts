/**
 * Goal: the bulk paths of the RDB codec (the ones a full sync of a large dataset takes) write
 * and read exactly what the general paths do: `encodeRdb` reading a `Db` in place gives the
 * same bytes as the same keys given as entries; strings of every length class (empty, 6-bit,
 * 14-bit lengths, integer-looking ones, binary bytes) survive; `decodeRdbColumns` returns the
 * keys `decodeRdb` returns, in file order, with their TTLs; a truncated or corrupted file is
 * refused by both with the same error; the CRC-64 eight bytes at a time equals the CRC worked
 * out bit by bit, over strings and byte arrays, from any start to any end.
 * Method: property tests (fast-check) over random datasets of strings, lists, hashes and sets
 * with and without expiry times, comparing the two paths; a byte flipped in a valid file; a
 * BigInt bit-by-bit CRC-64 (Jones, reflected) as the reference.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeRdb, decodeRdbColumns, encodeRdb, RdbError, type RdbDatabase } from '../../../src/engine/persistence/rdb.ts';
import { Db, type RedisValue } from '../../../src/engine/server/db.ts';
import { crc64Hex, crc64Update, crc64UpdateArray } from '../../../src/engine/persistence/crc64.ts';

/** CRC-64 Jones, reflected, bit by bit: the reference the table-driven code must equal. */
function crcReference(init: bigint, data: number[]): bigint {
  const POLY = 0x95ac9329ac4bc9b5n;
  let crc = init;
  for (const byte of data) {
    crc ^= BigInt(byte);
    for (let b = 0; b < 8; b++) crc = crc & 1n ? (crc >> 1n) ^ POLY : crc >> 1n;
  }
  return crc;
}

const OPTS = { redisVersion: '7.0.15', ctimeSec: 1795815417, usedMem: 1137960, rsi: { streamDb: 0, replid: 'b'.repeat(40), offset: 12 }, aofBase: false };

const bytes = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -3_000_000_000, max: 3_000_000_000 }).map(String),
  fc.uint8Array({ maxLength: 90 }).map((a) => String.fromCharCode(...a)),
  fc.nat({ max: 20_000 }).map((n) => 'v'.repeat(n)),
);
const value: fc.Arbitrary<RedisValue> = fc.oneof(
  { weight: 5, arbitrary: bytes.map((v) => ({ type: 'string' as const, value: v })) },
  { weight: 1, arbitrary: fc.array(bytes, { minLength: 1, maxLength: 5 }).map((v) => ({ type: 'list' as const, value: v })) },
  { weight: 1, arbitrary: fc.array(fc.tuple(bytes, bytes), { minLength: 1, maxLength: 5 }).map((v) => ({ type: 'hash' as const, value: new Map(v) })) },
  { weight: 1, arbitrary: fc.array(bytes, { minLength: 1, maxLength: 5 }).map((v) => ({ type: 'set' as const, value: new Set(v) })) },
);
const dataset = fc.array(fc.tuple(fc.nat({ max: 3 }), bytes, value, fc.option(fc.integer({ min: 0, max: 2 ** 45 }))), { maxLength: 40 });

/** The same keys as server databases and as RDB entries (ids 0..3, insertion order). */
function build(rows: [number, string, RedisValue, number | null][]): { dbs: Db[]; entries: RdbDatabase[] } {
  const dbs = [0, 1, 2, 3].map((id) => new Db(id));
  for (const [id, key, v, ttl] of rows) {
    dbs[id].set(key, v);
    if (ttl !== null) dbs[id].setExpire(key, ttl);
  }
  const entries = dbs.map((db) => ({ id: db.id, entries: [...db.keys].map(([key, v]) => ({ key, value: v, expireMs: db.expires.get(key) ?? null })) }));
  return { dbs, entries };
}

describe('RDB bulk paths', () => {
  it('encodes a Db read in place byte for byte as its entries', () => {
    fc.assert(
      fc.property(dataset, (rows) => {
        const { dbs, entries } = build(rows);
        expect(encodeRdb(dbs, OPTS)).toBe(encodeRdb(entries, OPTS));
      }),
      { numRuns: 200 },
    );
  });

  it('decodes into columns the keys, values and TTLs decodeRdb returns', () => {
    fc.assert(
      fc.property(dataset, (rows) => {
        const { dbs } = build(rows);
        const file = encodeRdb(dbs, OPTS);
        const cols = decodeRdbColumns(file);
        const full = decodeRdb(file);
        expect(cols.aux).toEqual(full.aux);
        expect(cols.end).toBe(file.length);
        expect(cols.dbs.map((d) => d.id)).toEqual(full.dbs.map((d) => d.id));
        cols.dbs.forEach((d, i) => {
          expect(d.keys).toEqual(full.dbs[i].entries.map((e) => e.key));
          expect(d.values).toEqual(full.dbs[i].entries.map((e) => e.value));
          expect(d.expireMs).toEqual(full.dbs[i].entries.map((e) => e.expireMs));
          // And they are the keys that were saved, in insertion order.
          expect(d.keys).toEqual([...dbs[d.id].keys.keys()]);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('computes the CRC-64 of any range as the bit-by-bit reference does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), fc.nat(), fc.nat(), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (bytes, x, y, init) => {
        const start = bytes.length ? x % (bytes.length + 1) : 0;
        const end = start + (bytes.length - start ? y % (bytes.length - start + 1) : 0);
        const want = crcReference(init, [...bytes.slice(start, end)]).toString(16).padStart(16, '0');
        const from = { hi: Number(init >> 32n), lo: Number(init & 0xffffffffn) };
        expect(crc64Hex(crc64Update(from, String.fromCharCode(...bytes), start, end))).toBe(want);
        expect(crc64Hex(crc64UpdateArray(from, bytes, start, end))).toBe(want);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a damaged file the same way on both decoders', () => {
    const { dbs } = build([[0, 'key:1', { type: 'string', value: 'value:1' }, null], [2, 'n', { type: 'string', value: '42' }, 5]]);
    const file = encodeRdb(dbs, OPTS);
    const flipped = file.slice(0, 60) + String.fromCharCode(file.charCodeAt(60) ^ 1) + file.slice(61);
    for (const bad of [flipped, file.slice(0, file.length - 12)]) {
      let a: unknown;
      let b: unknown;
      try {
        decodeRdb(bad);
      } catch (e) {
        a = e;
      }
      try {
        decodeRdbColumns(bad);
      } catch (e) {
        b = e;
      }
      expect(a).toBeInstanceOf(RdbError);
      expect(b).toBeInstanceOf(RdbError);
      expect((b as RdbError).kind).toBe((a as RdbError).kind);
      expect((b as RdbError).message).toBe((a as RdbError).message);
    }
  });
});
