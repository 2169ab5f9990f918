/**
 * Goal: no file on the disk can crash a node — a damaged RDB, AOF or manifest ends in Redis's
 * error lines and exit code 1 (or a successful load), never in an exception out of the engine.
 * Method: fast-check mutates valid files (bit flips, truncation, inserted bytes) and throws
 * random bytes; the decoder must return or throw RdbError, and a node started on such a disk
 * must either run or exit with code 1.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeRdb, encodeRdb, RdbError } from '../../../src/engine/persistence/rdb.ts';
import { CWD, startServer } from '../../support/engine-harness.ts';
import { MemoryDisk } from '../../../src/engine/util/memory-disk.ts';

const VALID = encodeRdb(
  [{
    id: 0,
    entries: [
      { key: 's', value: { type: 'string', value: 'hello' }, expireMs: 1900000000000 },
      { key: 'n', value: { type: 'string', value: '123' }, expireMs: null },
      { key: 'l', value: { type: 'list', value: ['a', '1', '-70000', '9000000000'] }, expireMs: null },
      { key: 'h', value: { type: 'hash', value: new Map([['f', 'v']]) }, expireMs: null },
      { key: 'si', value: { type: 'set', value: new Set(['1', '2']) }, expireMs: null },
      { key: 'ss', value: { type: 'set', value: new Set(['a']) }, expireMs: null },
    ],
  }],
  { redisVersion: '7.0.15', ctimeSec: 1795815417, usedMem: 900000, rsi: null, aofBase: false },
);

/** A mutation of `base`: flip, cut or insert bytes. */
const mutated = (base: string) =>
  fc.oneof(
    fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 1, max: 255 })).map(([i, x]) => base.slice(0, i) + String.fromCharCode(base.charCodeAt(i) ^ x) + base.slice(i + 1)),
    fc.nat(base.length - 1).map((n) => base.slice(0, n)),
    fc.tuple(fc.nat(base.length), fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([i, bytes]) => base.slice(0, i) + String.fromCharCode(...bytes) + base.slice(i)),
  );

describe('damaged files never crash', () => {
  it('decodeRdb returns or throws RdbError on mutated RDB files', () => {
    fc.assert(
      fc.property(mutated(VALID), (data) => {
        try {
          decodeRdb(data);
        } catch (e) {
          expect(e).toBeInstanceOf(RdbError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('decodeRdb returns or throws RdbError on random bytes after the header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decodeRdb('REDIS0010' + String.fromCharCode(...bytes));
        } catch (e) {
          expect(e).toBeInstanceOf(RdbError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a node on a damaged dump.rdb, incr file or manifest runs or exits 1', () => {
    const aofStart = startServer({ conf: 'appendonly yes\nappendfsync always\n' });
    aofStart.client().call('SET', 'a', '1');
    aofStart.client().call('RPUSH', 'l', 'x');
    const incrPath = `${CWD}/appendonlydir/appendonly.aof.1.incr.aof`;
    const manifestPath = `${CWD}/appendonlydir/appendonly.aof.manifest`;
    const incr = aofStart.disk.read(incrPath)!;
    const manifest = aofStart.disk.read(manifestPath)!;
    fc.assert(
      fc.property(fc.constantFrom('rdb', 'incr', 'manifest'), fc.integer({ min: 0, max: 1 << 30 }), (which, seed) => {
        const disk = new MemoryDisk();
        for (const [p, d] of aofStart.disk.files) disk.write(p, d);
        const sample = (base: string) => fc.sample(mutated(base), { numRuns: 1, seed })[0];
        let conf = 'appendonly yes\n';
        if (which === 'rdb') {
          disk.write(`${CWD}/dump.rdb`, sample(VALID));
          conf = 'appendonly no\n';
        } else if (which === 'incr') {
          disk.write(incrPath, sample(incr));
        } else {
          disk.write(manifestPath, sample(manifest));
        }
        const s = startServer({ disk, conf });
        expect(s.exitCode === null || s.exitCode === 1).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
