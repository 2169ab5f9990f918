/**
 * Goal: the replication scenarios of issue 3 told as a learner watches them, each asserting the
 * replies and log lines the fidelity recordings show (../shared/fidelity/01-replication,
 * 02-wait, 03-security, 07-data-loss; README §2–§4, §8): the initial full sync with its ~5 s
 * diskless delay; a partial resync after CLIENT KILL TYPE master and after a dropped link; a
 * full resync when the backlog was overrun; promotion with REPLICAOF NO ONE and a sibling
 * continuing partially (PSYNC2 through replid2); chained replicas; WAIT while a replica is held
 * or partitioned; min-replicas-to-write / min-replicas-max-lag; masterauth missing or wrong; an
 * acknowledged write lost when the primary dies before replicating it, and kept with WAIT.
 * Method: redis-server processes on the deterministic simulator (src/sim, through
 * ./replication-support.ts), driven by real commands from simulated clients; faults are the
 * simulator's (kill -9, host-down crash, partition, hold, drop, SIGSTOP). Log lines are compared
 * without their `pid:role date` prefix. SEED=… reruns a test with another seed.
 */
import { describe, expect, test } from 'vitest';
import { infoFields, show, simCluster, type SimCluster } from './replication-support.ts';

const ZERO = '0000000000000000000000000000000000000000';

/** The log messages a node wrote from index `from` on. */
const since = (cl: SimCluster, port: number, from: number) => cl.messages(port).slice(from);
/** Drops startup, AOF and fork lines that the assertions do not follow. */
const repl = (msgs: string[]) => msgs.filter((m) => !/starting|version=|Configuration loaded|monotonic|Running mode|Server initialized|Ready to accept|AOF|Fork CoW|RDB age|RDB memory|Loading RDB produced/.test(m));

/** Primary on 6379 and replicas (port → its primary), synced. */
function tutorial(replicas: [number, number][] = [[6380, 6379]], conf = '', seed = 1): SimCluster {
  const cl = simCluster({ seed });
  cl.start(6379, { conf });
  for (const [port, of] of replicas) cl.start(port, { conf: `replicaof 127.0.0.1 ${of}\n${conf}` });
  for (const [port] of replicas) expect(cl.runUntil(() => cl.server(port).replication.linkUp, 20_000)).toBe(true);
  cl.run(1100); // first REPLCONF ACKs
  return cl;
}

