/**
 * Goal: the list commands reply, fail, count changes and propagate as Redis 7.0.15 does, and an
 * emptied list disappears.
 * Method: RESP commands through the engine harness; propagation read from a spy on
 * `persistence.feed`; replies checked against a real redis-server 7.0.15.
 */
import { describe, expect, it } from 'vitest';
import { dataHarness } from './data-harness.ts';

const WRONGTYPE = '(error) WRONGTYPE Operation against a key holding the wrong kind of value';
const NOTINT = '(error) ERR value is not an integer or out of range';

describe('lists', () => {
  it('LPUSH, RPUSH, the X forms, LLEN, LRANGE', () => {
    const h = dataHarness();
    expect(h.run('LPUSH', 'l', 'a', 'b', 'c')).toBe('(integer) 3');
    expect(h.run('RPUSH', 'l', 'd')).toBe('(integer) 4');
    expect(h.run('LRANGE', 'l', '0', '-1')).toEqual(['c', 'b', 'a', 'd']);
    expect(h.run('LRANGE', 'l', '-2', '100')).toEqual(['a', 'd']);
    expect(h.run('LRANGE', 'l', '3', '1')).toEqual([]);
    expect(h.run('LRANGE', 'nope', 'x', '1')).toBe(NOTINT);
    expect(h.run('LRANGE', 'nope', '0', '-1')).toEqual([]);
    expect(h.run('LPUSHX', 'nope', 'a')).toBe('(integer) 0');
    expect(h.run('RPUSHX', 'l', 'e', 'f')).toBe('(integer) 6');
    expect(h.run('LPUSHX', 'l', 'z')).toBe('(integer) 7');
    expect(h.run('LLEN', 'l')).toBe('(integer) 7');
    expect(h.run('LLEN', 'nope')).toBe('(integer) 0');
    expect(h.run('EXISTS', 'nope')).toBe('(integer) 0');
    h.run('SET', 's', 'v');
    expect(h.run('LPUSH', 's', 'x')).toBe(WRONGTYPE);
    expect(h.run('LLEN', 's')).toBe(WRONGTYPE);
    expect(h.run('LRANGE', 's', '0', '-1')).toBe(WRONGTYPE);
    const dirty = h.server.dirty;
    h.run('RPUSH', 'l', '1', '2', '3');
    expect(h.server.dirty - dirty).toBe(3);
  });

  it('LPOP and RPOP, with and without a count', () => {
    const h = dataHarness();
    h.run('RPUSH', 'l', 'a', 'b', 'c', 'd', 'e');
    h.fed();
    expect(h.run('LPOP', 'l')).toBe('a');
    expect(h.run('RPOP', 'l')).toBe('e');
    expect(h.run('RPOP', 'l', '2')).toEqual(['d', 'c']);
    expect(h.run('LPOP', 'l', '0')).toEqual([]);
    expect(h.run('LPOP', 'l', '5')).toEqual(['b']);
    expect(h.run('EXISTS', 'l')).toBe('(integer) 0');
    expect(h.run('LPOP', 'l')).toBe('(nil)');
    expect(h.run('LPOP', 'l', '2')).toBe('(nil array)');
    expect(h.run('LPOP', 'l', '-1')).toBe('(error) ERR value is out of range, must be positive');
    expect(h.run('LPOP', 'l', 'x')).toBe('(error) ERR value is out of range, must be positive');
    expect(h.run('LPOP', 'l', '1', '2')).toBe("(error) ERR wrong number of arguments for 'lpop' command");
    expect(h.fed()).toEqual(['LPOP l', 'RPOP l', 'RPOP l 2', 'LPOP l 5']);
  });

  it('LINDEX, LSET', () => {
    const h = dataHarness();
    h.run('RPUSH', 'l', 'a', 'b', 'c');
    expect(h.run('LINDEX', 'l', '0')).toBe('a');
    expect(h.run('LINDEX', 'l', '-1')).toBe('c');
    expect(h.run('LINDEX', 'l', '3')).toBe('(nil)');
    expect(h.run('LINDEX', 'l', 'x')).toBe(NOTINT);
    expect(h.run('LINDEX', 'nope', 'x')).toBe('(nil)');
    expect(h.run('LSET', 'l', '1', 'B')).toBe('OK');
    expect(h.run('LSET', 'l', '-1', 'C')).toBe('OK');
    expect(h.run('LSET', 'l', '3', 'x')).toBe('(error) ERR index out of range');
    expect(h.run('LSET', 'nope', '0', 'x')).toBe('(error) ERR no such key');
    expect(h.run('LRANGE', 'l', '0', '-1')).toEqual(['a', 'B', 'C']);
  });

  it('LREM, LTRIM, LINSERT', () => {
    const h = dataHarness();
    h.run('RPUSH', 'l', 'a', 'b', 'c', 'a', 'b', 'a');
    h.fed();
    expect(h.run('LREM', 'l', '-2', 'a')).toBe('(integer) 2');
    expect(h.run('LRANGE', 'l', '0', '-1')).toEqual(['a', 'b', 'c', 'b']);
    expect(h.run('LREM', 'l', '1', 'b')).toBe('(integer) 1');
    expect(h.run('LREM', 'l', '0', 'zz')).toBe('(integer) 0');
    expect(h.run('LREM', 'l', 'x', 'a')).toBe(NOTINT);
    expect(h.run('LINSERT', 'l', 'BEFORE', 'c', 'X')).toBe('(integer) 4');
    expect(h.run('LINSERT', 'l', 'after', 'c', 'Y')).toBe('(integer) 5');
    expect(h.run('LINSERT', 'l', 'after', 'zz', 'Y')).toBe('(integer) -1');
    expect(h.run('LINSERT', 'nope', 'after', 'zz', 'Y')).toBe('(integer) 0');
    expect(h.run('LINSERT', 'l', 'middle', 'c', 'Y')).toBe('(error) ERR syntax error');
    expect(h.run('LRANGE', 'l', '0', '-1')).toEqual(['a', 'X', 'c', 'Y', 'b']);
    expect(h.run('LTRIM', 'l', '1', '-2')).toBe('OK');
    expect(h.run('LRANGE', 'l', '0', '-1')).toEqual(['X', 'c', 'Y']);
    expect(h.run('LTRIM', 'l', '0', '-1')).toBe('OK'); // nothing removed: not propagated
    expect(h.run('LTRIM', 'nope', '0', '1')).toBe('OK');
    expect(h.run('LTRIM', 'l', '5', '10')).toBe('OK');
    expect(h.run('EXISTS', 'l')).toBe('(integer) 0');
    expect(h.fed()).toEqual(['LREM l -2 a', 'LREM l 1 b', 'LINSERT l BEFORE c X', 'LINSERT l after c Y', 'LTRIM l 1 -2', 'LTRIM l 5 10']);
  });

  it('LPOS with RANK, COUNT and MAXLEN', () => {
    const h = dataHarness();
    h.run('RPUSH', 'l', 'a', 'b', 'c', 'b', 'a', 'b');
    expect(h.run('LPOS', 'l', 'b')).toBe('(integer) 1');
    expect(h.run('LPOS', 'l', 'b', 'RANK', '2')).toBe('(integer) 3');
    expect(h.run('LPOS', 'l', 'b', 'RANK', '-1')).toBe('(integer) 5');
    expect(h.run('LPOS', 'l', 'b', 'COUNT', '0')).toEqual(['(integer) 1', '(integer) 3', '(integer) 5']);
    expect(h.run('LPOS', 'l', 'b', 'COUNT', '2', 'RANK', '-1')).toEqual(['(integer) 5', '(integer) 3']);
    expect(h.run('LPOS', 'l', 'b', 'MAXLEN', '1')).toBe('(nil)');
    expect(h.run('LPOS', 'l', 'z', 'COUNT', '1')).toEqual([]);
    expect(h.run('LPOS', 'nope', 'z')).toBe('(nil)');
    expect(h.run('LPOS', 'nope', 'z', 'COUNT', '0')).toEqual([]);
    expect(h.run('LPOS', 'l', 'b', 'RANK', '0')).toBe(
      "(error) ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
    );
    expect(h.run('LPOS', 'l', 'b', 'COUNT', '-1')).toBe("(error) ERR COUNT can't be negative");
    expect(h.run('LPOS', 'l', 'b', 'MAXLEN', 'x')).toBe("(error) ERR MAXLEN can't be negative");
    expect(h.run('LPOS', 'l', 'b', 'FOO')).toBe('(error) ERR syntax error');
  });
});
