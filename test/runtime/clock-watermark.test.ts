/**
 * Goal: lab time never outruns a starved machine (the watermark rule, src/runtime/clock.ts and
 * runtime.ts). The clock's cap stops time where the slowest worker's acknowledgement allows;
 * raising a cap that held time drops the held stretch instead of replaying it; the shell's
 * timers do not fire past the cap; and on the runtime a worker that stops processing holds the
 * whole cluster's time until it is gone.
 * Method: the Clock with a hand-driven real clock (no wall time at all); then real workers with
 * the fake engine's HANG (a worker whose thread never comes back, the extreme of starvation),
 * asserting what happens and what does not — a shell sleep that cannot end while time is held.
 * Last, ordering across ports: bytes sent right after a SIGSTOP are held by it, every time.
 */
import { describe, expect, it } from 'vitest';
import { Clock } from '../../src/runtime/clock.ts';
import { virtualAt } from '../../workers/protocol.ts';
import { FAKE_NODE, client, runtime, spawn, until } from './support.ts';

describe('clock: the watermark cap', () => {
  it('stops time at the cap, and a raise re-anchors at the held time (the stall is not replayed)', () => {
    let real = 1000;
    const clock = new Clock(() => real, 50_000, 10);
    clock.setLimit(51_000);
    real += 50; // 500 virtual ms
    expect(clock.exact()).toBe(50_500);
    expect(clock.capped).toBe(false);
    real += 250; // would be 53,000 without the cap
    expect(clock.exact()).toBe(51_000);
    expect(clock.capped).toBe(true);
    // Workers compute time from the same state: they see the cap too.
    expect(virtualAt(clock.current, real)).toBe(51_000);
    clock.setLimit(52_000);
    expect(clock.exact()).toBe(51_000);
    real += 10;
    expect(clock.exact()).toBe(51_100);
    expect(clock.capped).toBe(false);
    // Infinity removes the cap; a cap below the current time never sets it back.
    clock.setLimit(Infinity);
    expect(clock.limit).toBe(Infinity);
    clock.setLimit(10);
    expect(clock.limit).toBe(51_100);
    expect(clock.now()).toBe(51_100);
  });

  it('does not fire a virtual timer past the cap until it is raised', async () => {
    let real = 0;
    const clock = new Clock(() => real, 0, 1);
    clock.setLimit(100);
    let fired = 0;
    clock.setTimer(200, () => fired++);
    real = 1000;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fired).toBe(0);
    clock.setLimit(Infinity);
    real = 2000;
    await until(() => fired === 1, 'the timer after the raise');
    clock.dispose();
  });
});

describe('runtime: a starved worker holds the cluster clock', () => {
  it('a shell sleep cannot end while a worker processes nothing, and ends once it is gone', async () => {
    const rt = runtime({ nodeModule: FAKE_NODE, speed: 10, lagBoundMs: 50, hungAfterMs: 600_000 });
    const a = spawn(rt, ['--port', '7711']);
    const b = spawn(rt, ['--port', '7712']);
    await rt.settled();
    // Healthy workers: time passes (the cap follows their acknowledgements).
    await until(() => Number.isFinite(rt.clock.limit), 'a first cap');
    const c = await client(rt, 7711);
    expect(await c.call('PING')).toBe('+PONG\r\n');
    c.send('HANG');
    const before = rt.clock.exact();
    let slept = false;
    void rt.sleep(5_000).then(() => (slept = true));
    // The hung worker's last acknowledgement + 500 ms (50 ms real at 10×) is as far as time
    // gets; it may have acknowledged once more before it read HANG (20 ms real = 200 ms).
    await until(() => rt.clock.capped, 'the cap to hold time');
    const bPing = await client(rt, 7712);
    expect(await bPing.call('PING')).toBe('+PONG\r\n');
    await until(() => rt.clock.capped, 'the cap to hold time, after any late acknowledgement');
    const held = rt.clock.exact();
    expect(held - before).toBeLessThanOrEqual(50 * 10 + 2 * 20 * 10);
    // The other worker keeps answering and acknowledging; time stays where it is.
    for (let i = 0; i < 5; i++) expect(await bPing.call('PING')).toBe('+PONG\r\n');
    await until(() => rt.clock.capped, 'the cap still holding');
    expect(rt.clock.exact()).toBe(held);
    expect(slept).toBe(false);
    rt.kill(a.pid, 'KILL');
    expect(await a.exit).toBe(137);
    await until(() => slept, 'the sleep once the starved worker is gone');
    expect(rt.processes().map((p) => p.pid)).toEqual([b.pid]);
  });
});

describe('runtime: ordering across ports', () => {
  it('bytes the shell sends right after kill -STOP wait for the stop (the signal applies first)', async () => {
    const rt = runtime({ speed: 10 });
    rt.disk.write('/home/learner/o.conf', 'port 7721\n');
    const a = spawn(rt, ['o.conf']);
    const c = await client(rt, 7721);
    expect(await c.call('PING')).toBe('+PONG\r\n');
    let expected = '';
    for (let i = 1; i <= 5; i++) {
      rt.kill(a.pid, 'STOP');
      c.send('INCR', 'n');
      await until(async () => (await rt.snapshot(a.pid))?.pendingInputs === 1, 'the command to wait for SIGCONT');
      expect(c.buffered).toBe(expected);
      rt.kill(a.pid, 'CONT');
      expected += `:${i}\r\n`;
      await until(() => c.buffered === expected, 'the reply after SIGCONT');
    }
  });
});
