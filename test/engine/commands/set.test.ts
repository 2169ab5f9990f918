/**
 * Goal: the set commands reply, fail, count changes and propagate as Redis 7.0.15 does (SPOP as
 * SREM or DEL), intsets iterate in numeric order, random draws are seeded, and an emptied set
 * disappears.
 * Method: RESP commands through the engine harness; propagation read from a spy on
 * `persistence.feed`; replies and AOF contents checked against a real redis-server 7.0.15.
 */
import { describe, expect, it } from 'vitest';
import { dataHarness } from './data-harness.ts';

const WRONGTYPE = '(error) WRONGTYPE Operation against a key holding the wrong kind of value';
const sorted = (r: unknown) => [...(r as string[])].sort();

describe('sets', () => {
  it('SADD, SREM, SMEMBERS, SISMEMBER, SMISMEMBER, SCARD', () => {
    const h = dataHarness();
    expect(h.run('SADD', 's', '3', '1', '2', '10', '1')).toBe('(integer) 4');
    expect(h.run('SMEMBERS', 's')).toEqual(['1', '2', '3', '10']);
    expect(h.run('SADD', 't', 'b', 'a', 'c')).toBe('(integer) 3');
    expect(h.run('SMEMBERS', 't')).toEqual(['b', 'a', 'c']);
    expect(h.run('SISMEMBER', 's', '2')).toBe('(integer) 1');
    expect(h.run('SISMEMBER', 's', '9')).toBe('(integer) 0');
    expect(h.run('SMISMEMBER', 's', '2', '9')).toEqual(['(integer) 1', '(integer) 0']);
    expect(h.run('SMISMEMBER', 'nope', '2')).toEqual(['(integer) 0']);
    expect(h.run('SCARD', 's')).toBe('(integer) 4');
    expect(h.run('SCARD', 'nope')).toBe('(integer) 0');
    expect(h.run('SMEMBERS', 'nope')).toEqual([]);
    const dirty = h.server.dirty;
    expect(h.run('SADD', 's', '1', '99')).toBe('(integer) 1');
    expect(h.server.dirty - dirty).toBe(1);
    h.fed();
    expect(h.run('SADD', 's', '1')).toBe('(integer) 0');
    expect(h.run('SREM', 's', '1', '2', 'zz')).toBe('(integer) 2');
    expect(h.run('SREM', 's', 'zz')).toBe('(integer) 0');
    expect(h.fed()).toEqual(['SREM s 1 2 zz']);
    expect(h.run('SREM', 't', 'a', 'b', 'c')).toBe('(integer) 3');
    expect(h.run('EXISTS', 't')).toBe('(integer) 0');
    h.run('SET', 'str', 'v');
    for (const cmd of [['SADD', 'str', 'a'], ['SMEMBERS', 'str'], ['SCARD', 'str'], ['SISMEMBER', 'str', 'a'], ['SINTER', 's', 'str'], ['SPOP', 'str']]) {
      expect(h.run(...cmd)).toBe(WRONGTYPE);
    }
  });

  it('SPOP propagates SREM, or DEL when it empties the set', () => {
    const h = dataHarness({ seed: 3 });
    h.run('SADD', 's', 'a', 'b', 'c', 'd', 'e');
    h.fed();
    const one = h.run('SPOP', 's') as string;
    const two = h.run('SPOP', 's', '2') as string[];
    expect(two).toHaveLength(2);
    // Several SREMs from one command reach the AOF inside MULTI/EXEC, as in Redis 7.0.
    expect(h.fed()).toEqual([`SREM s ${one}`, 'MULTI', ...two.map((m) => `SREM s ${m}`), 'EXEC']);
    const rest = h.run('SPOP', 's', '10') as string[];
    expect(sorted([one, ...two, ...rest])).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(h.fed()).toEqual(['DEL s']);
    expect(h.run('SPOP', 's')).toBe('(nil)');
    expect(h.run('SPOP', 's', '1')).toEqual([]);
    expect(h.run('SPOP', 's', '-1')).toBe('(error) ERR value is out of range, must be positive');
    expect(h.run('SPOP', 's', '1', '2')).toBe('(error) ERR syntax error');
    expect(h.fed()).toEqual([]);
  });

  it('SPOP and SRANDMEMBER draw from the seeded generator', () => {
    const run = (seed: number) => {
      const h = dataHarness({ seed });
      h.run('SADD', 's', ...'abcdefghij'.split(''));
      return [h.run('SRANDMEMBER', 's'), h.run('SRANDMEMBER', 's', '3'), h.run('SRANDMEMBER', 's', '-4'), h.run('SPOP', 's', '2')];
    };
    expect(run(11)).toEqual(run(11));
    const h = dataHarness();
    h.run('SADD', 's', 'a', 'b', 'c');
    expect(h.run('SRANDMEMBER', 'nope')).toBe('(nil)');
    expect(h.run('SRANDMEMBER', 'nope', '3')).toEqual([]);
    expect(h.run('SRANDMEMBER', 's', '0')).toEqual([]);
    expect(sorted(h.run('SRANDMEMBER', 's', '10'))).toEqual(['a', 'b', 'c']);
    const two = h.run('SRANDMEMBER', 's', '2') as string[];
    expect(new Set(two).size).toBe(2);
    expect(h.run('SRANDMEMBER', 's', '-7')).toHaveLength(7);
    expect(h.run('SRANDMEMBER', 's', 'x')).toBe('(error) ERR value is not an integer or out of range');
    expect(h.run('SCARD', 's')).toBe('(integer) 3');
  });

  it('SINTER, SUNION, SDIFF and their STORE forms', () => {
    const h = dataHarness();
    h.run('SADD', 'a', '1', '2', '3', '4');
    h.run('SADD', 'b', '3', '4', '5');
    h.run('SADD', 'c', 'x', '4');
    expect(h.run('SINTER', 'a', 'b')).toEqual(['3', '4']);
    expect(h.run('SINTER', 'a', 'b', 'c')).toEqual(['4']);
    expect(h.run('SINTER', 'a', 'nope')).toEqual([]);
    expect(h.run('SUNION', 'a', 'b', 'nope')).toEqual(['1', '2', '3', '4', '5']);
    expect(h.run('SDIFF', 'a', 'b')).toEqual(['1', '2']);
    expect(h.run('SDIFF', 'a', 'a')).toEqual([]);
    expect(h.run('SDIFF', 'nope', 'a')).toEqual([]);
    h.run('SET', 'dst', 'v', 'EX', '100');
    h.fed();
    expect(h.run('SINTERSTORE', 'dst', 'a', 'b')).toBe('(integer) 2');
    expect(h.run('TTL', 'dst')).toBe('(integer) -1');
    expect(h.run('SMEMBERS', 'dst')).toEqual(['3', '4']);
    expect(h.run('SUNIONSTORE', 'dst', 'a', 'c')).toBe('(integer) 5');
    expect(h.run('OBJECT', 'ENCODING', 'dst')).toBe('hashtable');
    expect(h.run('SDIFFSTORE', 'dst', 'a', 'b')).toBe('(integer) 2');
    expect(h.run('SINTERSTORE', 'dst', 'a', 'nope')).toBe('(integer) 0');
    expect(h.run('EXISTS', 'dst')).toBe('(integer) 0');
    expect(h.run('SINTERSTORE', 'dst', 'a', 'nope')).toBe('(integer) 0');
    expect(h.fed()).toEqual(['SINTERSTORE dst a b', 'SUNIONSTORE dst a c', 'SDIFFSTORE dst a b', 'SINTERSTORE dst a nope']);
  });

  it('SMOVE', () => {
    const h = dataHarness();
    h.run('SADD', 'a', 'x', 'y');
    h.run('SADD', 'b', 'y');
    expect(h.run('SMOVE', 'nope', 'b', 'x')).toBe('(integer) 0');
    expect(h.run('SMOVE', 'a', 'b', 'zz')).toBe('(integer) 0');
    expect(h.run('SMOVE', 'a', 'a', 'x')).toBe('(integer) 1');
    expect(h.run('SMOVE', 'a', 'a', 'zz')).toBe('(integer) 0');
    let dirty = h.server.dirty;
    expect(h.run('SMOVE', 'a', 'b', 'y')).toBe('(integer) 1');
    expect(h.server.dirty - dirty).toBe(1);
    dirty = h.server.dirty;
    expect(h.run('SMOVE', 'a', 'c', 'x')).toBe('(integer) 1');
    expect(h.server.dirty - dirty).toBe(2);
    expect(h.run('EXISTS', 'a')).toBe('(integer) 0');
    expect(h.run('SMEMBERS', 'c')).toEqual(['x']);
    h.run('SET', 's', 'v');
    expect(h.run('SMOVE', 'c', 's', 'x')).toBe(WRONGTYPE);
  });
});
