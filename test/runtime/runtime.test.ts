/**
 * Goal: the live runtime on Node's worker_threads behaves as the lab promises — connections
 * through the address book (refusal when nothing listens, bind conflicts), replication between
 * two node workers over a MessageChannel, kill -9 and a restart that loads the disk, SIGSTOP
 * queueing and SIGCONT delivering, the cluster's pause and speed reaching every worker, link
 * cuts holding the stream until healed, drops resetting connections, an exception in one
 * worker marking that node crashed while the rest keeps running, and the heartbeat spotting a
 * worker that stopped answering.
 * Method: real workers (workers/node.worker.ts through workers/node-thread.ts) driven through the
 * runtime's ShellHost face with a small RESP client; conditions are awaited by polling, never
 * timed. A fake engine (./fake-node.ts) stands in where a test needs a node that throws or hangs.
 */
import { describe, expect, it } from 'vitest';
import { bootScenario } from '../../src/runtime/index.ts';
import { FAKE_NODE, client, runtime, spawn, until } from './support.ts';

const conf = (lines: string[]) => lines.join('\n') + '\n';

describe('runtime: connections and the address book', () => {
  it('serves commands, refuses ports nobody listens on, and reports a bind conflict', async () => {
    const rt = runtime();
    rt.disk.write('/home/learner/a.conf', conf(['port 7501']));
    const a = spawn(rt, ['a.conf']);
    const c = await client(rt, 7501);
    expect(await c.call('PING')).toBe('+PONG\r\n');
    expect(await c.call('SET', 'k', 'v')).toBe('+OK\r\n');
    expect(await c.call('GET', 'k')).toBe('$1\r\nv\r\n');
    expect(c.conn.local.host).toBe('127.0.0.1');
    expect(c.conn.local.port).toBeGreaterThanOrEqual(32768);
    await expect(rt.connect('127.0.0.1', 7502, { onData() {}, onClose() {} })).rejects.toBe('refused');
    await expect(rt.connect('no-such-host', 7501, { onData() {}, onClose() {} })).rejects.toBe('unreachable');
    expect(rt.processes()).toEqual([{ pid: a.pid, title: 'redis-server *:7501', state: 'running' }]);
    // A second server on the same port fails to bind, as Redis does.
    const b = spawn(rt, ['a.conf']);
    expect(await b.exit).toBe(1);
    expect(b.out.join('')).toContain('Address already in use');
    expect(rt.processes().map((p) => p.pid)).toEqual([a.pid]);
  });

  it('replicates between two workers, and the stores show roles and offsets', async () => {
    const rt = runtime({ speed: 10 });
    rt.disk.write('/home/learner/p.conf', conf(['port 7511', 'repl-diskless-sync-delay 0']));
    rt.disk.write('/home/learner/r.conf', conf(['port 7512', 'replicaof 127.0.0.1 7511']));
    spawn(rt, ['p.conf']);
    const replica = spawn(rt, ['r.conf']);
    const p = await client(rt, 7511);
    expect(await p.call('SET', 'greeting', 'hello')).toBe('+OK\r\n');
    const r = await client(rt, 7512);
    await until(async () => (await r.call('GET', 'greeting')) === '$5\r\nhello\r\n', 'the replica to have the key');
    expect(await r.call('SET', 'x', '1')).toBe("-READONLY You can't write against a read only replica.\r\n");
    // A write after the sync travels in the command stream and moves the replica's offset.
    expect(await p.call('SET', 'after', 'sync')).toBe('+OK\r\n');
    await until(async () => (await r.call('GET', 'after')) === '$4\r\nsync\r\n', 'the streamed write');
    const snap = await rt.snapshot(replica.pid);
    expect(snap?.summary?.role).toBe('replica');
    expect(snap?.summary?.replState).toBe('connected');
    expect(snap?.summary?.primary).toBe('127.0.0.1:7511');
    expect(snap?.summary?.replOffset).toBeGreaterThan(0);
    await until(() => rt.stores.nodes.get().some((n) => n.port === 7512 && n.role === 'replica'), 'the store to show the replica');
    await until(() => rt.stores.links.get().some((l) => l.from === '7512' && l.to === '7511'), 'the store to show the replication link');
    expect(rt.stores.log(replica.pid).get().some((l) => l.includes('MASTER <-> REPLICA sync: Finished with success'))).toBe(true);
  });
});

