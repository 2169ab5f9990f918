/**
 * Goal: a replica started with `replicaof` performs Redis 7.0's initial full synchronisation —
 * the same log lines in the same order on both sides as the fidelity recording
 * (01-replication/initial-sync-log-*.txt), the ~5 s diskless-sync delay, ROLE `handshake` while
 * waiting, the INFO replication fields of both roles in Redis's order, the dataset copied, a
 * transfer that takes longer for a larger dataset, and the disk-based path.
 * Method: two nodes on the simulator (test/sim/replication-support.ts); logs compared without timestamps.
 */
import { describe, expect, test } from 'vitest';
import { simCluster, show } from '../../sim/replication-support.ts';

const relevant = (msgs: string[]) => msgs.filter((m) => !/starting|version=|Configuration loaded|monotonic|Running mode|Server initialized|Ready to accept|AOF|Fork CoW/.test(m));

function pair(conf = '') {
  const cl = simCluster();
  cl.start(6379, { conf });
  cl.run(30);
  cl.start(6380, { conf: `replicaof 127.0.0.1 6379\n${conf}` });
  return cl;
}

describe('initial full sync', () => {
  test('logs the handshake and the diskless transfer as Redis 7.0 does', () => {
    const cl = pair();
    cl.run(7000);
    const id = cl.server(6379).replication.replid;
    expect(relevant(cl.messages(6379))).toEqual([
      'M * Replica 127.0.0.1:6380 asks for synchronization',
      'M * Full resync requested by replica 127.0.0.1:6380',
      `M * Replication backlog created, my new replication IDs are '${id}' and '0000000000000000000000000000000000000000'`,
      'M * Delay next BGSAVE for diskless SYNC',
      'M * Starting BGSAVE for SYNC with target: replicas sockets',
      expect.stringMatching(/^M \* Background RDB transfer started by pid \d+$/),
      'M # Diskless rdb transfer, done reading from pipe, 1 replicas still up.',
      'M * Background RDB transfer terminated with success',
      'M * Streamed RDB transfer with replica 127.0.0.1:6380 succeeded (socket). Waiting for REPLCONF ACK from slave to enable streaming',
      'M * Synchronization with replica 127.0.0.1:6380 succeeded',
    ]);
    const replica = relevant(cl.messages(6380));
    expect(replica.slice(0, 6)).toEqual([
      'S * Connecting to MASTER 127.0.0.1:6379',
      'S * MASTER <-> REPLICA sync started',
      'S * Non blocking connect for SYNC fired the event.',
      'S * Master replied to PING, replication can continue...',
      'S * Partial resynchronization not possible (no cached master)',
      `S * Full resync from master: ${id}:0`,
    ]);
    expect(replica).toContain('S * MASTER <-> REPLICA sync: receiving streamed RDB from master with EOF to disk');
    const tail = replica.slice(replica.indexOf('S * MASTER <-> REPLICA sync: Flushing old data'));
    expect(tail[0]).toBe('S * MASTER <-> REPLICA sync: Flushing old data');
    expect(tail[1]).toBe('S * MASTER <-> REPLICA sync: Loading DB in memory');
    expect(tail).toContain('S * Done loading RDB, keys loaded: 0, keys expired: 0.');
    expect(tail).toContain('S * MASTER <-> REPLICA sync: Finished with success');
  });

  test('takes about five seconds; ROLE says handshake meanwhile and the primary shows wait_bgsave', () => {
    const cl = pair();
    const started = cl.now;
    cl.run(2000);
    expect(show(cl.server(6380).replication.roleReply())).toEqual(['slave', '127.0.0.1', '(integer) 6379', 'handshake', '(integer) -1']);
    expect(cl.server(6379).replication.info()).toContain('slave0:ip=127.0.0.1,port=6380,state=wait_bgsave,offset=0,lag=0');
    expect(cl.server(6380).replication.info()).toContain('master_link_status:down');
    expect(cl.runUntil(() => cl.server(6380).replication.linkUp, 10_000)).toBe(true);
    const took = cl.now - started;
    expect(took).toBeGreaterThanOrEqual(4000);
    expect(took).toBeLessThanOrEqual(6000);
    expect(show(cl.server(6380).replication.roleReply())).toEqual(['slave', '127.0.0.1', '(integer) 6379', 'connected', '(integer) 0']);
  });

  test('INFO replication lists the fields of both roles in Redis order', () => {
    const cl = pair();
    cl.run(7000);
    const names = (lines: string[]) => lines.map((l) => l.slice(0, l.indexOf(':')));
    const tail = ['master_failover_state', 'master_replid', 'master_replid2', 'master_repl_offset', 'second_repl_offset', 'repl_backlog_active', 'repl_backlog_size', 'repl_backlog_first_byte_offset', 'repl_backlog_histlen'];
    expect(names(cl.server(6379).replication.info())).toEqual(['role', 'connected_slaves', 'slave0', ...tail]);
    expect(names(cl.server(6380).replication.info())).toEqual([
      'role', 'master_host', 'master_port', 'master_link_status', 'master_last_io_seconds_ago', 'master_sync_in_progress',
      'slave_read_repl_offset', 'slave_repl_offset', 'slave_priority', 'slave_read_only', 'replica_announced', 'connected_slaves', ...tail,
    ]);
    expect(cl.server(6379).replication.info()).toEqual(expect.arrayContaining(['role:master', 'connected_slaves:1', 'repl_backlog_active:1', 'repl_backlog_size:1048576', 'repl_backlog_first_byte_offset:1', 'repl_backlog_histlen:0', 'second_repl_offset:-1']));
  });

  test('a primary without replicas has no backlog and keeps offset 0', () => {
    const cl = simCluster();
    cl.start(6379);
    cl.client(6379).call('SET', 'k', 'v');
    cl.run(2000);
    const info = cl.server(6379).replication.info();
    expect(info).toEqual(expect.arrayContaining(['connected_slaves:0', 'master_repl_offset:0', 'repl_backlog_active:0', 'repl_backlog_first_byte_offset:0']));
    expect(show(cl.server(6379).replication.roleReply())).toEqual(['master', '(integer) 0', []]);
  });

  test('copies the dataset, and a bigger dataset takes longer to transfer', () => {
    const syncTime = (keys: number) => {
      const cl = simCluster();
      cl.start(6379);
      const s = cl.server(6379);
      for (let i = 0; i < keys; i++) s.dbs[0].set(`key:${i}`, { type: 'string', value: 'x'.repeat(100) });
      cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\n' });
      cl.runUntil(() => cl.messages(6379).some((m) => m.includes('Starting BGSAVE')), 10_000);
      const t0 = cl.now;
      cl.runUntil(() => cl.server(6380).replication.linkUp, 10_000);
      expect(cl.server(6380).dbs[0].size).toBe(keys);
      expect(cl.dataset(6380)).toBe(cl.dataset(6379));
      return cl.now - t0;
    };
    expect(syncTime(50_000)).toBeGreaterThan(syncTime(10) + 50);
  });

  test('repl-diskless-sync no uses a snapshot on disk and the $<len> preamble', () => {
    const cl = pair('repl-diskless-sync no\n');
    cl.client(6379).call('SET', 'before', 'sync');
    cl.run(2000);
    expect(cl.server(6380).replication.linkUp).toBe(true);
    expect(cl.messages(6379)).toContain('M * Starting BGSAVE for SYNC with target: disk');
    expect(cl.messages(6380).some((m) => /^S \* MASTER <-> REPLICA sync: receiving \d+ bytes from master to disk$/.test(m))).toBe(true);
    expect(show(cl.client(6380).call('GET', 'before'))).toBe('sync');
  });
});
