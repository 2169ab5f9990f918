/**
 * The cluster's clock on the main thread (DESIGN.md §4): one speed (0.25×–10× for the learner,
 * faster for a fast-forward boot) and one pause for every node at once. The state is a set of
 * anchors the workers receive; each computes
 * `now = anchorVirtual + (realNow − anchorReal) × speed` on its own, so no tick is broadcast.
 * Timers here (the shell's `sleep`, connect timeouts, delayed sends) run in virtual time and
 * are re-armed whenever the speed changes.
 *
 * The watermark rule (lab time never outruns a starved machine): the anchors alone would let
 * lab time run on at the chosen speed while the CPU is busy elsewhere and the workers process
 * nothing — at 10× a 250 ms stall is 2.5 s of lab time, enough for a false `+sdown`, a TILT or
 * a sync timeout. So the clock also carries a cap, {@link ClockState.limit}: time stops there.
 * The runtime raises the cap to `slowest acknowledged watermark + bound` as the workers'
 * periodic acknowledgements arrive (src/runtime/runtime.ts, `updateLimit`); the bound is a few
 * of the workers' tick periods of virtual time, so an idle machine never reaches it. When the
 * cap has stopped time, raising it re-anchors at the capped time first ({@link setLimit}): the
 * stalled stretch is dropped, not replayed fast. Every reader of the clock — this class, each
 * worker, the shell's timers — goes through `virtualAt`, which applies the cap, so no party
 * can see a time past it.
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
    this.state = { anchorVirtual: startMs, anchorReal: realNow(), speed, paused: false, held: false, limit: undefined };
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

  /** The cap (virtual ms) time cannot pass, or Infinity when there is none. */
  get limit(): number {
    return this.state.limit ?? Infinity;
  }

  /** Whether the cap is holding time now (the formula would be past it). */
  get capped(): boolean {
    const { limit } = this.state;
    if (limit === undefined || this.state.paused || this.state.held) return false;
    return this.state.anchorVirtual + (this.realNow() - this.state.anchorReal) * this.state.speed >= limit;
  }

  /**
   * Moves the cap to `limit` virtual ms (Infinity removes it). If the cap was holding time, the
   * clock re-anchors at the held time first, so the stretch it held is not replayed afterwards.
   * A cap below the current time is raised to it: the cap never sets time back.
   */
  setLimit(limit: number): void {
    const next = Number.isFinite(limit) ? Math.max(limit, this.exact()) : undefined;
    if (next === this.state.limit) return;
    this.reanchor({ limit: next });
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
    this.state = { ...this.state, ...change, anchorVirtual: virtual, anchorReal: real, gen: (this.state.gen ?? 0) + 1 };
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
    // Past the cap nothing can come due until it is raised (setLimit re-arms).
    if (next > this.limit) return;
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