describe('initial full sync', () => {
  test('ROLE says handshake during the ~5 s diskless delay, then connected; both logs as recorded', () => {
    const cl = simCluster();
    cl.start(6379);
    cl.run(500);
    const t0 = cl.now;
    cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\n' });
    cl.run(2000);
    expect(show(cl.client(6380).call('ROLE'))).toEqual(['slave', '127.0.0.1', '(integer) 6379', 'handshake', '(integer) -1']);
    const during = infoFields(cl.client(6379).call('INFO', 'replication'));
    expect(during.get('slave0')).toBe('ip=127.0.0.1,port=6380,state=wait_bgsave,offset=0,lag=0');
    const rInfo = infoFields(cl.client(6380).call('INFO', 'replication'));
    expect(rInfo.get('master_link_status')).toBe('down');
    expect(rInfo.get('master_link_down_since_seconds')).toBe('-1');
    expect(cl.runUntil(() => cl.server(6380).replication.linkUp, 10_000)).toBe(true);
    const took = cl.now - t0;
    expect(took).toBeGreaterThanOrEqual(4500);
    expect(took).toBeLessThanOrEqual(6000);
    cl.run(1100);
    expect(show(cl.client(6380).call('ROLE'))).toEqual(['slave', '127.0.0.1', '(integer) 6379', 'connected', '(integer) 0']);
    expect(show(cl.client(6379).call('ROLE'))).toEqual(['master', '(integer) 0', [['127.0.0.1', '6380', '0']]]);
    const id = cl.server(6379).replication.replid;
    expect(repl(cl.messages(6379))).toEqual([
      'M * Replica 127.0.0.1:6380 asks for synchronization',
      'M * Full resync requested by replica 127.0.0.1:6380',
      `M * Replication backlog created, my new replication IDs are '${id}' and '${ZERO}'`,
      'M * Delay next BGSAVE for diskless SYNC',
      'M * Starting BGSAVE for SYNC with target: replicas sockets',
      expect.stringMatching(/^M \* Background RDB transfer started by pid \d+$/),
      'M # Diskless rdb transfer, done reading from pipe, 1 replicas still up.',
      'M * Background RDB transfer terminated with success',
      'M * Streamed RDB transfer with replica 127.0.0.1:6380 succeeded (socket). Waiting for REPLCONF ACK from slave to enable streaming',
      'M * Synchronization with replica 127.0.0.1:6380 succeeded',
    ]);
    expect(repl(cl.messages(6380))).toEqual([
      'S * Connecting to MASTER 127.0.0.1:6379',
      'S * MASTER <-> REPLICA sync started',
      'S * Non blocking connect for SYNC fired the event.',
      'S * Master replied to PING, replication can continue...',
      'S * Partial resynchronization not possible (no cached master)',
      `S * Full resync from master: ${id}:0`,
      'S * MASTER <-> REPLICA sync: receiving streamed RDB from master with EOF to disk',
      'S * MASTER <-> REPLICA sync: Flushing old data',
      'S * MASTER <-> REPLICA sync: Loading DB in memory',
      'S * Done loading RDB, keys loaded: 0, keys expired: 0.',
      'S * MASTER <-> REPLICA sync: Finished with success',
    ]);
  });
});

