/**
 * Goal: the safety valves of README §2, §4 and §8 — READONLY on a replica (and
 * replica-read-only no), MASTERDOWN with replica-serve-stale-data no, min-replicas-to-write /
 * min-replicas-max-lag (NOREPLICAS at once when the replica disconnects, after ~11 s when it is
 * frozen, min_slaves_good_slaves in INFO), and masterauth: missing (a loop of ten lines per
 * attempt, tamed to at most ten attempts a second, ROLE handshake), wrong (one attempt a second
 * with the WRONGPASS line), fixed with CONFIG SET.
 * Method: nodes on the simulator (test/sim/replication-support.ts); log lines compared without timestamps.
 */
import { describe, expect, test } from 'vitest';
import { simCluster, show } from '../../sim/replication-support.ts';

describe('read-only replicas and stale data', () => {
  test('writes on a replica get READONLY unless replica-read-only is no', () => {
    const cl = simCluster();
    cl.start(6379);
    cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\n' });
    cl.run(7000);
    const r = cl.client(6380);
    expect(show(r.call('SET', 'foo', 'bar'))).toBe("(error) READONLY You can't write against a read only replica.");
    expect(show(r.call('DEL', 'greeting'))).toBe("(error) READONLY You can't write against a read only replica.");
    expect(show(r.call('CONFIG', 'SET', 'replica-read-only', 'no'))).toBe('OK');
    expect(show(r.call('SET', 'local', 'x'))).toBe('OK');
    expect(cl.server(6379).dbs[0].keys.has('local')).toBe(false);
  });

  test('replica-serve-stale-data no answers MASTERDOWN while the link is down', () => {
    const cl = simCluster();
    cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\nreplica-serve-stale-data no\n' });
    cl.run(100);
    expect(show(cl.client(6380).call('GET', 'k'))).toBe("(error) MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.");
  });
});

describe('min-replicas-to-write', () => {
  function guarded() {
    const cl = simCluster();
    cl.start(6379, { conf: 'min-replicas-to-write 1\nmin-replicas-max-lag 10\n' });
    cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\n' });
    cl.run(7000);
    return cl;
  }

  test('a disconnected replica makes writes fail at once; reads still work', () => {
    const cl = guarded();
    const c = cl.client(6379);
    expect(show(c.call('SET', 'k', 'v'))).toBe('OK');
    expect(cl.server(6379).replication.info()).toContain('min_slaves_good_slaves:1');
    cl.kill(6380);
    cl.run(10);
    expect(show(c.call('SET', 'k', 'v2'))).toBe('(error) NOREPLICAS Not enough good replicas to write.');
    expect(show(c.call('GET', 'k'))).toBe('v');
    expect(cl.server(6379).replication.info()).toContain('min_slaves_good_slaves:0');
  });

  test('a frozen replica: writes succeed until its lag passes 10 s, and again after it resumes', () => {
    const cl = guarded();
    const c = cl.client(6379);
    cl.pause(6380);
    const t0 = cl.now;
    while (show(c.call('SET', 'k', String(cl.now))) === 'OK') cl.run(100);
    const took = cl.now - t0;
    expect(took).toBeGreaterThan(10_000);
    expect(took).toBeLessThan(12_100);
    cl.resume(6380);
    cl.run(1100);
    expect(show(c.call('SET', 'k', 'again'))).toBe('OK');
  });
});

describe('masterauth', () => {
  const primaryConf = 'requirepass a_strong_password\n';

  test('missing: a handshake loop of ten lines per attempt, at most ten attempts a second', () => {
    const cl = simCluster();
    cl.start(6379, { conf: primaryConf });
    cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\n' });
    cl.run(1000);
    const m = cl.messages(6380);
    const first = m.indexOf('S * MASTER <-> REPLICA sync started');
    expect(m.slice(first, first + 11)).toEqual([
      'S * MASTER <-> REPLICA sync started',
      'S * Non blocking connect for SYNC fired the event.',
      'S * Master replied to PING, replication can continue...',
      'S * (Non critical) Master does not understand REPLCONF listening-port: -NOAUTH Authentication required.',
      'S * (Non critical) Master does not understand REPLCONF capa: -NOAUTH Authentication required.',
      'S * Partial resynchronization not possible (no cached master)',
      'S # Unexpected reply to PSYNC from master: -NOAUTH Authentication required.',
      'S * Retrying with SYNC...',
      'S # MASTER aborted replication with an error: NOAUTH Authentication required.',
      'S * Reconnecting to MASTER 127.0.0.1:6379 after failure',
      'S * MASTER <-> REPLICA sync started',
    ]);
    const attempts = m.filter((x) => x === 'S * MASTER <-> REPLICA sync started').length;
    expect(attempts).toBeGreaterThanOrEqual(5);
    expect(attempts).toBeLessThanOrEqual(13);
    expect(cl.messages(6379).filter((x) => /Replica|replica/.test(x))).toEqual([]);
    expect(show(cl.server(6380).replication.roleReply())).toEqual(['slave', '127.0.0.1', '(integer) 6379', 'handshake', '(integer) -1']);
    expect(cl.server(6380).replication.info()).toContain('master_link_down_since_seconds:-1');
    // Fixing it at run time: the next attempt authenticates; the diskless delay follows.
    expect(show(cl.client(6380).call('CONFIG', 'SET', 'masterauth', 'a_strong_password'))).toBe('OK');
    expect(cl.runUntil(() => cl.server(6380).replication.linkUp, 8000)).toBe(true);
  });

  test('wrong: one attempt a second, ending with the WRONGPASS line', () => {
    const cl = simCluster();
    cl.start(6379, { conf: primaryConf });
    cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\nmasterauth wrong_password\n' });
    cl.run(3500);
    const m = cl.messages(6380);
    const first = m.indexOf('S * Connecting to MASTER 127.0.0.1:6379');
    expect(m.slice(first, first + 5)).toEqual([
      'S * Connecting to MASTER 127.0.0.1:6379',
      'S * MASTER <-> REPLICA sync started',
      'S * Non blocking connect for SYNC fired the event.',
      'S * Master replied to PING, replication can continue...',
      'S # Unable to AUTH to MASTER: -WRONGPASS invalid username-password pair or user is disabled.',
    ]);
    expect(m.filter((x) => x === 'S * Connecting to MASTER 127.0.0.1:6379').length).toBe(4);
  });

  test('right: the replica authenticates and syncs', () => {
    const cl = simCluster();
    cl.start(6379, { conf: primaryConf });
    cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\nmasterauth a_strong_password\n' });
    cl.run(7000);
    expect(cl.server(6380).replication.linkUp).toBe(true);
  });
});
