/**
 * Goal: FAILOVER behaves as Redis 7.0's `failoverCommand` — the argument errors in Redis's
 * order, the state errors, `master_failover_state` going waiting-for-sync →
 * failover-in-progress → no-failover, writes paused meanwhile (and answered READONLY once the
 * switch is done), the log lines of both sides as recorded from redis-server 7.0.15 (the
 * target's "Failover request received for replid …" / "MASTER MODE enabled (failover request
 * from '…')", the old primary's "Failover target … is synced, failing over."), a sibling
 * continuing partially, TIMEOUT without and with FORCE, and FAILOVER ABORT.
 * Method: three nodes on the simulator (test/sim/replication-support.ts) driven by real
 * commands; log messages compared without their `pid:role date` prefix.
 */
import { describe, expect, test } from 'vitest';
import { infoFields, show, simCluster } from '../../sim/replication-support.ts';

function trio() {
  const cl = simCluster();
  cl.start(6379);
  cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\n' });
  cl.start(6381, { conf: 'replicaof 127.0.0.1 6379\n' });
  expect(cl.runUntil(() => cl.server(6380).replication.linkUp && cl.server(6381).replication.linkUp, 10_000)).toBe(true);
  cl.run(1100);
  return cl;
}

const state = (cl: ReturnType<typeof simCluster>, port: number) => infoFields(cl.client(port).call('INFO', 'replication')).get('master_failover_state');