describe('partial resync', () => {
  const partialLines = (id: string, off: number) => ({
    primary: [
      'M # Connection with replica 127.0.0.1:6380 lost.',
      'M * Replica 127.0.0.1:6380 asks for synchronization',
      `M * Partial resynchronization request from 127.0.0.1:6380 accepted. Sending 0 bytes of backlog starting from offset ${off}.`,
    ],
    replica: [
      'S # Connection with master lost.',
      'S * Caching the disconnected master state.',
      'S * Reconnecting to MASTER 127.0.0.1:6379',
      'S * MASTER <-> REPLICA sync started',
      'S * Non blocking connect for SYNC fired the event.',
      'S * Master replied to PING, replication can continue...',
      `S * Trying a partial resynchronization (request ${id}:${off}).`,
      'S * Successful partial resynchronization with master.',
      'S * MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.',
    ],
  });

  test('CLIENT KILL TYPE master: the link is back within milliseconds with +CONTINUE', () => {
    const cl = tutorial();
    const p = cl.client(6379);
    expect(show(p.call('SET', 'before-kill', '1'))).toBe('OK');
    cl.run(10);
    const [m0, r0] = [cl.messages(6379).length, cl.messages(6380).length];
    const off = cl.server(6379).replication.offset + 1;
    const t0 = cl.now;
    expect(show(cl.client(6380).call('CLIENT', 'KILL', 'TYPE', 'master'))).toBe('(integer) 1');
    expect(cl.runUntil(() => cl.server(6380).replication.linkUp, 1000)).toBe(true);
    expect(cl.now - t0).toBeLessThan(50);
    cl.run(10);
    const want = partialLines(cl.server(6379).replication.replid, off);
    expect(since(cl, 6379, m0)).toEqual(want.primary);
    expect(since(cl, 6380, r0)).toEqual(want.replica);
    expect(infoFields(cl.client(6379).call('INFO', 'stats')).get('sync_partial_ok')).toBe('1');
    expect(show(cl.client(6380).call('GET', 'before-kill'))).toBe('1');
  });

  test('a dropped link (connection reset) reconnects and continues from the backlog', () => {
    const cl = tutorial();
    const r0 = cl.messages(6380).length;
    cl.drop(6380, 6379);
    cl.client(6379).call('SET', 'after-drop', 'x');
    expect(cl.runUntil(() => cl.server(6380).replication.linkUp && cl.server(6380).replication.offset === cl.server(6379).replication.offset, 2000)).toBe(true);
    const m = since(cl, 6380, r0);
    expect(m).toContain('S * MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.');
    expect(m).not.toContain('S * MASTER <-> REPLICA sync: Flushing old data');
    expect(show(cl.client(6380).call('GET', 'after-drop'))).toBe('x');
    expect(infoFields(cl.client(6379).call('INFO', 'stats')).get('sync_full')).toBe('1');
  });

  test('a backlog overrun while the replica was away forces a full resync (repl-backlog-size 16384, 200 kB)', () => {
    const cl = tutorial();
    const p = cl.client(6379);
    expect(show(p.call('CONFIG', 'SET', 'repl-backlog-size', '16384'))).toBe('OK');
    const off = cl.server(6379).replication.offset + 1;
    const [m0, r0] = [cl.messages(6379).length, cl.messages(6380).length];
    cl.pause(6380);
    expect(show(p.call('CLIENT', 'KILL', 'TYPE', 'replica'))).toBe('(integer) 1');
    expect(show(p.call('SET', 'big', 'x'.repeat(200_000)))).toBe('OK');
    cl.resume(6380);
    expect(cl.runUntil(() => cl.server(6380).replication.linkUp, 10_000)).toBe(true);
    cl.run(100);
    const id = cl.server(6379).replication.replid;
    const primary = repl(since(cl, 6379, m0));
    expect(primary.slice(0, 4)).toEqual([
      'M # Connection with replica 127.0.0.1:6380 lost.',
      'M * Replica 127.0.0.1:6380 asks for synchronization',
      `M * Unable to partial resync with replica 127.0.0.1:6380 for lack of backlog (Replica request was: ${off}).`,
      'M * Delay next BGSAVE for diskless SYNC',
    ]);
    const replica = repl(since(cl, 6380, r0));
    expect(replica).toContain(`S * Trying a partial resynchronization (request ${id}:${off}).`);
    expect(replica).toContain(`S * Full resync from master: ${id}:${cl.server(6379).replication.offset}`);
    expect(replica).toContain('S * Discarding previously cached master state.');
    expect(show(cl.client(6380).call('STRLEN', 'big'))).toBe('(integer) 200000');
  });
});

describe('promotion', () => {
  test('REPLICAOF NO ONE shifts the IDs; a sibling then continues partially through replid2 (PSYNC2)', () => {
    const cl = tutorial([[6380, 6379], [6381, 6379]]);
    cl.client(6379).call('SET', 'a', '1');
    cl.run(50);
    const oldId = cl.server(6379).replication.replid;
    const off = cl.server(6379).replication.offset;
    cl.kill(6379);
    cl.run(10);
    const r = cl.client(6380);
    expect(show(r.call('REPLICAOF', 'NO', 'ONE'))).toBe('OK');
    const info = infoFields(r.call('INFO', 'replication'));
    expect(info.get('role')).toBe('master');
    expect(info.get('master_replid2')).toBe(oldId);
    expect(info.get('second_repl_offset')).toBe(String(off + 1));
    const newId = info.get('master_replid')!;
    expect(cl.messages(6380)).toContain(`M # Setting secondary replication ID to ${oldId}, valid up to offset: ${off + 1}. New replication ID is ${newId}`);
    const [m0, r0] = [cl.messages(6380).length, cl.messages(6381).length];
    expect(show(cl.client(6381).call('REPLICAOF', '127.0.0.1', '6380'))).toBe('OK');
    expect(cl.runUntil(() => cl.server(6381).replication.linkUp, 1000)).toBe(true);
    cl.run(10);
    expect(since(cl, 6380, m0)).toEqual([
      'M * Replica 127.0.0.1:6381 asks for synchronization',
      `M * Partial resynchronization request from 127.0.0.1:6381 accepted. Sending 0 bytes of backlog starting from offset ${off + 1}.`,
    ]);
    const sib = since(cl, 6381, r0);
    expect(sib).toContain(`S * Trying a partial resynchronization (request ${oldId}:${off + 1}).`);
    expect(sib).toContain(`S # Master replication ID changed to ${newId}`);
    expect(sib).toContain('S * MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.');
    cl.client(6380).call('SET', 'b', '2');
    cl.run(10);
    expect(show(cl.client(6381).call('MGET', 'a', 'b'))).toEqual(['1', '2']);
    expect(infoFields(cl.client(6381).call('INFO', 'replication')).get('master_replid2')).toBe(oldId);
  });
});

