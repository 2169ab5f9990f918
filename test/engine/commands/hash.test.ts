/**
 * Goal: the hash commands reply, fail, count changes and propagate as Redis 7.0.15 does, keep
 * field order while listpack-encoded, and an emptied hash disappears.
 * Method: RESP commands through the engine harness; propagation read from a spy on
 * `persistence.feed`; replies checked against a real redis-server 7.0.15.
 */
import { describe, expect, it } from 'vitest';
import { dataHarness } from './data-harness.ts';

const WRONGTYPE = '(error) WRONGTYPE Operation against a key holding the wrong kind of value';

describe('hashes', () => {
  it('HSET, HMSET, HSETNX, HGET, HMGET, HGETALL, HKEYS, HVALS, HLEN', () => {
    const h = dataHarness();
    expect(h.run('HSET', 'h', 'f')).toBe("(error) ERR wrong number of arguments for 'hset' command");
    expect(h.run('HSET', 'h', 'a', '1', 'b')).toBe("(error) ERR wrong number of arguments for 'hset' command");
    expect(h.run('HMSET', 'h', 'a', '1', 'b')).toBe("(error) ERR wrong number of arguments for 'hmset' command");
    const dirty = h.server.dirty;
    expect(h.run('HSET', 'h', 'a', '1', 'b', '2')).toBe('(integer) 2');
    expect(h.run('HSET', 'h', 'a', '10', 'c', '3')).toBe('(integer) 1');
    expect(h.server.dirty - dirty).toBe(4);
    expect(h.run('HMSET', 'h', 'd', '4')).toBe('OK');
    expect(h.run('HSETNX', 'h', 'd', 'x')).toBe('(integer) 0');
    expect(h.run('HSETNX', 'h', 'e', '5')).toBe('(integer) 1');
    expect(h.run('HGET', 'h', 'a')).toBe('10');
    expect(h.run('HGET', 'h', 'zz')).toBe('(nil)');
    expect(h.run('HGET', 'nope', 'a')).toBe('(nil)');
    expect(h.run('HMGET', 'h', 'a', 'zz', 'c')).toEqual(['10', '(nil)', '3']);
    expect(h.run('HMGET', 'nope', 'a', 'b')).toEqual(['(nil)', '(nil)']);
    expect(h.run('HGETALL', 'h')).toEqual(['a', '10', 'b', '2', 'c', '3', 'd', '4', 'e', '5']);
    expect(h.run('HKEYS', 'h')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(h.run('HVALS', 'h')).toEqual(['10', '2', '3', '4', '5']);
    expect(h.run('HGETALL', 'nope')).toEqual([]);
    expect(h.run('HLEN', 'h')).toBe('(integer) 5');
    expect(h.run('HLEN', 'nope')).toBe('(integer) 0');
    expect(h.run('HEXISTS', 'h', 'a')).toBe('(integer) 1');
    expect(h.run('HEXISTS', 'h', 'zz')).toBe('(integer) 0');
    expect(h.run('HSTRLEN', 'h', 'a')).toBe('(integer) 2');
    expect(h.run('HSTRLEN', 'h', 'zz')).toBe('(integer) 0');
    h.run('SET', 's', 'v');
    for (const cmd of [['HSET', 's', 'a', '1'], ['HGET', 's', 'a'], ['HMGET', 's', 'a'], ['HGETALL', 's'], ['HLEN', 's'], ['HDEL', 's', 'a'], ['HINCRBY', 's', 'a', '1']]) {
      expect(h.run(...cmd)).toBe(WRONGTYPE);
    }
  });

  it('HDEL removes fields and the emptied key', () => {
    const h = dataHarness();
    h.run('HSET', 'h', 'a', '1', 'b', '2');
    h.fed();
    expect(h.run('HDEL', 'h', 'a', 'zz', 'a')).toBe('(integer) 1');
    expect(h.run('HDEL', 'h', 'zz')).toBe('(integer) 0');
    expect(h.run('HDEL', 'h', 'b')).toBe('(integer) 1');
    expect(h.run('EXISTS', 'h')).toBe('(integer) 0');
    expect(h.run('HDEL', 'h', 'b')).toBe('(integer) 0');
    expect(h.fed()).toEqual(['HDEL h a zz a', 'HDEL h b']);
  });

  it('HINCRBY and HINCRBYFLOAT', () => {
    const h = dataHarness();
    expect(h.run('HINCRBY', 'h', 'n', '5')).toBe('(integer) 5');
    expect(h.run('HINCRBY', 'h', 'n', '-7')).toBe('(integer) -2');
    expect(h.run('HINCRBY', 'h', 'n', 'x')).toBe('(error) ERR value is not an integer or out of range');
    h.run('HSET', 'h', 's', 'abc', 'big', '9223372036854775807');
    expect(h.run('HINCRBY', 'h', 's', '1')).toBe('(error) ERR hash value is not an integer');
    expect(h.run('HINCRBY', 'h', 'big', '1')).toBe('(error) ERR increment or decrement would overflow');
    expect(h.run('HINCRBYFLOAT', 'h', 's', '1')).toBe('(error) ERR hash value is not a float');
    expect(h.run('HINCRBYFLOAT', 'h', 'n', 'x')).toBe('(error) ERR value is not a valid float');
    expect(h.run('HINCRBYFLOAT', 'h', 'n', 'inf')).toBe('(error) ERR value is NaN or Infinity');
    h.fed();
    expect(h.run('HINCRBYFLOAT', 'h', 'f', '10.5')).toBe('10.5');
    expect(h.run('HINCRBYFLOAT', 'h', 'f', '0.1')).toBe('10.6');
    expect(h.run('HINCRBY', 'h', 'n', '2')).toBe('(integer) 0');
    expect(h.fed()).toEqual(['HSET h f 10.5', 'HSET h f 10.6', 'HINCRBY h n 2']);
  });
});