describe('FAILOVER', () => {
  test('argument and state errors as Redis 7.0 replies them', () => {
    const cl = trio();
    const c = cl.client(6379);
    const err = (...argv: string[]) => show(c.call('FAILOVER', ...argv));
    expect(err('ABORT')).toBe('(error) ERR No failover in progress.');
    expect(err('TO', '127.0.0.1')).toBe('(error) ERR syntax error');
    expect(err('TO', '127.0.0.1', 'notaport')).toBe('(error) ERR value is not an integer or out of range');
    expect(err('TIMEOUT', '0')).toBe('(error) ERR FAILOVER timeout must be greater than 0');
    expect(err('TIMEOUT', '-5')).toBe('(error) ERR FAILOVER timeout must be greater than 0');
    expect(err('TIMEOUT', 'x')).toBe('(error) ERR value is not an integer or out of range');
    expect(err('TIMEOUT', '10', 'TIMEOUT', '20')).toBe('(error) ERR syntax error');
    expect(err('FORCE', 'FORCE')).toBe('(error) ERR syntax error');
    expect(err('ABORT', 'TIMEOUT', '5')).toBe('(error) ERR syntax error');
    expect(err('foo')).toBe('(error) ERR syntax error');
    expect(err('FORCE')).toBe('(error) ERR FAILOVER with force option requires both a timeout and target HOST and IP.');
    expect(err('TO', '127.0.0.1', '6380', 'FORCE')).toBe('(error) ERR FAILOVER with force option requires both a timeout and target HOST and IP.');
    expect(err('TO', '127.0.0.1', '9999')).toBe('(error) ERR FAILOVER target HOST and PORT is not a replica.');
    expect(show(cl.client(6380).call('FAILOVER'))).toBe('(error) ERR FAILOVER is not valid when server is a replica.');
    const solo = simCluster();
    solo.start(6390);
    expect(show(solo.client(6390).call('FAILOVER'))).toBe('(error) ERR FAILOVER requires connected replicas.');
  });

  test('to a named replica: writes wait, the replica takes over partially, the old primary follows it', () => {
    const cl = trio();
    const c = cl.client(6379);
    c.call('SET', 'a', '1');
    cl.run(10);
    const oldId = cl.server(6379).replication.replid;
    const off = cl.server(6379).replication.offset;
    const [m0, r0, s0] = [cl.messages(6379).length, cl.messages(6380).length, cl.messages(6381).length];
    expect(show(c.call('FAILOVER', 'TO', '127.0.0.1', '6380'))).toBe('OK');
    expect(state(cl, 6379)).toBe('waiting-for-sync');
    expect(show(c.call('FAILOVER'))).toBe('(error) ERR FAILOVER already in progress.');
    expect(show(c.call('REPLICAOF', 'NO', 'ONE'))).toBe('(error) ERR REPLICAOF not allowed while failing over.');
    const writer = cl.client(6379);
    writer.send('SET', 'b', '2');
    expect(show(c.call('GET', 'a'))).toBe('1'); // reads go on
    expect(cl.runUntil(() => cl.server(6379).replication.isReplica && cl.server(6379).replication.linkUp, 3000)).toBe(true);
    expect(show(writer.reply())).toBe("(error) READONLY You can't write against a read only replica.");
    cl.run(50);
    expect(state(cl, 6379)).toBe('no-failover');
    expect((show(cl.client(6379).call('ROLE')) as unknown[]).slice(0, 4)).toEqual(['slave', '127.0.0.1', '(integer) 6380', 'connected']);
    const newId = cl.server(6380).replication.replid;
    // Where the old history ends: what was written, plus the PINGs sent while waiting.
    const end = cl.server(6380).replication.secondReplOffset;
    expect(end).toBeGreaterThanOrEqual(off + 1);
    expect(cl.messages(6379).slice(m0)).toEqual(expect.arrayContaining([
      'M * FAILOVER requested to 127.0.0.1:6380.',
      'M * Failover target 127.0.0.1:6380 is synced, failing over.',
      'S * Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.',
      'S * Connecting to MASTER 127.0.0.1:6380',
      `S * Trying a partial resynchronization (request ${oldId}:${end}).`,
      'S # Connection with replica 127.0.0.1:6380 lost.',
      'S * Successful partial resynchronization with master.',
      `S # Master replication ID changed to ${newId}`,
      'S * MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.',
      `S * Partial resynchronization request from 127.0.0.1:6381 accepted. Sending 0 bytes of backlog starting from offset ${end}.`,
    ]));
    const target = cl.messages(6380).slice(r0);
    expect(target.slice(0, 7)).toEqual([
      `S # Failover request received for replid ${oldId}.`,
      'M # Connection with master lost.',
      'M * Caching the disconnected master state.',
      'M * Discarding previously cached master state.',
      `M # Setting secondary replication ID to ${oldId}, valid up to offset: ${end}. New replication ID is ${newId}`,
      expect.stringMatching(/^M \* MASTER MODE enabled \(failover request from 'id=\d+ addr=127\.0\.0\.1:\d+ laddr=127\.0\.0\.1:6380 fd=\d+ name= age=0 idle=0 flags=N db=0 .* cmd=psync user=default redir=-1 resp=2'\)$/),
      'M * Replica 127.0.0.1:6379 asks for synchronization',
    ]);
    expect(target).toContain(`M * Partial resynchronization request from 127.0.0.1:6379 accepted. Sending 0 bytes of backlog starting from offset ${end}.`);
    // The sibling now hangs off the old primary (a chained replica), partially resynced.
    expect(cl.messages(6381).slice(s0)).toContain('S * MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.');
    expect(show(cl.client(6380).call('SET', 'c', '3'))).toBe('OK');
    cl.run(20);
    expect(show(cl.client(6381).call('MGET', 'a', 'b', 'c'))).toEqual(['1', '(nil)', '3']);
    expect(infoFields(cl.client(6380).call('INFO', 'stats')).get('sync_full')).toBe('0');
  });

  test('to any replica: the first that acknowledged everything', () => {
    const cl = trio();
    const c = cl.client(6379);
    expect(show(c.call('FAILOVER'))).toBe('OK');
    expect(cl.runUntil(() => cl.server(6379).replication.isReplica, 3000)).toBe(true);
    const m = cl.messages(6379);
    expect(m).toContain('M * FAILOVER requested to any replica.');
    expect(m.some((x) => /^M \* Failover target 127\.0\.0\.1:638[01] is synced, failing over\.$/.test(x))).toBe(true);
  });

  test('TIMEOUT without FORCE gives up when the replica never catches up; writes then proceed', () => {
    const cl = trio();
    const c = cl.client(6379);
    cl.hold(6380, 6379); // its ACKs never arrive
    c.call('SET', 'k', 'v');
    expect(show(c.call('FAILOVER', 'TO', '127.0.0.1', '6380', 'TIMEOUT', '500'))).toBe('OK');
    const w = cl.client(6379);
    w.send('SET', 'k', 'w');
    cl.run(300);
    expect(w.inbox.length).toBe(0);
    expect(show(w.reply())).toBe('OK');
    expect(cl.messages(6379)).toContain('M * FAILOVER to 127.0.0.1:6380 aborted: Replica never caught up before timeout');
    expect(state(cl, 6379)).toBe('no-failover');
    expect((show(cl.client(6379).call('ROLE')) as unknown[])[0]).toBe('master');
  });

  test('TIMEOUT with FORCE fails over anyway once the time is up', () => {
    const cl = trio();
    const c = cl.client(6379);
    cl.hold(6380, 6379);
    c.call('SET', 'k', 'v');
    expect(show(c.call('FAILOVER', 'TO', '127.0.0.1', '6380', 'FORCE', 'TIMEOUT', '500'))).toBe('OK');
    cl.run(600);
    expect(cl.messages(6379)).toContain('M * FAILOVER to 127.0.0.1:6380 time out exceeded, failing over.');
    expect(state(cl, 6379)).toBe('failover-in-progress');
    cl.release();
    expect(cl.runUntil(() => cl.server(6379).replication.linkUp, 3000)).toBe(true);
    expect((show(cl.client(6380).call('ROLE')) as unknown[])[0]).toBe('master');
    expect(state(cl, 6379)).toBe('no-failover');
  });

  test('FAILOVER ABORT while waiting: OK, the log line, writes resume', () => {
    const cl = trio();
    cl.hold(6380, 6379);
    cl.hold(6381, 6379);
    cl.client(6379).call('SET', 'k', 'v');
    const c = cl.client(6379);
    expect(show(c.call('FAILOVER'))).toBe('OK');
    const w = cl.client(6379);
    w.send('INCR', 'n');
    cl.run(200);
    expect(w.inbox.length).toBe(0);
    expect(show(c.call('FAILOVER', 'ABORT'))).toBe('OK');
    expect(show(w.reply())).toBe('(integer) 1');
    expect(cl.messages(6379)).toContain('M * FAILOVER to any replica aborted: Failover manually aborted');
    expect(show(c.call('FAILOVER', 'ABORT'))).toBe('(error) ERR No failover in progress.');
  });

  test('PSYNC … FAILOVER: refused by a primary and with another replid', () => {
    const cl = trio();
    expect(show(cl.client(6379).call('PSYNC', 'x', '1', 'FAILOVER'))).toBe("(error) ERR PSYNC FAILOVER can't be sent to a master.");
    expect(show(cl.client(6380).call('PSYNC', 'x', '1', 'FAILOVER'))).toBe('(error) ERR PSYNC FAILOVER replid must match my replid.');
    expect(cl.messages(6380)).toContain('S # Failover request received for replid x.');
  });
});
