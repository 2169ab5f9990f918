/**
 * Drives the deterministic simulator on the real clock (the /lab page's stopgap host): virtual
 * time follows `performance.now()` from an anchor, and every few milliseconds the events due
 * by then fire, letting the shell's promise continuations run between them (`Sim.run`'s
 * settle step). A speed factor scales time as the runtime's clock does (DESIGN.md §4).
 */
import type { Sim } from '../../sim/index.ts';

export class RealtimeSim {
  readonly sim: Sim;
  private speed = 1;
  private anchorReal = 0;
  private anchorVirtual = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private stopped = false;

  constructor(sim: Sim) {
    this.sim = sim;
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
    this.anchorVirtual = this.target();
    this.anchorReal = performance.now();
    this.speed = speed;
  }

  private target(): number {
    return this.anchorVirtual + (performance.now() - this.anchorReal) * this.speed;
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
        const outcome = await this.sim.run(() => false, macrotask, { limitMs: target - this.sim.time });
        if (outcome === 'idle' && this.sim.time < target) this.sim.time = target;
      } else await macrotask();
    } finally {
      this.running = false;
    }
    // Wake up for the next event, or soon anyway: the shell may have scheduled something.
    const next = this.sim.queue.peek();
    const dueIn = next ? (next.at - this.target()) / this.speed : Infinity;
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