describe('runtime: node faults', () => {
  it('kill -9 loses memory but not the disk; a restart loads the AOF', async () => {
    const rt = runtime();
    rt.disk.write('/home/learner/a.conf', conf(['port 7521', 'appendonly yes', 'appendfsync always']));
    const a = spawn(rt, ['a.conf']);
    const c = await client(rt, 7521);
    expect(await c.call('SET', 'durable', 'yes')).toBe('+OK\r\n');
    expect(rt.kill(a.pid, 'KILL')).toBe(true);
    expect(rt.processes()).toEqual([]);
    expect(await a.exit).toBe(137);
    await until(() => c.closed, 'the client to see the connection close');
    expect(rt.disk.list('/home/learner/appendonlydir')).toContain('appendonly.aof.1.incr.aof');
    const pid = rt.restart(a.pid);
    expect(pid).not.toBe(a.pid);
    const c2 = await client(rt, 7521);
    expect(await c2.call('GET', 'durable')).toBe('$3\r\nyes\r\n');
    expect(rt.stores.log(pid).get().some((l) => l.includes('DB loaded from append only file'))).toBe(true);
  });

  it('SIGSTOP queues what arrives and SIGCONT delivers it in order', async () => {
    const rt = runtime();
    rt.disk.write('/home/learner/a.conf', conf(['port 7531']));
    const a = spawn(rt, ['a.conf']);
    const c = await client(rt, 7531);
    expect(await c.call('PING')).toBe('+PONG\r\n');
    rt.kill(a.pid, 'STOP');
    expect(rt.processes()[0].state).toBe('stopped');
    await until(async () => (await rt.snapshot(a.pid))?.state === 'stopped', 'the worker to stop');
    c.send('INCR', 'n');
    c.send('INCR', 'n');
    await until(async () => (await rt.snapshot(a.pid))?.pendingInputs === 2, 'both commands to wait in the stopped node');
    expect(c.buffered).toBe('');
    rt.kill(a.pid, 'CONT');
    expect(await c.call('GET', 'n')).toBe(':1\r\n');
    expect(c.buffered).toBe('');
    await until(() => c.buffered === ':2\r\n$1\r\n2\r\n' || c.buffered.startsWith(':2'), 'the queued replies');
  });

  it('an exception in one worker marks that node crashed, with its stack; the others keep running', async () => {
    const rt = runtime({ nodeModule: FAKE_NODE });
    const bad = spawn(rt, ['--port', '7541']);
    const good = spawn(rt, ['--port', '7542']);
    const c = await client(rt, 7541);
    c.send('BOOM');
    expect(await bad.exit).toBe(134);
    expect(bad.err.join('')).toContain(`engine exception in pid ${bad.pid}; the node is marked crashed`);
    expect(bad.err.join('')).toContain('fake engine bug: BOOM');
    expect(rt.stores.log(bad.pid).get().join('\n')).toContain('fake engine bug: BOOM');
    await until(() => rt.stores.nodes.get().some((n) => n.pid === bad.pid && n.state === 'crashed'), 'the store to show the crash');
    await until(() => c.closed, 'the crashed node\'s client to be closed');
    const g = await client(rt, 7542);
    expect(await g.call('PING')).toBe('+PONG\r\n');
    expect(rt.processes().map((p) => p.pid)).toEqual([good.pid]);
  });

  it('detects a worker that stops answering', async () => {
    const rt = runtime({ nodeModule: FAKE_NODE, heartbeatMs: 20, hungAfterMs: 200 });
    const a = spawn(rt, ['--port', '7551']);
    const c = await client(rt, 7551);
    expect(await c.call('PING')).toBe('+PONG\r\n');
    c.send('HANG');
    await until(() => rt.stores.nodes.get().some((n) => n.pid === a.pid && n.hung), 'the node to be marked hung');
    expect(rt.stores.events.get().some((e) => e.pid === a.pid && e.kind === 'hung')).toBe(true);
    rt.kill(a.pid, 'KILL');
    expect(await a.exit).toBe(137);
  });
});

