/**
 * Goal: the simulated network behaves like loopback TCP and its faults like the ones a lesson
 * shows — handshakes, refusals and timeouts, per-direction FIFO with latency, close after
 * pending bytes, sockets of a killed process closing, partitions and holds that keep messages
 * until healed, resets, extra latency.
 * Method: fake nodes (test/sim/fake-node.ts) record every input; real redis-server nodes answer
 * clients; assertions read node inputs, client callbacks and the trace.
 */
import { describe, expect, it } from 'vitest';
import { show } from '../support/engine-harness.ts';
import { SimCheckError, type Scenario } from '../../src/sim/index.ts';
import { fakeFactory, type FakeNode } from './fake-node.ts';
import { simScenario } from './support.ts';

const fakes = (extra: Parameters<typeof simScenario>[0] = {}): Scenario =>
  simScenario({ startNode: fakeFactory, ...extra }).start('redis-server', ['fake', '7000']).start('redis-server', ['fake', '7001']);

/** The data and close events an external client saw, in order. */
function recorder() {
  const seen: string[] = [];
  return {
    seen,
    handlers: { onData: (b: string) => seen.push(`data:${b}`), onClose: () => seen.push('close') },
  };
}

describe('sim: connections', () => {
  it('connects: accept on the server, then connected on the client, with an ephemeral port', () => {
    const s = fakes();
    const a = s.node<FakeNode>(7000);
    const b = s.node<FakeNode>(7001);
    const conn = a.connectTo('127.0.0.1', 7001);
    s.runFor(20);
    expect(b.kinds()).toEqual(['accept']);
    expect(a.kinds()).toEqual(['connected']);
    const accept = b.inputs[0].input;
    const connected = a.inputs[0].input;
    if (accept.kind !== 'accept' || connected.kind !== 'connected') throw new Error('unexpected inputs');
    expect(connected.conn).toBe(conn);
    expect(accept.local).toEqual({ host: '127.0.0.1', port: 7001 });
    expect(accept.peer).toEqual(connected.local);
    expect(accept.peer.port).toBeGreaterThanOrEqual(32768);
    expect(accept.peer.port).toBeLessThanOrEqual(60999);
    expect(b.inputs[0].at).toBeLessThanOrEqual(a.inputs[0].at);
  });

  it('refuses when nothing listens, reports unresolvable names and times out on foreign addresses', () => {
    const s = fakes({ connectTimeoutMs: 5000 });
    const a = s.node<FakeNode>(7000);
    a.connectTo('127.0.0.1', 7999);
    a.connectTo('no-such-host', 7001);
    a.connectTo('10.1.2.3', 7001);
    s.runFor(100);
    expect(a.kinds()).toEqual(['connectFailed:unreachable', 'connectFailed:refused']);
    s.runFor(5000);
    expect(a.kinds()).toEqual(['connectFailed:unreachable', 'connectFailed:refused', 'connectFailed:timeout']);
  });

  it('delivers each direction in order, 50–200 µs later by default', () => {
    const s = fakes();
    const seen = recorder();
    const conn = s.sim.open('127.0.0.1', 7000, { ...seen.handlers, onConnected: () => {}, onFailed: () => {} });
    s.runFor(1);
    const sentAt = s.time;
    for (let i = 0; i < 50; i++) conn.send(`echo ${i},`);
    s.runFor(1);
    const b = s.node<FakeNode>(7000);
    expect([...b.received.values()][0]).toBe(Array.from({ length: 50 }, (_, i) => `echo ${i},`).join(''));
    const arrivals = s.sim.trace.records().filter((r) => r.kind === 'data' && r.target === '7000').map((r) => r.timeMs - sentAt);
    expect(arrivals).toHaveLength(50);
    expect(Math.min(...arrivals)).toBeGreaterThanOrEqual(0.05);
    expect(Math.max(...arrivals)).toBeLessThanOrEqual(0.2);
    expect(arrivals).toEqual([...arrivals].sort((x, y) => x - y));
    s.runFor(20); // the echoes go out at the fake's next tick
    expect(seen.seen.join('')).toBe(Array.from({ length: 50 }, (_, i) => `data:${i},`).join(''));
  });

  it('adds per-link latency in both directions', () => {
    const s = fakes();
    s.latency(7000, 7001, 40);
    const a = s.node<FakeNode>(7000);
    a.connectTo('127.0.0.1', 7001);
    s.runFor(10); // the connect leaves at the next tick (10 ms)
    const t0 = s.time;
    s.runFor(79);
    expect(a.kinds()).toEqual([]);
    s.runFor(2);
    expect(a.kinds()).toEqual(['connected']);
    expect(s.time - t0).toBeGreaterThan(80);
  });

  it('delivers a close after the bytes sent before it, and discards bytes sent to a closed socket', () => {
    const s = fakes();
    const seen = recorder();
    const conn = s.sim.open('127.0.0.1', 7000, { ...seen.handlers, onConnected: () => {}, onFailed: () => {} });
    s.runFor(1);
    const b = s.node<FakeNode>(7000);
    const serverConn = [...b.open][0];
    b.send(serverConn, 'one');
    b.send(serverConn, 'two');
    b.close(serverConn);
    s.runFor(20);
    expect(seen.seen).toEqual(['data:one', 'data:two', 'close']);
    conn.send('too late');
    s.runFor(20);
    expect(b.received.get(serverConn)).toBeUndefined();
  });

  it('closes every socket of a killed process: peers see closed', () => {
    const s = fakes();
    const a = s.node<FakeNode>(7000);
    const seen = recorder();
    a.connectTo('127.0.0.1', 7001);
    s.sim.open('127.0.0.1', 7001, { ...seen.handlers, onConnected: () => {}, onFailed: () => {} });
    s.runFor(20);
    s.crash(7001).runFor(1);
    expect(a.kinds()).toEqual(['connected', 'closed']);
    expect(seen.seen).toEqual(['close']);
    expect(s.output(7001).exitCode).toBe(137);
  });

  it('flags an output on an unknown connection', () => {
    const s = fakes();
    s.node<FakeNode>(7000).emit({ kind: 'send', conn: 424242, bytes: 'x' });
    let error: unknown;
    try {
      s.runFor(20);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimCheckError);
    const message = (error as Error).message;
    expect(message).toContain('checker "outputs name known connections" failed');
    expect(message).toContain('7000 (pid');
    expect(message).toContain('sent on unknown connection 424242');
    expect(message).toMatch(/reproduce: SEED=\d+ npx vitest run test\/sim\/sim-network\.test\.ts -t "flags an output on an unknown connection"/);
    expect(message).toContain('violation  "sent on unknown connection 424242"');
  });
});

