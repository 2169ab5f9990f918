/**
 * The cluster's clock on the main thread (DESIGN.md §4): one speed (0.25×–10× for the learner,
 * faster for a fast-forward boot) and one pause for every node at once. The state is a set of
 * anchors the workers receive; each computes
 * `now = anchorVirtual + (realNow − anchorReal) × speed` on its own, so no tick is broadcast.
 * Timers here (the shell's `sleep`, connect timeouts, delayed sends) run in virtual time and
 * are re-armed whenever the speed changes.
 */
import { virtualAt, type ClockState } from '../../workers/protocol.ts';

interface VirtualTimer {
  at: number;
  fn: () => void;
}

export class Clock {
  private state: ClockState;
  private readonly realNow: () => number;
  private readonly listeners: Array<(state: ClockState) => void> = [];
  private timers: VirtualTimer[] = [];
  private handle: ReturnType<typeof setTimeout> | null = null;
  private lastMs = -Infinity;
  private holds = 0;

  constructor(realNow: () => number, startMs: number, speed = 1) {
    this.realNow = realNow;
    this.state = { anchorVirtual: startMs, anchorReal: realNow(), speed, paused: false, held: false };
  }

  /** The anchors as workers need them. */
  get current(): ClockState {
    return { ...this.state };
  }

  get speed(): number {
    return this.state.speed;
  }

  get paused(): boolean {
    return this.state.paused;
  }

  /** Virtual Unix ms, fractional. */
  exact(): number {
    return virtualAt(this.state, this.realNow());
  }

  /** Virtual Unix ms, an integer as `mstime()` gives, never going back. */
  now(): number {
    const t = Math.floor(this.exact());
    if (t > this.lastMs) this.lastMs = t;
    return this.lastMs;
  }

  onChange(listener: (state: ClockState) => void): void {
    this.listeners.push(listener);
  }

  /** Sets the speed (virtual ms per real ms); the cluster keeps its current time. */
  setSpeed(speed: number): void {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a positive number, got ${speed}`);
    this.reanchor({ speed });
  }

  pause(): void {
    if (!this.state.paused) this.reanchor({ paused: true });
  }

  resume(): void {
    if (this.state.paused) this.reanchor({ paused: false });
  }

  /** Stops time without pausing the nodes (a worker boots); counted, released by {@link release}. */
  hold(): void {
    if (this.holds++ === 0) this.reanchor({ held: true });
  }

  release(): void {
    if (this.holds > 0 && --this.holds === 0) this.reanchor({ held: false });
  }

  /** Runs `fn` after `ms` of virtual time. */
  setTimer(ms: number, fn: () => void): VirtualTimer {
    const timer = { at: this.exact() + Math.max(0, ms), fn };
    this.timers.push(timer);
    this.arm();
    return timer;
  }

  clearTimer(timer: VirtualTimer): void {
    const i = this.timers.indexOf(timer);
    if (i >= 0) this.timers.splice(i, 1);
    this.arm();
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(ms, resolve));
  }

  /** Stops every timer (teardown). */
  dispose(): void {
    this.timers = [];
    if (this.handle !== null) clearTimeout(this.handle);
    this.handle = null;
  }

  private reanchor(change: Partial<ClockState>): void {
    const real = this.realNow();
    const virtual = Math.max(virtualAt(this.state, real), this.lastMs);
    this.state = { ...this.state, ...change, anchorVirtual: virtual, anchorReal: real };
    const snapshot = this.current;
    for (const l of this.listeners) l(snapshot);
    this.arm();
  }

  private arm(): void {
    if (this.handle !== null) clearTimeout(this.handle);
    this.handle = null;
    if (this.timers.length === 0 || this.state.paused || this.state.held) return;
    let next = Infinity;
    for (const t of this.timers) if (t.at < next) next = t.at;
    const delay = Math.max(0, (next - this.exact()) / this.state.speed);
    this.handle = setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    this.handle = null;
    const now = this.exact();
    const due = this.timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((t) => t.at > now);
    for (const t of due) t.fn();
    this.arm();
  }
}
