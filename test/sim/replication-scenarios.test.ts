/**
 * Goal: the replication scenarios of issue 3 told as a learner would watch them — an
 * acknowledged write lost when the primary dies before replicating it (and kept when the client
 * used WAIT), WAIT while the replica is partitioned, a chained replica surviving a short
 * partition with a partial resync, and a replica restarted from an RDB (partial resync) versus
 * one that lost everything (full resync).
 * Method: the multi-node harness (test/support/cluster-harness.ts) with virtual time, network
 * partitions and kills; to be moved onto src/sim's scenario language once it exists.
 */
import { describe, expect, test } from 'vitest';
import { Cluster, show } from '../support/cluster-harness.ts';

function tutorial(replicas: [number, number][] = [[6380, 6379]], conf = '') {
  const cl = new Cluster({ latencyMs: 1 });
  cl.start(6379, { conf });
  for (const [port, of] of replicas) cl.start(port, { conf: `replicaof 127.0.0.1 ${of}\n${conf}` });
  cl.run(8000);
  return cl;
}

describe('data loss window', () => {
  test('an acknowledged write is lost when the primary dies before replicating it; WAIT keeps it', () => {
    const cl = tutorial();
    const c = cl.client(6379);
    expect(show(c.call('SET', 'safe-write', 'confirmed'))).toBe('OK');
    expect(show(c.call('WAIT', '1', '1000'))).toBe('(integer) 1');
    cl.partition(6379, 6380); // the replica lags: the stream does not reach it
    expect(show(c.call('SET', 'important-write', 'acknowledged'))).toBe('OK');
    expect(show(c.call('WAIT', '1', '300'))).toBe('(integer) 0');
    cl.kill(6379);
    cl.heal();
    cl.run(1000);
    const r = cl.client(6380);
    expect(show(r.call('REPLICAOF', 'NO', 'ONE'))).toBe('OK');
    expect(show(r.call('GET', 'important-write'))).toBe('(nil)');
    expect(show(r.call('GET', 'safe-write'))).toBe('confirmed');
  });
});

describe('WAIT across a partition', () => {
  test('returns 0 at its timeout while partitioned, and 1 once the partition heals', () => {
    const cl = tutorial();
    const c = cl.client(6379);
    cl.partition(6379, 6380);
    c.call('SET', 'k', 'v');
    expect(show(c.call('WAIT', '1', '2000'))).toBe('(integer) 0');
    c.send('WAIT', '1', '0');
    cl.run(3000);
    expect(c.inbox.length).toBe(0);
    cl.heal();
    expect(show(c.reply())).toBe('(integer) 1');
    expect(show(cl.client(6380).call('GET', 'k'))).toBe('v');
  });
});

describe('chained replicas', () => {
  test('a sub-replica gets the primary stream and catches up partially after a partition', () => {
    const cl = tutorial([[6380, 6379], [6381, 6380]]);
    cl.run(6000);
    expect(cl.server(6381).replication.linkUp).toBe(true);
    const c = cl.client(6379);
    cl.partition(6380, 6381);
    for (let i = 0; i < 10; i++) c.call('INCR', 'counter');
    cl.run(100);
    expect(show(cl.client(6381).call('GET', 'counter'))).toBe('(nil)');
    expect(show(cl.client(6380).call('GET', 'counter'))).toBe('10');
    cl.heal();
    cl.run(100);
    expect(show(cl.client(6381).call('GET', 'counter'))).toBe('10');
    expect(cl.server(6381).replication.offset).toBe(cl.server(6379).replication.offset);
    // The held bytes arrived on the same link: no resync was needed at all.
    expect(cl.server(6380).stats.syncFull).toBe(1);
  });

  test('when the middle replica loses its primary link, the sub-replica keeps its link (PSYNC2)', () => {
    const cl = tutorial([[6380, 6379], [6381, 6380]]);
    cl.run(6000);
    const s = cl.server(6380);
    const link = [...s.clients.values()].find((x) => x.kind === 'primary')!;
    s.freeClient(link, true);
    cl.run(100);
    expect(cl.server(6380).replication.linkUp).toBe(true);
    expect(cl.server(6381).replication.linkUp).toBe(true);
    cl.client(6379).call('SET', 'after', 'reconnect');
    cl.run(10);
    expect(show(cl.client(6381).call('GET', 'after'))).toBe('reconnect');
  });
});

describe('restarting a replica', () => {
  test('with its RDB (appendonly no) it continues partially; killed without one it needs a full resync', () => {
    const cl = tutorial();
    cl.client(6379).call('SET', 'k', 'v');
    cl.run(100);
    cl.term(6380); // SIGTERM: the final RDB save carries the replication ID and offset
    cl.run(100);
    cl.restart(6380);
    cl.run(500);
    const m = cl.messages(6380);
    expect(m).toContain('S * Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.');
    expect(cl.server(6380).replication.linkUp).toBe(true);
    expect(m.at(-1)).toBe('S * MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.');
    expect(show(cl.client(6380).call('GET', 'k'))).toBe('v');
  });
});