describe('sim: faults', () => {
  it('partition holds messages both ways and delivers them on repair', () => {
    const s = simScenario({ seed: 3 }).file('r.conf', 'port 6379\n').start('redis-server', ['r.conf']);
    const cli = s.client(6379);
    s.partition('client', 6379);
    cli.send('SET', 'k', 'v').send('GET', 'k');
    s.runFor(30_000);
    expect(cli.take()).toEqual([]);
    // Another client, not partitioned, sees the server did not get the write.
    expect(show(s.client(6379, { party: 'other' }).call('EXISTS', 'k'))).toBe('(integer) 0');
    s.repair('client', 6379).runFor(1);
    expect(cli.take().map(show)).toEqual(['OK', 'v']);
  });

  it('a connect across a partition times out; one repaired in time completes', () => {
    const s = simScenario({ connectTimeoutMs: 10_000 }).file('r.conf', 'port 6379\n').start('redis-server', ['r.conf']);
    s.partition('client', 6379);
    const t0 = s.time;
    expect(s.tryClient(6379)).toBe('timeout');
    expect(s.time - t0).toBeCloseTo(10_000, 0);
    const late = s.sim.open('127.0.0.1', 6379, { onConnected: () => {}, onFailed: () => {}, onData: () => {}, onClose: () => {} });
    s.runFor(5000).repair().runFor(1);
    expect(s.sim.trace.records().some((r) => r.kind === 'connected' && r.conn === late.id)).toBe(true);
  });

  it('bytes held by a partition still arrive after repair when the sender closed meanwhile', () => {
    const s = fakes();
    const seen = recorder();
    const conn = s.sim.open('127.0.0.1', 7000, { ...seen.handlers, onConnected: () => {}, onFailed: () => {} });
    s.runFor(1);
    s.partition('client', 7000);
    conn.send('last words');
    conn.close();
    s.runFor(1000);
    const b = s.node<FakeNode>(7000);
    expect(b.kinds()).toEqual(['accept']);
    s.repair().runFor(1);
    expect(b.kinds()).toEqual(['accept', 'data:last words', 'closed']);
  });

  it('hold is one way: requests arrive, replies wait for release', () => {
    const s = simScenario().file('r.conf', 'port 6379\n').start('redis-server', ['r.conf']);
    const cli = s.client(6379);
    s.hold(6379, 'client');
    cli.send('SET', 'k', 'v');
    s.runFor(1000);
    expect(cli.take()).toEqual([]);
    expect(show(s.client(6379, { party: 'other' }).call('GET', 'k'))).toBe('v');
    s.release().runFor(1);
    expect(cli.take().map(show)).toEqual(['OK']);
  });

  it('drop resets the link: both sides see closed, queued bytes are lost', () => {
    const s = fakes();
    const a = s.node<FakeNode>(7000);
    const b = s.node<FakeNode>(7001);
    const conn = a.connectTo('127.0.0.1', 7001);
    s.runFor(20);
    s.hold(7000, 7001);
    a.send(conn, 'never');
    s.runFor(20);
    s.drop(7000, 7001).runFor(0).release().runFor(20);
    expect(a.kinds()).toEqual(['connected', 'closed']);
    expect(b.kinds()).toEqual(['accept', 'closed']);
    expect(s.sim.net.connections.size).toBe(0);
  });

  it('kill -9 under a partition: queued bytes still arrive after repair, then closed; a host-down crash loses them silently', () => {
    for (const hostDown of [false, true]) {
      const s = fakes();
      const a = s.node<FakeNode>(7000);
      const b = s.node<FakeNode>(7001);
      const conn = a.connectTo('127.0.0.1', 7001);
      s.runFor(20);
      s.partition(7000, 7001);
      a.send(conn, 'in flight');
      s.runFor(20).crash(7000, { hostDown }).repair().runFor(20);
      expect(b.kinds()).toEqual(hostDown ? ['accept'] : ['accept', 'data:in flight', 'closed']);
      expect(b.open.size).toBe(hostDown ? 1 : 0);
    }
  });

  it('a paused server still completes handshakes; its inputs wait for SIGCONT', () => {
    const s = simScenario().file('r.conf', 'port 6379\n').start('redis-server', ['r.conf']);
    s.pause(6379);
    const cli = s.client(6379);
    cli.send('PING');
    s.runFor(10_000);
    expect(cli.take()).toEqual([]);
    s.resume(6379).runFor(1);
    expect(cli.take().map(show)).toEqual(['PONG']);
  });
});
