/**
 * Drives the deterministic simulator on the real clock (the lab's host with `?host=sim`, and
 * its fallback when Web Workers cannot start): virtual time follows `performance.now()` from an
 * anchor, times a speed factor, as the runtime's clock does (DESIGN.md §4). Every few
 * milliseconds the events due by then fire through `Sim.run`, whose settle step lets the
 * shell's promise continuations run between events, so a terminal's redis-cli reacts at the
 * virtual instant its reply arrived, not one animation frame later.
 *
 * Not the cause of Sentinel's missing failover once suspected here: virtual time never jumps
 * between two runs of a node's timer (every timer event fires at its own virtual instant,
 * however late the real timer that drives the batch is), so Sentinel cannot see a TILT gap.
 */
import type { Sim } from '../../sim/index.ts';

export class RealtimeSim {
  readonly sim: Sim;
  private speed = 1;
  private paused = false;
  private anchorReal = 0;
  private anchorVirtual = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private stopped = false;
  /** Called after each batch of events (the lab publishes its view then). */
  onAdvanced: (() => void) | null = null;

  constructor(sim: Sim, speed = 1) {
    this.sim = sim;
    this.speed = speed;
  }

  start(): void {
    this.anchorReal = performance.now();
    this.anchorVirtual = this.sim.time;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
  }

  setSpeed(speed: number): void {
    this.reanchor();
    this.speed = speed;
  }

  /** Freezes virtual time (the lab's Pause clock); the shell's own work still settles. */
  setPaused(paused: boolean): void {
    this.reanchor();
    this.paused = paused;
  }

  private reanchor(): void {
    this.anchorVirtual = this.target();
    this.anchorReal = performance.now();
  }

  private target(): number {
    return this.paused ? this.anchorVirtual : this.anchorVirtual + (performance.now() - this.anchorReal) * this.speed;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      const target = this.target();
      if (target > this.sim.time) {
        const outcome = await this.sim.run(() => this.stopped, macrotask, { limitMs: target - this.sim.time });
        if (outcome === 'idle' && this.sim.time < target) this.sim.time = target;
      } else await this.sim.run(() => true, macrotask);
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    this.onAdvanced?.();
    // Wake up for the next event, or soon anyway: the shell may have scheduled something.
    const next = this.sim.queue.peek();
    const dueIn = next && !this.paused ? (next.at - this.target()) / this.speed : Infinity;
    this.schedule(Math.max(0, Math.min(4, dueIn)));
  }
}

/** Resolves after pending promise continuations ran (a MessageChannel round trip). */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