describe('chained replicas', () => {
  test('a sub-replica gets the primary stream and catches up after a partition without a resync', () => {
    const cl = tutorial([[6380, 6379], [6381, 6380]]);
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
    expect(infoFields(cl.client(6380).call('INFO', 'stats')).get('sync_full')).toBe('1');
    expect((show(cl.client(6381).call('ROLE')) as unknown[])[1]).toBe('127.0.0.1');
    expect(show(cl.client(6381).call('SET', 'x', '1'))).toBe("(error) READONLY You can't write against a read only replica.");
  });

  test('when the middle replica reconnects partially, the sub-replica keeps its link', () => {
    const cl = tutorial([[6380, 6379], [6381, 6380]]);
    const r0 = cl.messages(6381).length;
    expect(show(cl.client(6380).call('CLIENT', 'KILL', 'TYPE', 'master'))).toBe('(integer) 1');
    cl.run(100);
    expect(cl.server(6380).replication.linkUp).toBe(true);
    expect(since(cl, 6381, r0)).toEqual([]);
    cl.client(6379).call('SET', 'after', 'reconnect');
    cl.run(10);
    expect(show(cl.client(6381).call('GET', 'after'))).toBe('reconnect');
  });
});

describe('WAIT', () => {
  test('a replica whose ACKs are held: WAIT 1 returns 0 at its timeout, then 1 once released', () => {
    const cl = tutorial();
    const c = cl.client(6379);
    cl.hold(6380, 6379);
    expect(show(c.call('SET', 'k', 'v'))).toBe('OK');
    const t0 = cl.now;
    expect(show(c.call('WAIT', '1', '1000'))).toBe('(integer) 0');
    expect(cl.now - t0).toBeGreaterThanOrEqual(1000);
    expect(show(cl.client(6380).call('GET', 'k'))).toBe('v'); // applied, just not acknowledged
    c.send('WAIT', '1', '0');
    cl.run(3000);
    expect(c.inbox.length).toBe(0);
    cl.release();
    expect(show(c.reply())).toBe('(integer) 1');
  });

  test('a partitioned replica: WAIT returns 0 at its timeout; WAIT 1 0 returns once the partition heals', () => {
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

describe('min-replicas-to-write', () => {
  test('NOREPLICAS once the frozen replica lags more than min-replicas-max-lag; writes again after SIGCONT', () => {
    const cl = tutorial([[6380, 6379]], 'min-replicas-to-write 1\nmin-replicas-max-lag 10\n');
    const c = cl.client(6379);
    expect(infoFields(c.call('INFO', 'replication')).get('min_slaves_good_slaves')).toBe('1');
    cl.pause(6380);
    const t0 = cl.now;
    let reply = '';
    while (cl.now - t0 < 20_000) {
      reply = String(show(c.call('SET', 'probe', 'x')));
      if (reply !== 'OK') break;
      cl.run(200);
    }
    expect(reply).toBe('(error) NOREPLICAS Not enough good replicas to write.');
    expect(cl.now - t0).toBeGreaterThan(10_000);
    expect(cl.now - t0).toBeLessThan(12_500);
    expect(show(c.call('GET', 'probe'))).toBe('x');
    expect(infoFields(c.call('INFO', 'replication')).get('min_slaves_good_slaves')).toBe('0');
    cl.resume(6380);
    expect(cl.runUntil(() => show(cl.client(6379).call('SET', 'probe', 'y')) === 'OK', 3000)).toBe(true);
  });

  test('a disconnected replica: every write is refused at once, MULTI aborts at EXEC', () => {
    const cl = tutorial([[6380, 6379]], 'min-replicas-to-write 1\nmin-replicas-max-lag 10\n');
    cl.kill(6380);
    cl.run(10);
    const c = cl.client(6379);
    expect(show(c.call('SET', 'k', 'v'))).toBe('(error) NOREPLICAS Not enough good replicas to write.');
    expect(show(c.call('MULTI'))).toBe('OK');
    expect(show(c.call('SET', 'k', 'v'))).toBe('(error) NOREPLICAS Not enough good replicas to write.');
    expect(show(c.call('EXEC'))).toBe('(error) EXECABORT Transaction discarded because of previous errors.');
    expect(show(c.call('CONFIG', 'SET', 'min-replicas-max-lag', '0'))).toBe('OK');
    expect(show(c.call('SET', 'k', 'v'))).toBe('OK');
  });
});

describe('masterauth', () => {
  const primaryConf = 'requirepass a_strong_password\n';

  test('missing: the replica stays in handshake and loops (tamed), the primary logs nothing', () => {
    const cl = simCluster();
    cl.start(6379, { conf: primaryConf });
    cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\n' });
    cl.run(3000);
    const r = cl.client(6380);
    expect(show(r.call('ROLE'))).toEqual(['slave', '127.0.0.1', '(integer) 6379', 'handshake', '(integer) -1']);
    const info = infoFields(r.call('INFO', 'replication'));
    expect(info.get('master_link_status')).toBe('down');
    expect(info.get('master_link_down_since_seconds')).toBe('-1');
    const m = repl(cl.messages(6380));
    const attempt = [
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
    ];
    expect(m.slice(1, 11)).toEqual(attempt);
    expect(m.slice(11, 21)).toEqual(attempt);
    const attempts = m.filter((x) => x === attempt[0]).length;
    expect(attempts).toBeGreaterThan(10); // a loop, not a retry per second
    expect(repl(cl.messages(6379))).toEqual([]);
    expect(show(r.call('CONFIG', 'SET', 'masterauth', 'a_strong_password'))).toBe('OK');
    expect(cl.runUntil(() => cl.server(6380).replication.linkUp, 8000)).toBe(true);
  });

  test('wrong: one attempt per second, each ending with WRONGPASS', () => {
    const cl = simCluster();
    cl.start(6379, { conf: primaryConf });
    cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\nmasterauth wrong_password\n' });
    cl.run(3500);
    const m = repl(cl.messages(6380));
    const attempt = [
      'S * Connecting to MASTER 127.0.0.1:6379',
      'S * MASTER <-> REPLICA sync started',
      'S * Non blocking connect for SYNC fired the event.',
      'S * Master replied to PING, replication can continue...',
      'S # Unable to AUTH to MASTER: -WRONGPASS invalid username-password pair or user is disabled.',
    ];
    expect(m).toEqual([...attempt, ...attempt, ...attempt, ...attempt]);
    const r = cl.client(6380);
    expect((show(r.call('ROLE')) as unknown[])[3]).toBe('connect');
    expect(show(r.call('CONFIG', 'SET', 'masterauth', 'a_strong_password'))).toBe('OK');
    expect(cl.runUntil(() => cl.server(6380).replication.linkUp, 8000)).toBe(true);
  });
});

describe('data loss window', () => {
  test('an acknowledged write is lost when the primary dies before replicating it; the one confirmed by WAIT is kept', () => {
    const cl = tutorial();
    const c = cl.client(6379);
    expect(show(c.call('SET', 'safe-write', 'confirmed'))).toBe('OK');
    expect(show(c.call('WAIT', '1', '1000'))).toBe('(integer) 1');
    cl.partition(6379, 6380); // the stream stops reaching the replica
    expect(show(c.call('SET', 'important-write', 'acknowledged'))).toBe('OK');
    expect(show(c.call('WAIT', '1', '300'))).toBe('(integer) 0');
    cl.kill(6379, { hostDown: true }); // the machine dies: what it had queued never arrives
    cl.heal();
    cl.run(1000);
    const r = cl.client(6380);
    expect(show(r.call('REPLICAOF', 'NO', 'ONE'))).toBe('OK');
    expect(show(r.call('GET', 'important-write'))).toBe('(nil)');
    expect(show(r.call('GET', 'safe-write'))).toBe('confirmed');
  });

  test('a plain kill -9 of the primary does not lose what the kernel already had in flight', () => {
    const cl = tutorial();
    const c = cl.client(6379);
    cl.partition(6379, 6380);
    expect(show(c.call('SET', 'in-flight', 'sent'))).toBe('OK');
    cl.kill(6379);
    cl.heal();
    cl.run(100);
    expect(show(cl.client(6380).call('GET', 'in-flight'))).toBe('sent');
  });
});

describe('restarting a replica', () => {
  test('with its RDB (appendonly no) after SIGTERM it continues partially', () => {
    const cl = tutorial();
    cl.client(6379).call('SET', 'k', 'v');
    cl.run(100);
    cl.term(6380);
    cl.run(100);
    cl.client(6379).call('SET', 'while-down', '1');
    cl.restart(6380);
    cl.run(500);
    const m = cl.messages(6380);
    expect(m).toContain('S * Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.');
    expect(cl.server(6380).replication.linkUp).toBe(true);
    expect(m.at(-1)).toBe('S * MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.');
    expect(show(cl.client(6380).call('GET', 'while-down'))).toBe('1');
  });

  test('with appendonly yes it always needs a full resync', () => {
    const cl = tutorial([[6380, 6379]], 'appendonly yes\n');
    cl.client(6379).call('SET', 'k', 'v');
    cl.run(100);
    cl.term(6380);
    cl.run(100);
    const r0 = cl.messages(6380).length;
    cl.restart(6380);
    expect(cl.runUntil(() => cl.server(6380).replication.linkUp, 10_000)).toBe(true);
    const m = since(cl, 6380, r0);
    expect(m).toContain('S * Partial resynchronization not possible (no cached master)');
    expect(m).toContain('S * MASTER <-> REPLICA sync: Finished with success');
    expect(show(cl.client(6380).call('GET', 'k'))).toBe('v');
  });
});

describe('PUBLISH on a primary', () => {
  test('reaches subscribers on its replicas and moves the offset, but stays out of the AOF', () => {
    const cl = tutorial([[6380, 6379], [6381, 6380]], 'appendonly yes\n');
    const sub = cl.client(6381);
    expect(show(sub.call('SUBSCRIBE', 'news'))).toEqual(['subscribe', 'news', '(integer) 1']);
    const before = cl.server(6379).replication.offset;
    expect(show(cl.client(6379).call('PUBLISH', 'news', 'hello'))).toBe('(integer) 0');
    cl.run(50);
    // The first command of the stream after a sync carries a SELECT: SELECT 0 (23 bytes), then
    // PUBLISH news hello (38 bytes).
    expect(cl.server(6379).replication.offset - before).toBe(23 + 38);
    expect(show(sub.reply())).toEqual(['message', 'news', 'hello']);
    expect(show(cl.client(6379).call('SET', 'k', 'v'))).toBe('OK');
    cl.run(1100);
    const aof = [...cl.s.sim.disk.files].filter(([path]) => path.startsWith(cl.dir(6379)) && path.endsWith(".incr.aof")).map(([, data]) => data).join('');
    expect(aof).toContain('SET');
    expect(aof).not.toContain('PUBLISH');
  });
});
