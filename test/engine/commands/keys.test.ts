/**
 * Goal: the generic key commands (DEL, EXISTS, KEYS, SCAN, TYPE, the EXPIRE and TTL families,
 * RENAME, COPY, MOVE, FLUSH*, RANDOMKEY, OBJECT) behave and propagate as in Redis 7.0.15, and
 * expiry follows the virtual clock (deleted on a primary, only hidden on a replica).
 * Method: RESP commands through the engine harness; propagation read from a spy on
 * `persistence.feed`; replies and AOF contents were checked against a real redis-server 7.0.15.
 */
import { describe, expect, it } from 'vitest';
import { dataHarness } from './data-harness.ts';
import { START_MS } from '../../support/engine-harness.ts';

describe('keys', () => {
  it('DEL, UNLINK, EXISTS, TYPE, DBSIZE, TOUCH', () => {
    const h = dataHarness();
    h.run('MSET', 'a', '1', 'b', '2', 'c', '3');
    h.run('RPUSH', 'l', 'x');
    expect(h.run('EXISTS', 'a', 'a', 'nope')).toBe('(integer) 2');
    expect(h.run('TYPE', 'a')).toBe('string');
    expect(h.run('TYPE', 'l')).toBe('list');
    expect(h.run('TYPE', 'nope')).toBe('none');
    expect(h.run('DBSIZE')).toBe('(integer) 4');
    expect(h.run('TOUCH', 'a', 'b', 'nope')).toBe('(integer) 2');
    h.fed();
    expect(h.run('DEL', 'a', 'nope', 'b')).toBe('(integer) 2');
    expect(h.run('UNLINK', 'c')).toBe('(integer) 1');
    expect(h.run('DEL', 'nope')).toBe('(integer) 0');
    expect(h.fed()).toEqual(['DEL a nope b', 'UNLINK c']);
    expect(h.run('DBSIZE')).toBe('(integer) 1');
  });

  it('DEL of an expired key replies 0 and propagates only the expiry', () => {
    const h = dataHarness();
    h.run('SET', 'k', 'v', 'PX', '30');
    h.s.advance(40); // before the first cron tick: only a lookup can notice
    h.fed();
    expect(h.run('DEL', 'k')).toBe('(integer) 0');
    expect(h.fed()).toEqual(['DEL k']);
  });

  it('KEYS matches globs and skips expired keys', () => {
    const h = dataHarness();
    h.run('MSET', 'user:1', 'a', 'user:2', 'b', 'other', 'c');
    h.run('SET', 'user:3', 'c', 'PX', '10');
    expect(h.run('KEYS', 'user:*')).toEqual(['user:1', 'user:2', 'user:3']);
    h.s.advance(10);
    expect(h.run('KEYS', 'user:[12]')).toEqual(['user:1', 'user:2']);
    expect(h.run('KEYS', '*')).toEqual(['user:1', 'user:2', 'other']);
    expect(h.run('KEYS', 'nomatch*')).toEqual([]);
  });

  it('SCAN walks every key once with a real cursor, with MATCH, COUNT and TYPE', () => {
    const h = dataHarness();
    const keys: string[] = [];
    for (let i = 0; i < 100; i++) keys.push(`key:${i}`);
    h.run('MSET', ...keys.flatMap((k) => [k, 'v']));
    h.run('SADD', 'aset', 'm');
    const seen: string[] = [];
    let cursor = '0';
    let calls = 0;
    do {
      const r = h.run('SCAN', cursor, 'COUNT', '7') as [string, string[]];
      cursor = r[0];
      seen.push(...r[1]);
      calls++;
    } while (cursor !== '0' && calls < 1000);
    expect(cursor).toBe('0');
    expect(calls).toBeGreaterThan(5);
    expect([...seen].sort()).toEqual([...keys, 'aset'].sort());
    expect(new Set(seen).size).toBe(seen.length);
    const matched: string[] = [];
    cursor = '0';
    do {
      const r = h.run('SCAN', cursor, 'MATCH', 'key:1?', 'COUNT', '1000') as [string, string[]];
      cursor = r[0];
      matched.push(...r[1]);
    } while (cursor !== '0');
    expect(matched.sort()).toEqual(keys.filter((k) => /^key:1\d$/.test(k)).sort());
    expect(h.run('SCAN', '0', 'TYPE', 'set', 'COUNT', '1000')).toEqual(['0', ['aset']]);
    expect(h.run('SCAN', 'abc')).toBe('(error) ERR invalid cursor');
    expect(h.run('SCAN', '0', 'COUNT', '0')).toBe('(error) ERR syntax error');
    expect(h.run('SCAN', '0', 'COUNT', 'x')).toBe('(error) ERR value is not an integer or out of range');
    expect(h.run('SCAN', '0', 'MATCH')).toBe('(error) ERR syntax error');
  });

  it('SCAN keeps its guarantee while keys are added and removed', () => {
    const h = dataHarness();
    const stable: string[] = [];
    for (let i = 0; i < 50; i++) stable.push(`s${i}`);
    h.run('MSET', ...stable.flatMap((k) => [k, 'v']));
    const seen = new Set<string>();
    let cursor = '0';
    let i = 0;
    do {
      const r = h.run('SCAN', cursor, 'COUNT', '5') as [string, string[]];
      cursor = r[0];
      for (const k of r[1]) seen.add(k);
      // grow the table a lot, and remove what was added before
      for (let j = 0; j < 40; j++) h.run('SET', `tmp${i}:${j}`, 'v');
      if (i > 0) for (let j = 0; j < 40; j++) h.run('DEL', `tmp${i - 1}:${j}`);
      i++;
    } while (cursor !== '0' && i < 500);
    for (const k of stable) expect(seen.has(k)).toBe(true);
  });

  it('EXPIRE family: options, conversion to PEXPIREAT, past times delete', () => {
    const h = dataHarness();
    h.run('SET', 'k', 'v');
    h.fed();
    expect(h.run('EXPIRE', 'nope', '10')).toBe('(integer) 0');
    expect(h.run('EXPIRE', 'k', 'abc')).toBe('(error) ERR value is not an integer or out of range');
    expect(h.run('EXPIRE', 'k', '10', 'foo')).toBe('(error) ERR Unsupported option foo');
    expect(h.run('EXPIRE', 'k', '10', 'NX', 'XX')).toBe('(error) ERR NX and XX, GT or LT options at the same time are not compatible');
    expect(h.run('EXPIRE', 'k', '10', 'GT', 'LT')).toBe('(error) ERR GT and LT options at the same time are not compatible');
    expect(h.run('EXPIRE', 'k', '9223372036854775807')).toBe("(error) ERR invalid expire time in 'expire' command");
    expect(h.run('EXPIRE', 'k', '10', 'XX')).toBe('(integer) 0');
    expect(h.run('EXPIRE', 'k', '10', 'GT')).toBe('(integer) 0');
    expect(h.run('EXPIRE', 'k', '100', 'nx')).toBe('(integer) 1');
    expect(h.run('EXPIRE', 'k', '50', 'GT')).toBe('(integer) 0');
    expect(h.run('PEXPIRE', 'k', '50000', 'LT')).toBe('(integer) 1');
    expect(h.run('EXPIREAT', 'k', '2000000000')).toBe('(integer) 1');
    expect(h.run('PEXPIREAT', 'k', '2000000000123', 'XX')).toBe('(integer) 1');
    expect(h.fed()).toEqual([
      `PEXPIREAT k ${START_MS + 100_000} nx`,
      `PEXPIREAT k ${START_MS + 50_000} LT`,
      'PEXPIREAT k 2000000000000',
      'PEXPIREAT k 2000000000123 XX',
    ]);
    expect(h.run('PEXPIRETIME', 'k')).toBe('(integer) 2000000000123');
    expect(h.run('EXPIRETIME', 'k')).toBe('(integer) 2000000000');
    expect(h.run('EXPIRE', 'k', '-1')).toBe('(integer) 1');
    expect(h.run('EXISTS', 'k')).toBe('(integer) 0');
    expect(h.fed()).toEqual(['DEL k']);
  });

  it('TTL, PTTL, PERSIST on the virtual clock', () => {
    const h = dataHarness();
    expect(h.run('TTL', 'k')).toBe('(integer) -2');
    h.run('SET', 'k', 'v');
    expect(h.run('TTL', 'k')).toBe('(integer) -1');
    expect(h.run('PEXPIRETIME', 'k')).toBe('(integer) -1');
    h.run('PEXPIRE', 'k', '10000');
    h.s.advance(1499);
    expect(h.run('PTTL', 'k')).toBe('(integer) 8501');
    expect(h.run('TTL', 'k')).toBe('(integer) 9');
    h.s.advance(1);
    expect(h.run('TTL', 'k')).toBe('(integer) 9');
    h.fed();
    expect(h.run('PERSIST', 'k')).toBe('(integer) 1');
    expect(h.run('PERSIST', 'k')).toBe('(integer) 0');
    expect(h.run('PERSIST', 'nope')).toBe('(integer) 0');
    expect(h.fed()).toEqual(['PERSIST k']);
    expect(h.run('TTL', 'k')).toBe('(integer) -1');
  });

  it('active expiry deletes keys nobody reads, and propagates DEL', () => {
    const h = dataHarness();
    h.run('SET', 'k', 'v', 'PX', '500');
    h.fed();
    h.s.advance(1000);
    expect(h.run('DBSIZE')).toBe('(integer) 0');
    expect(h.fed()).toEqual(['DEL k']);
  });

  it('RENAME and RENAMENX move the value and its TTL', () => {
    const h = dataHarness();
    expect(h.run('RENAME', 'nope', 'x')).toBe('(error) ERR no such key');
    expect(h.run('RENAMENX', 'nope', 'x')).toBe('(error) ERR no such key');
    h.run('SET', 'a', '1', 'EX', '100');
    h.run('SET', 'b', '2');
    expect(h.run('RENAME', 'a', 'a')).toBe('OK');
    expect(h.run('RENAMENX', 'a', 'a')).toBe('(integer) 0');
    expect(h.run('RENAMENX', 'a', 'b')).toBe('(integer) 0');
    h.fed();
    expect(h.run('RENAME', 'a', 'b')).toBe('OK');
    expect(h.run('GET', 'b')).toBe('1');
    expect(h.run('TTL', 'b')).toBe('(integer) 100');
    expect(h.run('EXISTS', 'a')).toBe('(integer) 0');
    expect(h.run('RENAMENX', 'b', 'c')).toBe('(integer) 1');
    expect(h.fed()).toEqual(['RENAME a b', 'RENAMENX b c']);
  });

  it('COPY and MOVE across databases', () => {
    const h = dataHarness();
    h.run('RPUSH', 'l', 'a', 'b');
    h.run('PEXPIRE', 'l', '5000');
    expect(h.run('COPY', 'l', 'l')).toBe('(error) ERR source and destination objects are the same');
    expect(h.run('COPY', 'l', 'm', 'DB', '99')).toBe('(error) ERR DB index is out of range');
    expect(h.run('COPY', 'l', 'm', 'DB', '99999999999')).toBe('(error) ERR value is out of range, value must between -2147483648 and 2147483647');
    expect(h.run('COPY', 'l', 'm', 'FOO')).toBe('(error) ERR syntax error');
    expect(h.run('COPY', 'nope', 'm')).toBe('(integer) 0');
    expect(h.run('COPY', 'l', 'm')).toBe('(integer) 1');
    h.run('RPUSH', 'm', 'c');
    expect(h.run('LRANGE', 'l', '0', '-1')).toEqual(['a', 'b']);
    expect(h.run('PTTL', 'm')).toBe('(integer) 5000');
    expect(h.run('COPY', 'l', 'm')).toBe('(integer) 0');
    expect(h.run('COPY', 'l', 'm', 'REPLACE')).toBe('(integer) 1');
    expect(h.run('LRANGE', 'm', '0', '-1')).toEqual(['a', 'b']);
    expect(h.run('MOVE', 'l', '0')).toBe('(error) ERR source and destination objects are the same');
    expect(h.run('MOVE', 'l', 'x')).toBe('(error) ERR value is not an integer or out of range');
    expect(h.run('MOVE', 'l', '16')).toBe('(error) ERR DB index is out of range');
    expect(h.run('MOVE', 'nope', '1')).toBe('(integer) 0');
    expect(h.run('COPY', 'l', 'l', 'DB', '1')).toBe('(integer) 1');
    expect(h.run('MOVE', 'l', '1')).toBe('(integer) 0');
    h.fed();
    expect(h.run('MOVE', 'm', '1')).toBe('(integer) 1');
    expect(h.run('EXISTS', 'm')).toBe('(integer) 0');
    expect(h.fed()).toEqual(['MOVE m 1']);
    expect(h.server.dbs[1].keys.get('m')).toEqual({ type: 'list', value: ['a', 'b'] });
  });

  it('FLUSHDB and FLUSHALL are always propagated; FLUSHALL saves when save points exist', () => {
    const h = dataHarness({ conf: 'save 3600 1\n' });
    let saves = 0;
    const persistence = h.server.persistence as unknown as { rdbSave(): boolean };
    persistence.rdbSave = () => {
      saves++;
      h.server.dirty = 0;
      return true;
    };
    h.run('MSET', 'a', '1', 'b', '2');
    h.fed();
    expect(h.run('FLUSHDB', 'FOO')).toBe('(error) ERR syntax error');
    expect(h.run('FLUSHALL', 'ASYNC', 'SYNC')).toBe('(error) ERR syntax error');
    const dirty = h.server.dirty;
    expect(h.run('FLUSHDB')).toBe('OK');
    expect(h.server.dirty - dirty).toBe(2);
    expect(h.run('FLUSHDB', 'async')).toBe('OK');
    expect(h.run('FLUSHALL', 'SYNC')).toBe('OK');
    expect(saves).toBe(1);
    expect(h.fed()).toEqual(['FLUSHDB', 'FLUSHDB async', 'FLUSHALL SYNC']);
    const noSave = dataHarness({ conf: 'save ""\n' });
    let saved = false;
    (noSave.server.persistence as unknown as { rdbSave(): boolean }).rdbSave = () => (saved = true);
    noSave.run('FLUSHALL');
    expect(saved).toBe(false);
  });

  it('RANDOMKEY is seeded and skips expired keys', () => {
    const draw = (seed: number) => {
      const h = dataHarness({ seed });
      expect(h.run('RANDOMKEY')).toBe('(nil)');
      h.run('MSET', 'a', '1', 'b', '2', 'c', '3', 'd', '4');
      return [1, 2, 3, 4, 5, 6].map(() => h.run('RANDOMKEY'));
    };
    expect(draw(7)).toEqual(draw(7));
    const h = dataHarness();
    h.run('SET', 'live', '1');
    h.run('SET', 'dead', '1', 'PX', '1');
    h.s.advance(1);
    for (let i = 0; i < 10; i++) expect(h.run('RANDOMKEY')).toBe('live');
  });

  it('OBJECT ENCODING follows Redis 7.0', () => {
    const h = dataHarness();
    expect(h.run('OBJECT', 'ENCODING', 'nope')).toBe('(nil)');
    h.run('SET', 'i', '123');
    h.run('SET', 'e', 'hello');
    h.run('SET', 'r', 'x'.repeat(45));
    h.run('SET', 'big', '12345678901234567890');
    h.run('APPEND', 'i2', '5');
    h.run('SET', 'a', '1');
    h.run('APPEND', 'a', '2');
    h.run('RPUSH', 'l', 'x');
    h.run('SADD', 'si', '1', '2');
    h.run('SADD', 'ss', 'a');
    h.run('HSET', 'h', 'f', 'v');
    h.run('HSET', 'hb', 'f', 'v'.repeat(65), 'g', 'v');
    const enc = (k: string) => h.run('OBJECT', 'ENCODING', k);
    expect(['i', 'e', 'r', 'big', 'i2', 'a', 'l', 'si', 'ss', 'h', 'hb'].map(enc)).toEqual([
      'int', 'embstr', 'raw', 'embstr', 'int', 'raw', 'quicklist', 'intset', 'hashtable', 'listpack', 'hashtable',
    ]);
    h.run('SADD', 'si', 'x');
    h.run('SREM', 'si', 'x');
    expect(enc('si')).toBe('hashtable');
    h.run('HDEL', 'hb', 'f');
    expect(enc('hb')).toBe('hashtable');
    const members = Array.from({ length: 513 }, (_, i) => String(i));
    h.run('SADD', 'many', ...members);
    expect(enc('many')).toBe('hashtable');
    expect(h.run('OBJECT', 'REFCOUNT', 'i')).toBe('(integer) 2147483647');
    expect(h.run('OBJECT', 'REFCOUNT', 'e')).toBe('(integer) 1');
    expect(h.run('OBJECT', 'FREQ', 'e')).toMatch(/^\(error\) ERR An LFU maxmemory policy is not selected/);
    expect((h.run('OBJECT', 'HELP') as string[])[0]).toBe('OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
  });

  it('counts keyspace hits and misses on reads only', () => {
    const h = dataHarness();
    h.run('SET', 'k', 'v');
    const { keyspaceHits, keyspaceMisses } = h.server.stats;
    h.run('GET', 'k');
    h.run('GET', 'nope');
    h.run('EXISTS', 'k', 'nope');
    h.run('SET', 'x', 'y');
    h.run('DEL', 'nope');
    expect(h.server.stats.keyspaceHits - keyspaceHits).toBe(2);
    expect(h.server.stats.keyspaceMisses - keyspaceMisses).toBe(2);
  });

  it('on a replica, expired keys are hidden but kept until the primary says DEL', () => {
    const h = dataHarness();
    h.run('SET', 'k', '1', 'PX', '100');
    h.s.advance(50);
    Object.defineProperty(h.server.replication, 'isReplica', { get: () => true, configurable: true });
    h.s.advance(100);
    h.fed();
    expect(h.run('GET', 'k')).toBe('(nil)');
    expect(h.fed()).toEqual([]); // neither the cron nor a read deleted it
    expect(h.run('DBSIZE')).toBe('(integer) 1');
    expect(h.run('KEYS', '*')).toEqual([]);
    // The primary's own stream still sees the key: its INCR applies to the old value.
    const link = h.server.clients.get(h.c.conn)!;
    link.kind = 'primary';
    expect(h.wire('INCR', 'k')).toBe(':2\r\n');
    expect(h.wire('DEL', 'k')).toBe(':1\r\n');
    link.kind = 'normal';
  });
});

describe('lazy expiry inside a command', () => {
  it('propagates the expired key’s DEL before the command, wrapped in MULTI/EXEC as Redis 7.0 does', () => {
    const h = dataHarness();
    h.run('SET', 'k', 'v', 'PX', '1');
    h.run('RPUSH', 'q', 'a');
    h.run('PEXPIRE', 'q', '1');
    h.s.advance(2); // before the first cron tick: only the commands notice
    h.fed();
    expect(h.run('SET', 'k', 'w')).toBe('OK');
    expect(h.run('RPUSH', 'q', 'b')).toBe('(integer) 1');
    expect(h.fed()).toEqual(['MULTI', 'DEL k', 'SET k w', 'EXEC', 'MULTI', 'DEL q', 'RPUSH q b', 'EXEC']);
  });
});
