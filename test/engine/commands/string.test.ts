/**
 * Goal: the string commands reply, fail and propagate exactly as Redis 7.0.15 does (replies and
 * AOF contents were checked against a real redis-server 7.0.15).
 * Method: RESP commands through the engine harness; propagation read from a spy on
 * `persistence.feed`; expiry driven by the virtual clock.
 */
import { describe, expect, it } from 'vitest';
import { dataHarness } from './data-harness.ts';
import { START_MS } from '../../support/engine-harness.ts';

const WRONGTYPE = '(error) WRONGTYPE Operation against a key holding the wrong kind of value';
const NOTINT = '(error) ERR value is not an integer or out of range';

describe('SET and its family', () => {
  it('SET options: NX, XX, GET, KEEPTTL, and syntax errors', () => {
    const h = dataHarness();
    expect(h.run('SET', 'k', 'v', 'XX')).toBe('(nil)');
    expect(h.run('SET', 'k', 'v', 'NX')).toBe('OK');
    expect(h.run('SET', 'k', 'w', 'NX')).toBe('(nil)');
    expect(h.run('SET', 'k', 'w', 'NX', 'GET')).toBe('v');
    expect(h.run('SET', 'k', 'w', 'XX', 'GET')).toBe('v');
    expect(h.run('GET', 'k')).toBe('w');
    expect(h.run('SET', 'k', 'v', 'XX', 'NX')).toBe('(error) ERR syntax error');
    expect(h.run('SET', 'k', 'v', 'EX')).toBe('(error) ERR syntax error');
    expect(h.run('SET', 'k', 'v', 'EX', '10', 'PX', '10')).toBe('(error) ERR syntax error');
    expect(h.run('SET', 'k', 'v', 'KEEPTTL', 'EX', '10')).toBe('(error) ERR syntax error');
    expect(h.run('SET', 'k', 'v', 'EX', '-1')).toBe("(error) ERR invalid expire time in 'set' command");
    expect(h.run('SET', 'k', 'v', 'EX', '0')).toBe("(error) ERR invalid expire time in 'set' command");
    expect(h.run('SET', 'k', 'v', 'EX', 'abc')).toBe(NOTINT);
    expect(h.run('SET', 'k', 'v', 'EX', '9223372036854775')).toBe("(error) ERR invalid expire time in 'set' command");
    expect(h.run('SET', 'k', 'v', 'PX', '9223372036854775807')).toBe("(error) ERR invalid expire time in 'set' command");
    h.fed();
    h.run('RPUSH', 'l', 'a');
    expect(h.run('SET', 'l', 'v', 'GET')).toBe(WRONGTYPE);
    expect(h.run('TYPE', 'l')).toBe('list');
  });

  it('propagates SET with any expiry as SET key value PXAT, and drops GET otherwise', () => {
    const h = dataHarness();
    const now = START_MS;
    h.run('SET', 'a', '1', 'EX', '100', 'NX', 'GET');
    h.run('SET', 'b', '1', 'PX', '1500');
    h.run('SET', 'c', '1', 'EXAT', '2000000000');
    h.run('SET', 'd', '1', 'PXAT', '2000000000123', 'XX');
    h.run('SET', 'd', '2', 'pxat', '2000000000123');
    h.run('SET', 'e', '1', 'get', 'GET', 'NX');
    h.run('SET', 'f', '1', 'NX', 'KEEPTTL');
    expect(h.fed()).toEqual([
      `SET a 1 PXAT ${now + 100_000}`,
      `SET b 1 PXAT ${now + 1500}`,
      'SET c 1 PXAT 2000000000000',
      'SET d 2 PXAT 2000000000123',
      'SET e 1 NX',
      'SET f 1 NX KEEPTTL',
    ]);
  });

  it('KEEPTTL keeps the expiry; a plain SET drops it', () => {
    const h = dataHarness();
    h.run('SET', 'k', 'v', 'EX', '100');
    h.run('SET', 'k', 'w', 'KEEPTTL');
    expect(h.run('TTL', 'k')).toBe('(integer) 100');
    h.run('SET', 'k', 'x');
    expect(h.run('TTL', 'k')).toBe('(integer) -1');
  });

  it('SETNX, SETEX, PSETEX', () => {
    const h = dataHarness();
    expect(h.run('SETNX', 'k', 'v')).toBe('(integer) 1');
    expect(h.run('SETNX', 'k', 'w')).toBe('(integer) 0');
    expect(h.run('SETEX', 'k', '0', 'v')).toBe("(error) ERR invalid expire time in 'setex' command");
    expect(h.run('PSETEX', 'k', '-5', 'v')).toBe("(error) ERR invalid expire time in 'psetex' command");
    expect(h.run('SETEX', 'k', 'x', 'v')).toBe(NOTINT);
    h.fed();
    expect(h.run('SETEX', 'k', '10', 'v')).toBe('OK');
    expect(h.run('PSETEX', 'p', '2500', 'v')).toBe('OK');
    expect(h.run('PTTL', 'p')).toBe('(integer) 2500');
    expect(h.fed()).toEqual([`SET k v PXAT ${START_MS + 10_000}`, `SET p v PXAT ${START_MS + 2500}`]);
    h.s.advance(2500);
    expect(h.run('GET', 'p')).toBe('(nil)');
    expect(h.fed()).toEqual(['DEL p']);
  });

  it('MGET, MSET, MSETNX', () => {
    const h = dataHarness();
    expect(h.run('MSET', 'a', '1', 'b')).toBe("(error) ERR wrong number of arguments for 'mset' command");
    expect(h.run('MSETNX', 'a', '1', 'b')).toBe("(error) ERR wrong number of arguments for 'msetnx' command");
    expect(h.run('MSET', 'a', '1', 'b', '2')).toBe('OK');
    h.run('LPUSH', 'l', 'x');
    expect(h.run('MGET', 'a', 'nope', 'l', 'b')).toEqual(['1', '(nil)', '(nil)', '2']);
    expect(h.run('MSETNX', 'c', '3', 'a', '9')).toBe('(integer) 0');
    expect(h.run('MSETNX', 'c', '3', 'd', '4')).toBe('(integer) 1');
    const dirty = h.server.dirty;
    h.run('MSET', 'x', '1', 'y', '2', 'z', '3');
    expect(h.server.dirty - dirty).toBe(3);
  });

  it('GETSET, GETDEL, GETEX', () => {
    const h = dataHarness();
    expect(h.run('GETSET', 'k', 'v')).toBe('(nil)');
    expect(h.run('GETSET', 'k', 'w')).toBe('v');
    expect(h.run('GETDEL', 'k')).toBe('w');
    expect(h.run('GETDEL', 'k')).toBe('(nil)');
    expect(h.fed()).toEqual(['SET k v', 'SET k w', 'DEL k']);
    h.run('SET', 'k', 'v');
    h.fed();
    expect(h.run('GETEX', 'k')).toBe('v');
    expect(h.run('GETEX', 'k', 'NX')).toBe('(error) ERR syntax error');
    expect(h.run('GETEX', 'k', 'EX', '10', 'PERSIST')).toBe('(error) ERR syntax error');
    expect(h.run('GETEX', 'k', 'EX', '0')).toBe("(error) ERR invalid expire time in 'getex' command");
    expect(h.run('GETEX', 'missing', 'EX', 'abc')).toBe('(nil)');
    expect(h.run('GETEX', 'k', 'PERSIST')).toBe('v');
    expect(h.fed()).toEqual([]);
    expect(h.run('GETEX', 'k', 'EX', '10')).toBe('v');
    expect(h.run('TTL', 'k')).toBe('(integer) 10');
    expect(h.run('GETEX', 'k', 'PERSIST')).toBe('v');
    expect(h.run('TTL', 'k')).toBe('(integer) -1');
    expect(h.run('GETEX', 'k', 'PXAT', '1000')).toBe('v');
    expect(h.run('EXISTS', 'k')).toBe('(integer) 0');
    expect(h.fed()).toEqual([`PEXPIREAT k ${START_MS + 10_000}`, 'PERSIST k', 'DEL k']);
    h.run('LPUSH', 'l', 'x');
    expect(h.run('GETEX', 'l')).toBe(WRONGTYPE);
    expect(h.run('GETDEL', 'l')).toBe(WRONGTYPE);
    expect(h.run('GETSET', 'l', 'x')).toBe(WRONGTYPE);
  });

  it('INCR family: integers, overflow and errors', () => {
    const h = dataHarness();
    expect(h.run('INCR', 'n')).toBe('(integer) 1');
    expect(h.run('INCRBY', 'n', '10')).toBe('(integer) 11');
    expect(h.run('DECR', 'n')).toBe('(integer) 10');
    expect(h.run('DECRBY', 'n', '-5')).toBe('(integer) 15');
    expect(h.run('INCRBY', 'n', '1.5')).toBe(NOTINT);
    expect(h.run('DECRBY', 'n', '-9223372036854775808')).toBe('(error) ERR decrement would overflow');
    h.run('SET', 'big', '9223372036854775806');
    expect(h.wire('INCR', 'big')).toBe(':9223372036854775807\r\n');
    expect(h.run('INCR', 'big')).toBe('(error) ERR increment or decrement would overflow');
    h.run('SET', 's', ' 1');
    expect(h.run('INCR', 's')).toBe(NOTINT);
    h.run('SET', 's', '01');
    expect(h.run('INCR', 's')).toBe(NOTINT);
    h.run('RPUSH', 'l', 'a');
    expect(h.run('INCR', 'l')).toBe(WRONGTYPE);
    h.run('SET', 't', '5', 'EX', '100');
    h.run('INCR', 't');
    expect(h.run('TTL', 't')).toBe('(integer) 100');
  });

  it('INCRBYFLOAT computes in long double and propagates SET … KEEPTTL', () => {
    const h = dataHarness();
    h.run('SET', 'f', '10.50');
    h.fed();
    expect(h.run('INCRBYFLOAT', 'f', '0.1')).toBe('10.6');
    expect(h.run('INCRBYFLOAT', 'f', '-5')).toBe('5.6');
    expect(h.run('INCRBYFLOAT', 'g', '5.0e3')).toBe('5000');
    expect(h.run('INCRBYFLOAT', 'g', '1e5000')).toBe('(error) ERR value is not a valid float');
    expect(h.run('INCRBYFLOAT', 'g', 'inf')).toBe('(error) ERR increment would produce NaN or Infinity');
    expect(h.run('INCRBYFLOAT', 'g', ' 1')).toBe('(error) ERR value is not a valid float');
    expect(h.fed()).toEqual(['SET f 10.6 KEEPTTL', 'SET f 5.6 KEEPTTL', 'SET g 5000 KEEPTTL']);
    expect(h.run('OBJECT', 'ENCODING', 'g')).toBe('embstr');
  });

  it('APPEND, STRLEN, GETRANGE, SETRANGE', () => {
    const h = dataHarness();
    expect(h.run('APPEND', 'k', 'Hello')).toBe('(integer) 5');
    expect(h.run('APPEND', 'k', ' World')).toBe('(integer) 11');
    expect(h.run('STRLEN', 'k')).toBe('(integer) 11');
    expect(h.run('STRLEN', 'nope')).toBe('(integer) 0');
    expect(h.run('GETRANGE', 'k', '0', '4')).toBe('Hello');
    expect(h.run('GETRANGE', 'k', '-5', '-1')).toBe('World');
    expect(h.run('GETRANGE', 'k', '-1', '-5')).toBe('');
    expect(h.run('GETRANGE', 'k', '5', '1000')).toBe(' World');
    expect(h.run('GETRANGE', 'nope', '0', '-1')).toBe('');
    expect(h.run('GETRANGE', 'nope', 'a', '-1')).toBe(NOTINT);
    expect(h.run('SETRANGE', 'k', '6', 'Redis')).toBe('(integer) 11');
    expect(h.run('GET', 'k')).toBe('Hello Redis');
    expect(h.run('SETRANGE', 'z', '3', 'ab')).toBe('(integer) 5');
    expect(h.run('GET', 'z')).toBe('\0\0\0ab');
    expect(h.run('SETRANGE', 'e', '3', '')).toBe('(integer) 0');
    expect(h.run('EXISTS', 'e')).toBe('(integer) 0');
    expect(h.run('SETRANGE', 'k', '-1', 'x')).toBe('(error) ERR offset is out of range');
    expect(h.run('SETRANGE', 'k', '536870912', 'x')).toBe('(error) ERR string exceeds maximum allowed size (proto-max-bulk-len)');
    expect(h.run('OBJECT', 'ENCODING', 'z')).toBe('raw');
  });
});