describe('runtime: the clock', () => {
  it('pause freezes every node and the shell\'s time; speed reaches the workers', async () => {
    const rt = runtime();
    rt.disk.write('/home/learner/a.conf', conf(['port 7561']));
    const a = spawn(rt, ['a.conf']);
    const c = await client(rt, 7561);
    rt.pause();
    const frozen = rt.now();
    const s1 = await rt.snapshot(a.pid);
    expect(s1?.frozen).toBe(true);
    // The worker may have read the clock a few ms past the pause before the pause reached it
    // (its time never goes back); from then on its time stands still.
    expect(s1?.nowMs).toBeGreaterThanOrEqual(frozen);
    // Inputs wait while the cluster is paused.
    c.send('PING');
    await until(async () => (await rt.snapshot(a.pid))?.pendingInputs === 1, 'the command to wait');
    expect((await rt.snapshot(a.pid))?.nowMs).toBe(s1?.nowMs);
    expect(rt.now()).toBe(frozen);
    let slept = false;
    void rt.sleep(1).then(() => (slept = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(slept).toBe(false);
    rt.setSpeed(10);
    rt.resume();
    await until(() => c.buffered === '+PONG\r\n', 'the queued PING to be answered');
    await until(() => slept, 'the sleep to end after resume');
    expect(rt.stores.clock.get()).toEqual({ speed: 10, paused: false });
    rt.setSpeed(100);
    expect(rt.clock.speed).toBe(10);
    rt.setSpeed(0.1);
    expect(rt.clock.speed).toBe(0.25);
  });
});

describe('runtime: network faults', () => {
  it('a cut holds the replication stream until healed; a drop resets connections', async () => {
    const rt = runtime({ speed: 10 });
    rt.disk.write('/home/learner/p.conf', conf(['port 7571', 'repl-diskless-sync-delay 0']));
    rt.disk.write('/home/learner/r.conf', conf(['port 7572', 'replicaof 127.0.0.1 7571']));
    spawn(rt, ['p.conf']);
    const replica = spawn(rt, ['r.conf']);
    const p = await client(rt, 7571);
    const r = await client(rt, 7572);
    await until(async () => (await rt.snapshot(replica.pid))?.summary?.replState === 'connected', 'the replica to sync');
    rt.cut(7571, 7572);
    expect(await p.call('SET', 'during', 'cut')).toBe('+OK\r\n');
    const primaryPid = rt.pidByPort(7571) as number;
    await until(async () => ((await rt.snapshot(primaryPid))?.links ?? []).some((l) => l.peer === '7572' && l.held > 0), 'the stream to be held');
    expect(await r.call('GET', 'during')).toBe('$-1\r\n');
    rt.heal();
    await until(async () => (await r.call('GET', 'during')) === '$3\r\ncut\r\n', 'the held write to arrive');
    // A drop between the shell and the primary resets that connection only.
    rt.drop('client', 7571);
    await until(() => p.closed, 'the dropped client to see the close');
    expect(r.closed).toBe(false);
    expect(await r.call('PING')).toBe('+PONG\r\n');
  });

  it('a connect across a cut times out (the SYN waits), and goes through once healed', async () => {
    const rt = runtime({ connectTimeoutMs: 2000, speed: 10 });
    rt.disk.write('/home/learner/a.conf', conf(['port 7581']));
    spawn(rt, ['a.conf']);
    await rt.settled();
    rt.cut('client', 7581);
    await expect(rt.connect('127.0.0.1', 7581, { onData() {}, onClose() {} })).rejects.toBe('timeout');
    const pending = rt.connect('127.0.0.1', 7581, { onData() {}, onClose() {} });
    rt.heal('client', 7581);
    const conn = await pending;
    expect(conn.local.port).toBeGreaterThan(0);
  });
});

describe('runtime: scenarios', () => {
  it('boots a declared state in fast-forward until the replica is synced, then returns to the speed before', async () => {
    const rt = runtime();
    const result = await bootScenario(rt, {
      files: { 'primary.conf': 'port 7591\n', 'replica.conf': 'port 7592\nreplicaof 127.0.0.1 7591\n' },
      nodes: [{ argv: ['primary.conf'] }, { argv: ['replica.conf'] }],
    });
    expect(result.settled).toBe(true);
    expect(result.pids).toHaveLength(2);
    expect(rt.clock.speed).toBe(1);
    // Redis 7's diskless sync waits 5 s for more replicas: the lab time passed, fast.
    const replica = await rt.snapshot(result.pids[1]);
    expect(replica?.summary?.replState).toBe('connected');
    expect(rt.stores.log(result.pids[0]).get().some((l) => l.includes('Starting BGSAVE for SYNC with target: replicas sockets'))).toBe(true);
    expect(rt.processes().map((p) => p.title)).toEqual(['redis-server *:7591', 'redis-server *:7592']);
    expect(rt.disk.read('/home/learner/primary.conf')).toBe('port 7591\n');
  });
});
