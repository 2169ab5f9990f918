/**
 * Goal: the simulator is a ShellHost the shell can drive asynchronously — promises for sleep,
 * connect and replies — with virtual time moving only while the script waits, the same trace
 * on every run of a seed, and a clear outcome when the script waits for something that never
 * comes.
 * Method: a small script written against the ShellHost interface only (as the shell is) runs
 * under `sim.run(untilDone, settle)` with Node's setImmediate as the settle step.
 */
import { describe, expect, it } from 'vitest';
import type { ShellHost } from '../../src/shell/host.ts';
import { Sim } from '../../src/sim/index.ts';
import { seedFromEnv, simHost } from './support.ts';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Spawns a server, sleeps, talks to it, fails to reach another port, stops it with TERM. */
async function lesson(host: ShellHost, out: string[]): Promise<void> {
  const t0 = host.now();
  const at = () => `+${host.now() - t0}ms`;
  host.disk.write('/home/learner/r.conf', 'port 6379\n');
  let exitCode: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (exitCode = resolve));
  const pid = host.spawn({
    program: 'redis-server', argv: ['r.conf'], cwd: '/home/learner', stdoutIsTty: false,
    stdout: (text) => out.push(`stdout ${text.trimEnd().replace(/^\d+:/, 'PID:').replace(/\d\d \w\w\w \d{4} [\d:.]+/, 'DATE')}`),
    stderr: (text) => out.push(`stderr ${text}`),
    exit: (code) => exitCode(code),
  });
  await host.sleep(1000);
  out.push(`${at()} slept; ps: ${host.processes().map((p) => `${p.title} (${p.state})`).join(', ')}`);
  let reply: (bytes: string) => void = () => {};
  const conn = await host.connect('127.0.0.1', 6379, { onData: (b) => reply(b), onClose: () => out.push(`${at()} closed by server`) });
  out.push(`${at()} connected from port ${conn.local.port > 32767 ? 'ephemeral' : conn.local.port}`);
  const pong = new Promise<string>((resolve) => (reply = resolve));
  conn.send('*1\r\n$4\r\nPING\r\n');
  out.push(`${at()} reply ${JSON.stringify(await pong)}`);
  try {
    await host.connect('127.0.0.1', 6390, { onData: () => {}, onClose: () => {} });
  } catch (e) {
    out.push(`${at()} connect 6390: ${String(e)}`);
  }
  host.kill(pid, 'TERM');
  const code = await exited;
  out.push(`${at()} exit ${code}; ps: ${host.processes().length}`);
  await host.sleep(10);
}

async function runLesson(seed: number): Promise<{ out: string[]; trace: string[]; result: string }> {
  const sim = new Sim({ seed, traceCapacity: 10_000 });
  const out: string[] = [];
  let done = false;
  void lesson(sim, out).finally(() => (done = true));
  const result = await sim.run(() => done, settle, { limitMs: 60_000 });
  return { out, trace: sim.trace.lines(), result };
}

describe('sim: ShellHost driver', () => {
  it('runs a script with virtual time moving only while it waits', async () => {
    const { out, result } = await runLesson(seedFromEnv(5));
    expect(result).toBe('done');
    const lines = out.filter((l) => !l.startsWith('stdout'));
    expect(lines[0]).toBe('+1000ms slept; ps: redis-server *:6379 (running)');
    expect(lines[1]).toBe('+1000ms connected from port ephemeral');
    expect(lines[2]).toBe('+1000ms reply "+PONG\\r\\n"');
    expect(lines[3]).toBe('+1000ms connect 6390: refused');
    // Redis acts on SIGTERM at its next serverCron tick (hz 10), then the socket closes.
    expect(lines[4]).toBe('+1100ms exit 0; ps: 0');
    expect(lines[5]).toBe('+1100ms closed by server');
    expect(out).toContain('stdout PID:M DATE * Ready to accept connections');
    expect(out.some((l) => l.includes('Received SIGTERM scheduling shutdown'))).toBe(true);
  });

  it('gives the same trace on every run of a seed', async () => {
    const seed = seedFromEnv(5);
    const a = await runLesson(seed);
    const b = await runLesson(seed);
    expect(a.trace.length).toBeGreaterThan(20);
    expect(b.trace).toEqual(a.trace);
    expect(b.out).toEqual(a.out);
  });

  it('reports idle when the script waits on a stopped server, limit when time runs out', async () => {
    const sim = simHost({ seed: 3 });
    sim.disk.write('/home/learner/r.conf', 'port 6379\n');
    const pid = sim.spawn({ program: 'redis-server', argv: ['r.conf'], cwd: '/home/learner', stdoutIsTty: false, stdout: () => {}, stderr: () => {}, exit: () => {} });
    let replied = false;
    const script = async () => {
      const conn = await sim.connect('127.0.0.1', 6379, { onData: () => (replied = true), onClose: () => {} });
      sim.kill(pid, 'STOP');
      conn.send('*1\r\n$4\r\nPING\r\n');
    };
    void script();
    expect(await sim.run(() => replied, settle)).toBe('idle');
    sim.kill(pid, 'CONT');
    sim.kill(pid, 'TERM');
    // A TERM after CONT: the server shuts down and there is nothing left to wait for.
    expect(await sim.run(() => false, settle, { limitMs: 5000 })).toBe('idle');
    expect(replied).toBe(true);
    sim.spawn({ program: 'redis-server', argv: ['r.conf'], cwd: '/home/learner', stdoutIsTty: false, stdout: () => {}, stderr: () => {}, exit: () => {} });
    const before = sim.time;
    expect(await sim.run(() => false, settle, { limitMs: 5000 })).toBe('limit');
    expect(sim.time - before).toBe(5000);
  });
});
