/**
 * Goal: the process table behaves like a machine's — seeded pids, Redis's process titles in
 * `ps`, signals (KILL → 137 and memory gone, TERM → Redis's graceful shutdown, STOP/CONT → a
 * frozen process whose inputs wait), restart on the same disk, a second server on a taken port
 * failing as Redis does, and an engine exception marking only that node crashed.
 * Method: real redis-server nodes started from config files in the scenario's cwd, driven by
 * clients; fake nodes where the engine cannot be made to misbehave on purpose.
 */
import { describe, expect, it } from 'vitest';
import { show } from '../support/engine-harness.ts';
import { SimCheckError, scenario } from '../../src/sim/index.ts';
import { fakeFactory, type FakeNode } from './fake-node.ts';
import { simScenario } from './support.ts';

describe('sim: processes', () => {
  it('starts a primary from a config file, titled like Redis in ps', () => {
    const s = simScenario({ seed: 7 })
      .file('/home/learner/primary.conf', 'port 6379\nbind 127.0.0.1 -::1\n')
      .start('redis-server', ['primary.conf'], { cwd: '/home/learner' })
      .file('replica.conf', 'port 6380\n')
      .start('redis-server', ['replica.conf']);
    const ps = s.sim.processes();
    expect(ps.map((p) => `${p.title} ${p.state}`)).toEqual(['redis-server 127.0.0.1:6379 running', 'redis-server *:6380 running']);
    expect(ps[1].pid).toBeGreaterThan(ps[0].pid);
    expect(s.stdout(6379)).toContain(`${ps[0].pid}:M 27 Nov 2026 19:52:56.203 * Ready to accept connections`);
    // Connecting by name or by any loopback address reaches the wildcard listener.
    expect(show(s.client({ host: 'localhost', port: 6380 }).call('PING'))).toBe('PONG');
    expect(show(s.client({ host: '127.0.0.2', port: 6380 }).call('PING'))).toBe('PONG');
  });

  it('titles a sentinel with its mode, and a process not yet listening by its command line', () => {
    const s = simScenario({ startNode: fakeFactory }).start('redis-sentinel', ['fake', '5000']);
    expect(s.sim.processes()[0].title).toBe('redis-sentinel *:5000 [sentinel]');
    const s2 = simScenario().start('redis-server', ['missing.conf']);
    expect(s2.output(s2.lastPid).exitCode).toBe(1);
    expect(s2.sim.processes()).toEqual([]);
  });

  it('kill -9 loses memory but keeps the disk; restart gets a new pid and loads the data', () => {
    const s = simScenario().file('r.conf', 'port 6379\nappendonly yes\nappendfsync always\n').start('redis-server', ['r.conf']);
    const cli = s.client(6379);
    expect(show(cli.call('SET', 'k', 'v'))).toBe('OK');
    const pid = s.pid(6379);
    s.crash(6379);
    expect(s.output(6379).exitCode).toBe(137);
    expect(s.sim.processes()).toEqual([]);
    s.runFor(1);
    expect(cli.closed).toBe(true);
    expect(s.sim.disk.list('/home/learner')).toContain('appendonlydir');
    s.restart(6379).runFor(100);
    expect(s.pid(6379)).not.toBe(pid);
    expect(show(s.call(6379, 'GET', 'k'))).toBe('v');
    expect(show(s.call(6379, 'DBSIZE'))).toBe('(integer) 1');
  });

  it('a power cut loses what was not fsynced: appendfsync always keeps the write, no loses it', () => {
    const after = (policy: string) => {
      const s = simScenario().file('r.conf', `port 6379\nappendonly yes\nappendfsync ${policy}\nsave ""\n`).start('redis-server', ['r.conf']);
      s.runFor(100);
      const cli = s.client(6379);
      expect(show(cli.call('SET', 'k', 'v'))).toBe('OK');
      s.powerCut();
      expect(s.output(6379).exitCode).toBe(137);
      expect(s.sim.processes()).toEqual([]);
      s.runFor(1);
      expect(cli.closed).toBe(true);
      s.restart(6379).runFor(100);
      return show(s.call(6379, 'GET', 'k'));
    };
    expect(after('always')).toBe('v');
    expect(after('no')).toBe('(nil)');
  });

  it('SIGTERM shuts Redis down gracefully: the log says so and the status is 0', () => {
    const s = simScenario().file('r.conf', 'port 6379\n').start('redis-server', ['r.conf']);
    const cli = s.client(6379);
    s.kill(6379, 'TERM').runUntil(() => s.output(6379).exitCode !== null, 1000, 'exit after SIGTERM');
    expect(s.output(6379).exitCode).toBe(0);
    expect(s.stdout(6379)).toMatch(/signal-handler \(\d+\) Received SIGTERM scheduling shutdown\.\.\./);
    expect(s.stdout(6379)).toContain('Redis is now ready to exit, bye bye...');
    s.runFor(1);
    expect(cli.closed).toBe(true);
    expect(s.sim.kill(s.proc(6379).pid, 'TERM')).toBe(false);
  });

  it('SIGSTOP freezes a process: no cron, inputs queue; SIGCONT delivers them in order, late', () => {
    const s = simScenario({ startNode: fakeFactory }).start('redis-server', ['fake', '7000']);
    const node = s.node<FakeNode>(7000);
    const pid = s.pid(7000);
    s.runFor(100);
    const cli = s.sim.open('127.0.0.1', 7000, { onConnected: () => {}, onFailed: () => {}, onData: () => {}, onClose: () => {} });
    s.runFor(1);
    s.sim.kill(pid, 'STOP');
    expect(s.sim.processes()[0].state).toBe('stopped');
    const crons = node.crons;
    cli.send('echo 1');
    cli.send('echo 2');
    s.runFor(5000);
    expect(node.crons).toBe(crons);
    expect(node.kinds()).toEqual(['accept']);
    s.sim.kill(pid, 'CONT');
    s.runFor(0);
    expect(node.kinds()).toEqual(['accept', 'data:echo 1', 'data:echo 2']);
    expect(node.inputs[1].at - s.sim.startMs).toBe(5101);
    s.runFor(100);
    expect(node.crons).toBeGreaterThan(crons);
  });

  it('a second server on a taken port fails as Redis does', () => {
    const s = simScenario().file('a.conf', 'port 6379\n').file('b.conf', 'port 6379\nbind 127.0.0.1\n')
      .start('redis-server', ['a.conf']).start('redis-server', ['b.conf']);
    const out = s.output(s.lastPid);
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toContain('# Warning: Could not create server TCP listening socket 127.0.0.1:6379: bind: Address already in use');
    expect(s.sim.processes()).toHaveLength(1);
  });

  it('an engine exception marks that node crashed and fails the run unless expected', () => {
    const s = simScenario({ startNode: fakeFactory }).start('redis-server', ['fake', '7000']).start('redis-server', ['fake', '7001']);
    const cli = s.sim.open('127.0.0.1', 7000, { onConnected: () => {}, onFailed: () => {}, onData: () => {}, onClose: () => {} });
    s.runFor(1);
    cli.send('throw');
    expect(() => s.runFor(1)).toThrow(SimCheckError);
    expect(s.sim.exceptions[0].error).toContain('fake node: boom');

    const t = simScenario({ startNode: fakeFactory }).expectEngineExceptions().start('redis-server', ['fake', '7000']).start('redis-server', ['fake', '7001']);
    const c2 = t.sim.open('127.0.0.1', 7000, { onConnected: () => {}, onFailed: () => {}, onData: () => {}, onClose: () => {} });
    t.runFor(1);
    c2.send('throw');
    t.runFor(100);
    expect(t.output(7000).exitCode).toBe(134);
    expect(t.output(7000).stderr).toContain('Error: fake node: boom');
    expect(t.sim.processes()).toHaveLength(1);
    expect(t.node<FakeNode>(7001).crons).toBeGreaterThan(5);
  });

  it('pids come from the seed', () => {
    // Explicit seeds on purpose: this test compares seeds, so SEED from the environment does not apply.
    const pidOf = (seed: number) => scenario({ seed }).file('r.conf', 'port 6379\n').start('redis-server', ['r.conf']).pid(6379);
    expect(pidOf(1)).toBe(pidOf(1));
    expect(new Set([1, 2, 3, 4].map(pidOf)).size).toBeGreaterThan(1);
  });
});
