/**
 * Goal: maxmemory behaves as Redis 7.0.15 (evict.c, processCommand, updateMaxmemory): over the
 * limit, noeviction refuses the commands that may grow memory (denyoom, and anything queued in
 * MULTI) with OOM while reads and DEL still run; the other policies evict (volatile-* only
 * keys with a TTL, volatile-ttl the soonest first), counting evicted_keys, propagating DEL,
 * touching WATCHers, and refuse with OOM once nothing is left; CONFIG SET below the memory in
 * use and a limit under 1 MB at startup log Redis's warnings. Also the verbose client lines.
 * Method: engine harness; expected texts from fidelity scenario 61 recorded on real Redis.
 */
import { describe, expect, it } from 'vitest';
import { startServer, show } from '../../support/engine-harness.ts';

const OOM = "(error) OOM command not allowed when used memory > 'maxmemory'.";

describe('maxmemory', () => {
  it('noeviction: OOM for denyoom commands and inside MULTI, reads and DEL still run', () => {
    const c = startServer({ conf: 'save ""\n' }).client();
    c.call('SET', 'k', 'v');
    expect(show(c.call('CONFIG', 'SET', 'maxmemory', '1'))).toBe('OK');
    expect(show(c.call('SET', 'k2', 'v'))).toBe(OOM);
    expect(show(c.call('GET', 'k'))).toBe('v');
    expect(show(c.call('INCR', 'n'))).toBe(OOM);
    expect(show(c.call('EXPIRE', 'k', '100'))).toBe('(integer) 1');
    expect(show(c.call('MULTI'))).toBe('OK');
    expect(show(c.call('PING'))).toBe(OOM);
    expect(show(c.call('EXEC'))).toBe('(error) EXECABORT Transaction discarded because of previous errors.');
    expect(show(c.call('DEL', 'k'))).toBe('(integer) 1');
    const stats = show(c.call('INFO', 'errorstats')) as string;
    expect(stats).toContain('errorstat_OOM:count=3\r\n');
    expect(show(c.call('CONFIG', 'SET', 'maxmemory', '0'))).toBe('OK');
    expect(show(c.call('SET', 'k2', 'v'))).toBe('OK');
  });

  it('volatile-ttl evicts the keys with a TTL (touching WATCHers, DEL in the AOF), then refuses; allkeys-lru evicts everything', () => {
    const s = startServer({ conf: 'save ""\nappendonly yes\n' });
    const c = s.client();
    const w = s.client();
    c.call('MSET', 'a', '1', 'b', '2');
    c.call('SET', 'v1', 'x', 'EX', '100');
    w.call('WATCH', 'v1');
    w.call('MULTI');
    w.call('GET', 'v1');
    expect(show(c.call('CONFIG', 'SET', 'maxmemory-policy', 'volatile-ttl', 'maxmemory', '1'))).toBe('OK');
    expect(show(c.call('DBSIZE'))).toBe('(integer) 2');
    expect(show(w.call('EXEC'))).toBe('(nil array)'); // the evicted key was touched (a read-only EXEC runs)
    expect(show(c.call('SET', 'd', '4'))).toBe(OOM);
    expect(show(c.call('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru'))).toBe('OK');
    expect(show(c.call('DBSIZE'))).toBe('(integer) 0');
    expect(show(c.call('INFO', 'stats')) as string).toContain('\r\nevicted_keys:3\r\n');
    const aof = s.disk.read('/home/learner/appendonlydir/appendonly.aof.1.incr.aof') ?? '';
    expect(aof).toContain('*2\r\n$3\r\nDEL\r\n$2\r\nv1\r\n');
  });

  it('logs the CONFIG SET warning (the limit and the memory in use) and the startup warning under 1 MB', () => {
    const s = startServer({ conf: 'save ""\nmaxmemory 1000\n' });
    expect(s.log()).toMatch(/# WARNING: You specified a maxmemory value that is less than 1MB \(current value is 1000 bytes\)\. Are you sure this is what you really want\?\n/);
    const c = s.client();
    c.call('CONFIG', 'SET', 'maxmemory', '12345');
    expect(s.log()).toMatch(/# WARNING: the new maxmemory value set via CONFIG SET \(12345\) is smaller than the current memory usage \(\d+\)\. This will result in key eviction and\/or the inability to accept new write commands depending on the maxmemory-policy\.\n/);
    c.call('CONFIG', 'SET', 'maxmemory', '1gb');
    expect(s.log().match(/smaller than the current memory usage/g)).toHaveLength(1);
  });
});

describe('loglevel verbose', () => {
  it('logs each accepted client and each client that closed its connection, not one the server closed', () => {
    const s = startServer({ conf: 'save ""\nloglevel verbose\n' });
    const c = s.client();
    c.call('CLIENT', 'SETNAME', 'learner');
    c.close();
    const k = s.client();
    k.call('QUIT');
    const log = s.log();
    expect(log.match(/ - Accepted 127\.0\.0\.1:\d+\n/g)).toHaveLength(2);
    expect(log).toMatch(/ - Client closed connection id=3 addr=127\.0\.0\.1:\d+ laddr=127\.0\.0\.1:6379 fd=\d+ name=learner .* cmd=client\|setname user=default redir=-1 resp=2\n/);
    expect(log.match(/Client closed connection/g)).toHaveLength(1);
  });

  it('says nothing about clients at notice', () => {
    const s = startServer({ conf: 'save ""\n' });
    s.client().close();
    expect(s.log()).not.toMatch(/Accepted|Client closed/);
  });
});
