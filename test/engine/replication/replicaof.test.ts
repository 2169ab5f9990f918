/**
 * Goal: REPLICAOF / SLAVEOF replies and log lines as README §2 records them, and `--replicaof`
 * on the command line as an equivalent of the directive.
 * Method: nodes on the simulator (test/sim/replication-support.ts); replies and log messages compared without timestamps.
 */
import { describe, expect, test } from 'vitest';
import { simCluster, show } from '../../sim/replication-support.ts';

describe('REPLICAOF', () => {
  test('replies: already connected, NO ONE on a primary, argument errors; SLAVEOF is identical', () => {
    const cl = simCluster();
    cl.start(6379);
    cl.start(6380, { argv: ['--replicaof', '127.0.0.1', '6379'] });
    cl.run(7000);
    expect(cl.server(6380).replication.linkUp).toBe(true);
    const r = cl.client(6380);
    expect(show(r.call('REPLICAOF', '127.0.0.1', '6379'))).toBe('OK Already connected to specified master');
    expect(show(r.call('SLAVEOF', '127.0.0.1', '6379'))).toBe('OK Already connected to specified master');
    expect(cl.messages(6380).at(-1)).toBe('S * REPLICAOF would result into synchronization with the master we are already connected with. No operation performed.');
    expect(show(r.call('REPLICAOF', '127.0.0.1'))).toBe("(error) ERR wrong number of arguments for 'replicaof' command");
    expect(show(r.call('REPLICAOF', '127.0.0.1', 'notaport'))).toBe('(error) ERR Invalid master port');
    expect(show(r.call('REPLICAOF', '127.0.0.1', '70000'))).toBe('(error) ERR Invalid master port');
    const before = cl.log(6379).length;
    expect(show(cl.client(6379).call('REPLICAOF', 'NO', 'ONE'))).toBe('OK');
    expect(cl.log(6379).length).toBe(before);
  });

  test('NO ONE logs the promotion lines in order', () => {
    const cl = simCluster();
    cl.start(6379);
    cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\n' });
    cl.run(7000);
    cl.client(6379).call('SET', 'a', 'b');
    cl.run(10);
    const id = cl.server(6379).replication.replid;
    expect(show(cl.client(6380).call('replicaof', 'no', 'one'))).toBe('OK');
    cl.run(1);
    const m = cl.messages(6380).slice(-5);
    expect(m.slice(0, 3)).toEqual(['M # Connection with master lost.', 'M * Caching the disconnected master state.', 'M * Discarding previously cached master state.']);
    expect(m[3]).toMatch(new RegExp(`^M # Setting secondary replication ID to ${id}, valid up to offset: 51\\. New replication ID is [0-9a-f]{40}$`));
    expect(m[4]).toMatch(/^M \* MASTER MODE enabled \(user request from 'id=\d+ addr=127\.0\.0\.1:\d+ laddr=127\.0\.0\.1:6380 fd=\d+ name= age=\d+ idle=\d+ flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=36 qbuf-free=20438 argv-mem=14 .*cmd=replicaof user=default redir=-1 resp=2'\)$/);
    expect(cl.messages(6379)).toContain('M # Connection with replica 127.0.0.1:6380 lost.');
    expect(show(cl.server(6380).replication.roleReply())).toEqual(['master', '(integer) 50', []]);
  });
});
