/**
 * Goal: the command stream is what Redis 7.0 propagates, byte for byte: a SELECT before the
 * first command and whenever the db changes, MULTI/EXEC kept together, relative expiries as
 * absolute PXAT, PING every repl-ping-replica-period, REPLCONF ACK every second; the replica
 * applies it without replying and counts the same offsets (the fidelity run's 136 bytes for
 * SET greeting hello / INCR counter / LPUSH mylist a b c); a chained replica gets it as-is.
 * Method: nodes on the simulator (test/sim/replication-support.ts); offsets and backlog bytes read from the replication state.
 */
import { describe, expect, test } from 'vitest';
import { simCluster, show, type SimCluster } from '../../sim/replication-support.ts';

function synced(extra: number[] = []) {
  const cl = simCluster();
  cl.start(6379);
  cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\n' });
  for (const p of extra) cl.start(p, { conf: 'replicaof 127.0.0.1 6380\n' });
  cl.run(7000);
  return cl;
}

const backlogText = (cl: SimCluster, port: number) => {
  const r = cl.server(port).replication;
  return r.backlog!.from(r.backlog!.offset);
};

describe('the replication stream', () => {
  test('counts offsets in bytes exactly as Redis (SELECT + SET + INCR + LPUSH = 136)', () => {
    const cl = synced();
    const c = cl.client(6379);
    c.call('SET', 'greeting', 'hello');
    c.call('INCR', 'counter');
    c.call('LPUSH', 'mylist', 'a', 'b', 'c');
    cl.run(10);
    expect(cl.server(6379).replication.offset).toBe(136);
    expect(cl.server(6380).replication.offset).toBe(136);
    expect(cl.server(6380).replication.info()).toEqual(expect.arrayContaining(['slave_repl_offset:136', 'slave_read_repl_offset:136']));
    expect(backlogText(cl, 6379)).toBe('*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$8\r\ngreeting\r\n$5\r\nhello\r\n*2\r\n$4\r\nINCR\r\n$7\r\ncounter\r\n*5\r\n$5\r\nLPUSH\r\n$6\r\nmylist\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n');
    expect(show(cl.client(6380).call('LRANGE', 'mylist', '0', '-1'))).toEqual(['c', 'b', 'a']);
    // The replica acknowledges within a second; ROLE on the primary shows it.
    cl.run(1100);
    expect(show(cl.server(6379).replication.roleReply())).toEqual(['master', '(integer) 136', [['127.0.0.1', '6380', '136']]]);
  });

  test('SELECT when the db changes, absolute expiries, MULTI/EXEC kept together', () => {
    const cl = synced();
    const c = cl.client(6379);
    c.call('SELECT', '2');
    c.call('SET', 'k', 'v', 'EX', '100');
    const stream = backlogText(cl, 6379);
    expect(stream).toContain('*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n');
    expect(stream).toMatch(/\*5\r\n\$3\r\nSET\r\n\$1\r\nk\r\n\$1\r\nv\r\n\$4\r\nPXAT\r\n\$13\r\n\d{13}\r\n$/);
    const exec = cl.client(6379);
    if (show(exec.call('MULTI')) === 'OK') {
      exec.call('SET', 'a', '1');
      exec.call('SET', 'b', '2');
      expect(show(exec.call('EXEC'))).toEqual(['OK', 'OK']);
      // 7.0.15's propagatePendingCommands: MULTI takes the first command's db, so SELECT precedes it.
      expect(backlogText(cl, 6379)).toContain('*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n');
      expect(backlogText(cl, 6379).endsWith('*1\r\n$4\r\nEXEC\r\n')).toBe(true);
    }
    cl.run(10);
    expect(cl.dataset(6380)).toBe(cl.dataset(6379));
    expect(cl.server(6380).replication.offset).toBe(cl.server(6379).replication.offset);
  });

  test('PING every repl-ping-replica-period seconds and REPLCONF ACK every second', () => {
    const cl = synced();
    const before = cl.server(6379).replication.offset;
    cl.run(10_000);
    expect(cl.server(6379).replication.offset - before).toBe(14);
    expect(cl.server(6380).replication.offset).toBe(cl.server(6379).replication.offset);
    cl.run(1000);
    expect(cl.server(6379).replication.info().find((l) => l.startsWith('slave0:'))).toMatch(new RegExp(`^slave0:ip=127\\.0\\.0\\.1,port=6380,state=online,offset=${before + 14},lag=[01]$`));
  });

  test('a chained replica receives the primary stream unchanged', () => {
    const cl = synced([6381]);
    cl.run(6000);
    expect(cl.server(6381).replication.linkUp).toBe(true);
    const c = cl.client(6379);
    c.call('SET', 'x', '1');
    c.call('SELECT', '3');
    c.call('INCR', 'y');
    cl.run(10);
    expect(cl.dataset(6381)).toBe(cl.dataset(6379));
    expect(cl.server(6381).replication.offset).toBe(cl.server(6379).replication.offset);
    expect(cl.server(6381).replication.replid).toBe(cl.server(6379).replication.replid);
    expect(backlogText(cl, 6380).endsWith(backlogText(cl, 6379).slice(-50))).toBe(true);
  });

  test('the replica never expires keys itself; the primary propagates a DEL', () => {
    const cl = synced();
    cl.client(6379).call('SET', 'temp', 'v', 'PX', '500');
    cl.run(5);
    expect(cl.server(6380).dbs[0].keys.has('temp')).toBe(true);
    cl.run(2000);
    expect(cl.server(6380).dbs[0].keys.has('temp')).toBe(false);
    expect(backlogText(cl, 6379)).toContain('*2\r\n$3\r\nDEL\r\n$4\r\ntemp\r\n');
  });

  test('a sub-replica fully synced from a replica starts in the db the stream last selected (repl-stream-db)', () => {
    const cl = simCluster();
    cl.start(6379);
    cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\n' });
    expect(cl.runUntil(() => cl.server(6380).replication.linkUp, 10_000)).toBe(true);
    const p = cl.client(6379);
    p.call('SELECT', '1');
    p.call('SET', 'before', 'x');
    cl.run(10);
    cl.start(6381, { conf: 'replicaof 127.0.0.1 6380\n' });
    expect(cl.runUntil(() => cl.server(6381).replication.linkUp, 10_000)).toBe(true);
    p.call('SET', 'after', 'y'); // no SELECT in the stream: still db 1
    cl.run(10);
    expect(cl.server(6381).dbs[1].keys.has('after')).toBe(true);
    expect(cl.dataset(6381)).toBe(cl.dataset(6379));
  });
});
