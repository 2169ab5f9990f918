/**
 * The deterministic simulator: a virtual clock, an agenda of events, a process table of engine
 * nodes sharing one disk, the network of ./network.ts, checkers run after every step, and a
 * bounded trace. One root seed feeds every random stream (./seed.ts), so a seed reproduces a
 * run exactly. Models: TigerBeetle's VOPR (injected time, network and storage; a seed that
 * reproduces; checkers outside the code under test), turmoil (fault verbs), raftscope
 * (messages as data).
 *
 * Time. `time` is virtual milliseconds since the start of the run (fractional: loopback
 * latency is tens of microseconds); it only moves by jumping to the next event. Nodes see
 * `nowMs = startMs + floor(time)`, integer milliseconds like Redis's `mstime()`. A node's cron
 * is scheduled at its `nextWakeMs()`.
 *
 * The `Sim` is also a host for the shell: it has the methods of `ShellHost` (src/shell/host.ts)
 * — `disk`, `now`, `sleep`, `spawn`, `kill`, `processes`, `connect` — implemented structurally
 * (src/sim may not import src/shell).
 *
 * Driving it. Synchronously: `step()`, `runFor(ms)`, `runUntil(predicate, limitMs)`. With an
 * asynchronous driver (the shell awaits promises): `run(untilDone, settle)`, see there.
 *
 * Re-entrancy rule: callbacks into outside code (a spawner's stdout/exit, a client's onData,
 * a resolved sleep or connect) run only inside a step, never inside a call the outside made
 * (spawn, kill, send, …) nor inside another callback: such callbacks are queued as events at
 * the current instant instead. Node inputs likewise only happen inside steps (except the
 * startup of `spawn`, which returns the pid).
 */
import { startNode, type EngineNode, type NodeEnv } from '../engine/node.ts';
import type { ConnectError, NodeEvent, NodeInput, NodeOutput } from '../engine/types.ts';
import { unreachable } from '../engine/types.ts';
import { formatLogTime } from '../engine/log.ts';
import { MemoryDisk } from '../engine/util/memory-disk.ts';
import { randomInt } from '../engine/util/random.ts';
import { EventQueue, OneShot, type SimEvent } from './event-queue.ts';
import { End, Network, externalConnection, type ClientConnection, type ClientHandlers, type NetworkOptions, type OpenHandlers } from './network.ts';
import { Proc, type SpawnRequest } from './process.ts';
import { streamRng } from './seed.ts';
import { Trace } from './trace.ts';

/** 27 Nov 2026 19:52:56.203 UTC, the instant every run starts at unless told otherwise. */
export const DEFAULT_START_MS = Date.UTC(2026, 10, 27, 19, 52, 56, 203);

/** The signals `kill` sends (the shell's `Signal`). */
export type Signal = 'TERM' | 'KILL' | 'INT' | 'STOP' | 'CONT';

/** A line of `ps` (the shell's `ProcessEntry`). */
export interface ProcessEntry {
  pid: number;
  title: string;
  state: 'running' | 'stopped';
}

/** A network party: a listening port (`6379`), a client's name (`'client'`), or `'*'` for everyone. */
export type PartyRef = number | string;

/** A safety check run after every step; it throws a descriptive Error when violated. */
export type Checker = (sim: Sim) => void;

export interface SimOptions {
  /** The root seed (default 1). */
  seed?: number;
  /** Unix ms at which the run starts (default {@link DEFAULT_START_MS}). */
  startMs?: number;
  /** One-way loopback latency bounds in ms (default 0.05–0.2). */
  latencyMinMs?: number;
  latencyMaxMs?: number;
  /** How long a connect with no answer takes to fail with `timeout` (default 127,000 ms). */
  connectTimeoutMs?: number;
  /** The machine's non-loopback addresses (default none). */
  addresses?: string[];
  /** How many trace lines the ring keeps (default 2000). */
  traceCapacity?: number;
  /** The command that reproduces this run, printed with every failure (e.g. `SEED=7 npx vitest run …`). */
  reproduce?: string;
  /** A disk to start from (default: an empty one). */
  disk?: MemoryDisk;
  /** How a process's node is made (default: the engine's `startNode`); tests of the simulator pass fakes. */
  startNode?: NodeFactory;
}

/** Starts a node for a process (the engine's `startNode` has this shape). */
export type NodeFactory = (env: NodeEnv) => { node: EngineNode; outputs: NodeOutput[] };

/** Thrown when a checker fails; the message carries the seed, the reproduction command and the trace. */
export class SimCheckError extends Error {
  readonly checker: string;
  constructor(checker: string, message: string) {
    super(message);
    this.name = 'SimCheckError';
    this.checker = checker;
  }
}

/** A node's timer as an agenda event: one per process, moved in place. */
class CronEvent implements SimEvent {
  at = 0;
  seq = 0;
  heapIndex = -1;
  proc: Proc | null = null;
  private readonly sim: Sim;
  constructor(sim: Sim) {
    this.sim = sim;
  }
  fire(): void {
    this.sim.fireCron(this.proc as Proc);
  }
}

export class Sim {
  readonly seed: number;
  readonly startMs: number;
  /** Virtual ms since the start of the run. */
  time = 0;
  readonly disk: MemoryDisk;
  readonly queue = new EventQueue();
  readonly net: Network;
  readonly trace: Trace;
  readonly reproduce: string;
  /** Steps (events fired) so far. */
  steps = 0;
  /** The time of the last event fired (the monotonic-time checker watches it). */
  lastFiredAt = 0;
  /** Outputs that named a connection the node does not have (the built-in checker reports them). */
  readonly violations: string[] = [];
  /** Exceptions thrown by engines, with their stacks. */
  readonly exceptions: Array<{ pid: number; error: string }> = [];
  /** When true, an engine exception is part of the scenario and does not fail the run. */
  exceptionsExpected = false;
  /** Live processes (running or stopped) by pid. */
  private readonly live = new Map<number, Proc>();
  /** Every process ever started, by pid (restart needs the request of a dead one). */
  private readonly history = new Map<number, Proc>();
  private readonly checkers: Array<{ name: string; check: Checker }> = [];
  private readonly streamCounts = new Map<string, number>();
  private readonly pidRng;
  private readonly startNode: NodeFactory;
  private lastPid: number;
  private inStep = false;
  private externalDepth = 0;
  /** Set when outside code was called back: the async driver lets it settle before moving on. */
  private dirty = false;

  constructor(options: SimOptions = {}) {
    this.seed = options.seed ?? 1;
    this.startMs = options.startMs ?? DEFAULT_START_MS;
    this.disk = options.disk ?? new MemoryDisk();
    this.trace = new Trace(options.traceCapacity ?? 2000);
    this.reproduce = options.reproduce ?? `seed ${this.seed}`;
    const network: NetworkOptions = {
      latencyMinMs: options.latencyMinMs ?? 0.05,
      latencyMaxMs: options.latencyMaxMs ?? Math.max(options.latencyMinMs ?? 0.05, 0.2),
      connectTimeoutMs: options.connectTimeoutMs ?? 127_000,
      addresses: options.addresses ?? [],
    };
    this.net = new Network(this, network);
    this.startNode = options.startNode ?? startNode;
    this.pidRng = streamRng(this.seed, 'pids');
    this.lastPid = 10_000 + randomInt(this.pidRng, 30_000);
    installBuiltinCheckers(this);
  }

  // ---------------------------------------------------------------------------------------
  // Clock
  // ---------------------------------------------------------------------------------------

  /** Unix time in ms as nodes see it (integer, like Redis's `mstime()`). */
  get nowMs(): number {
    return this.startMs + Math.floor(this.time);
  }

  /** ShellHost: Unix time in ms. */
  now(): number {
    return this.nowMs;
  }

  /** ShellHost: resolves after `ms` of virtual time. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.queue.schedule(new OneShot(() => this.callExternal(resolve)), this.time + Math.max(0, ms));
    });
  }

  // ---------------------------------------------------------------------------------------
  // Driving
  // ---------------------------------------------------------------------------------------

  /** Fires the next event if it is due by `limit` (virtual ms since start); false when none is. */
  step(limit = Infinity): boolean {
    const ev = this.queue.peek();
    if (ev === undefined || ev.at > limit) return false;
    this.queue.pop();
    this.lastFiredAt = ev.at;
    if (ev.at > this.time) this.time = ev.at;
    this.inStep = true;
    try {
      ev.fire();
    } finally {
      this.inStep = false;
    }
    this.steps++;
    this.runCheckers();
    return true;
  }

  /** Lets `ms` of virtual time pass, firing every event due meanwhile. */
  runFor(ms: number): this {
    const target = this.time + ms;
    while (this.step(target));
    if (this.time < target) this.time = target;
    return this;
  }

  /**
   * Fires events until `predicate()` holds (checked before the first and after every step) or
   * `limitMs` of virtual time have passed; returns whether it holds.
   */
  runUntil(predicate: () => boolean, limitMs: number): boolean {
    if (predicate()) return true;
    const deadline = this.time + limitMs;
    while (this.step(deadline)) if (predicate()) return true;
    if (this.time < deadline) this.time = deadline;
    return predicate();
  }

  /**
   * Drives the simulation for asynchronous outside code (the shell), until `untilDone()`.
   *
   * `settle` comes from the host environment and must resolve only after every pending promise
   * continuation has run — in Node `() => new Promise((r) => setImmediate(r))`, in a browser a
   * MessageChannel round trip. (The simulator itself never touches a timer.)
   *
   * Determinism: outside code only learns anything through callbacks, and callbacks only run
   * inside steps. Whenever a step called outside code back, the driver awaits `settle` before
   * the next step, so the continuations that callback started (the shell parsing a reply,
   * printing it, sending the next command, calling `sleep`) all run at the same virtual instant
   * and schedule their events in the same order on every run. Virtual time moves only when the
   * outside code is blocked waiting. This holds as long as that code awaits nothing but this
   * host between callbacks (no real I/O, no real timers).
   *
   * Resolves `'done'` when `untilDone()` holds, `'idle'` when nothing is left to happen (the
   * outside code waits for something that will never come), `'limit'` after `limitMs`.
   */
  async run(untilDone: () => boolean, settle: () => Promise<void>, options: { limitMs?: number } = {}): Promise<'done' | 'idle' | 'limit'> {
    const deadline = this.time + (options.limitMs ?? Infinity);
    this.dirty = true;
    for (;;) {
      if (this.dirty) {
        this.dirty = false;
        await settle();
        continue;
      }
      if (untilDone()) return 'done';
      if (!this.step(deadline)) {
        if (this.queue.size === 0) return 'idle';
        this.time = deadline;
        return 'limit';
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Processes
  // ---------------------------------------------------------------------------------------

  /** The next pid: from a seeded base, rising by small seeded steps as other processes come and go. */
  allocatePid(): number {
    this.lastPid += 1 + randomInt(this.pidRng, 3);
    if (this.lastPid > 4_194_304) this.lastPid = 300 + randomInt(this.pidRng, 1000);
    while (this.history.has(this.lastPid)) this.lastPid++;
    return this.lastPid;
  }

  /**
   * ShellHost: starts a node as `program argv` in `cwd` and returns its pid. The node starts
   * at once (reads its config, binds its port); its output reaches the request's callbacks
   * from the next step on.
   */
  spawn(req: SpawnRequest): number {
    const pid = this.allocatePid();
    const cron = new CronEvent(this);
    const proc = new Proc(pid, req, cron);
    cron.proc = proc;
    this.live.set(pid, proc);
    this.history.set(pid, proc);
    const rng = streamRng(this.seed, this.streamName(`process:${req.cwd} ${req.program} ${req.argv.join(' ')}`));
    const env: NodeEnv = {
      process: { pid, cwd: req.cwd, program: req.program, argv: [...req.argv], stdoutIsTty: req.stdoutIsTty },
      disk: this.disk,
      rng,
      nowMs: this.nowMs,
      canBind: (host, port) => {
        proc.bindTried.push({ host, port });
        return proc.state !== 'exited' && this.net.canBind(host, port, proc);
      },
    };
    this.record(0, 'spawn', proc.party, '', proc.title);
    let started;
    try {
      started = this.startNode(env);
    } catch (e) {
      this.engineFailed(proc, e);
      return pid;
    }
    proc.node = started.node;
    this.applyOutputs(proc, started.outputs);
    this.scheduleCron(proc);
    return pid;
  }

  /** ShellHost: sends a signal; false when there is no such process. */
  kill(pid: number, signal: Signal): boolean {
    const proc = this.live.get(pid);
    if (!proc) return false;
    switch (signal) {
      case 'KILL':
        this.crash(pid);
        break;
      case 'STOP':
        this.pause(pid);
        break;
      case 'CONT':
        this.resume(pid);
        break;
      case 'TERM':
      case 'INT': {
        this.record(0, 'signal', proc.party, '', `SIG${signal}`);
        const input: NodeInput = { kind: 'signal', signal };
        this.queue.schedule(new OneShot(() => this.input(proc, input)), this.time);
        break;
      }
      default:
        unreachable(signal);
    }
    return true;
  }

  /** ShellHost: the live processes, by pid, with Redis's process titles. */
  processes(): ProcessEntry[] {
    return [...this.live.values()].sort((a, b) => a.pid - b.pid).map((p) => ({ pid: p.pid, title: p.title, state: p.state === 'stopped' ? 'stopped' : 'running' }));
  }

  /**
   * kill -9: the process's memory is gone (its disk stays), its spawner sees 137, and the kernel
   * closes its sockets — peers get `closed` after the bytes it had already sent.
   *
   * With `hostDown`, the process dies as if its machine lost power: bytes it sent that are
   * still queued (held by a partition, or in flight) are lost, and peers are not told — their
   * sockets stay open until their own timeouts notice (repl-timeout, down-after-milliseconds).
   */
  crash(pid: number, options: { hostDown?: boolean } = {}): void {
    const proc = this.live.get(pid);
    if (proc) this.terminate(proc, 137, 'crash', options.hostDown ?? false);
  }

  /**
   * The machine loses power: every process dies as in a host-down crash (status 137), external
   * clients' connections reset, and the disk keeps only what was fsynced (`MemoryDisk.powerCut`:
   * AOF appends not yet fsynced are lost; RDB and config files are durable once written).
   */
  powerCut(): void {
    this.record(0, 'power-cut', '*', '', '');
    for (const proc of this.procs()) this.terminate(proc, 137, 'crash', true);
    for (const conn of [...this.net.connections]) {
      if (conn.client.proc === null) this.net.drop(conn.client.party, conn.server.party);
    }
    this.disk.powerCut();
  }

  /** Starts a process again with the same program, argv and cwd (killing it first if alive); returns the new pid. */
  restart(pid: number): number {
    const old = this.history.get(pid);
    if (!old) throw new Error(`restart: no process ${pid}`);
    if (old.state !== 'exited') this.crash(pid);
    this.record(0, 'restart', old.party, '', `was pid ${pid}`);
    return this.spawn(old.request);
  }

  /** SIGSTOP: inputs queue, timers stop; connects to it still complete (the kernel accepts). */
  pause(pid: number): void {
    const proc = this.live.get(pid);
    if (!proc || proc.state !== 'running') return;
    proc.state = 'stopped';
    this.queue.cancel(proc.cron);
    this.record(0, 'pause', proc.party, '', '');
  }

  /** SIGCONT: everything that queued meanwhile is delivered in order, then the timers run late. */
  resume(pid: number): void {
    const proc = this.live.get(pid);
    if (!proc || proc.state !== 'stopped') return;
    proc.state = 'running';
    this.record(0, 'resume', proc.party, '', proc.pending.length ? `${proc.pending.length} inputs queued` : '');
    this.queue.schedule(proc.cron, this.time);
  }

  /** A live process by pid, or any process ever started when `includeExited`. */
  proc(pid: number, includeExited = false): Proc | undefined {
    return this.live.get(pid) ?? (includeExited ? this.history.get(pid) : undefined);
  }

  /** The live processes (for checkers and views), by pid. */
  procs(): Proc[] {
    return [...this.live.values()].sort((a, b) => a.pid - b.pid);
  }

  /** The live process listening on `port`, else the latest process that did. */
  procByPort(port: number, includeExited = false): Proc | undefined {
    let latest: Proc | undefined;
    for (const p of this.live.values()) if (p.port === port) return p;
    if (!includeExited) return undefined;
    for (const p of this.history.values()) if (p.port === port) latest = p;
    return latest;
  }

  // ---------------------------------------------------------------------------------------
  // Connections and network faults
  // ---------------------------------------------------------------------------------------

  /**
   * ShellHost: opens a connection to `host:port` for outside code. Rejects with the
   * {@link ConnectError} string: `'refused'` (nothing listens), `'timeout'` (no answer: a
   * partition, or an address not on this machine), `'unreachable'` (a name that does not resolve).
   * `party` names the client for network faults (default `'client'`).
   */
  connect(host: string, port: number, handlers: ClientHandlers, options: { party?: string } = {}): Promise<ClientConnection> {
    return new Promise((resolve, reject) => {
      this.open(host, port, {
        onConnected: resolve,
        onFailed: (error) => reject(error),
        onData: (bytes) => handlers.onData(bytes),
        onClose: () => handlers.onClose(),
      }, options);
    });
  }

  /** The callback form of {@link connect}: returns the connection's handle at once. */
  open(host: string, port: number, handlers: OpenHandlers, options: { party?: string } = {}): ClientConnection {
    const end = new End(null, handlers, options.party ?? 'client');
    const handle = externalConnection(this.net, end);
    this.net.connect(end, host, port);
    return handle;
  }

  /** Cuts every link between the parties of `a` and those of `b`: messages wait, new connects time out. */
  partition(a: PartyRef | PartyRef[], b: PartyRef | PartyRef[]): void {
    this.net.partition(parties(a), parties(b));
    this.record(0, 'partition', parties(a).join(','), parties(b).join(','), '');
  }

  /** Heals the partition between `a` and `b` (every partition when called without arguments); held messages flow. */
  repair(a?: PartyRef | PartyRef[], b?: PartyRef | PartyRef[]): void {
    this.net.repair(a === undefined ? undefined : parties(a), b === undefined ? undefined : parties(b));
    this.record(0, 'repair', a === undefined ? '*' : parties(a).join(','), b === undefined ? '*' : parties(b).join(','), '');
  }

  /** Holds messages from `a` to `b` (one way) until {@link release}. */
  hold(a: PartyRef | PartyRef[], b: PartyRef | PartyRef[]): void {
    this.net.hold(parties(a), parties(b));
    this.record(0, 'hold', parties(a).join(','), parties(b).join(','), '');
  }

  /** Releases a hold (every hold when called without arguments); held messages flow in order. */
  release(a?: PartyRef | PartyRef[], b?: PartyRef | PartyRef[]): void {
    this.net.release(a === undefined ? undefined : parties(a), b === undefined ? undefined : parties(b));
    this.record(0, 'release', a === undefined ? '*' : parties(a).join(','), b === undefined ? '*' : parties(b).join(','), '');
  }

  /** Resets every connection between `a` and `b` (at the current instant): both sides see `closed`. */
  drop(a: PartyRef | PartyRef[], b: PartyRef | PartyRef[]): void {
    const as = parties(a);
    const bs = parties(b);
    this.record(0, 'drop', as.join(','), bs.join(','), '');
    this.queue.schedule(new OneShot(() => {
      for (const x of as) for (const y of bs) this.net.drop(x, y);
    }), this.time);
  }

  /** Adds `extraMs` of one-way latency between `a` and `b` (0 removes it). */
  latency(a: PartyRef | PartyRef[], b: PartyRef | PartyRef[], extraMs: number): void {
    this.net.setLatency(parties(a), parties(b), extraMs);
    this.record(0, 'latency', parties(a).join(','), parties(b).join(','), `+${extraMs}ms`);
  }

  // ---------------------------------------------------------------------------------------
  // Checkers and reports
  // ---------------------------------------------------------------------------------------

  /** Adds a safety check run after every step (replacing one of the same name). */
  addChecker(name: string, check: Checker): this {
    this.removeChecker(name);
    this.checkers.push({ name, check });
    return this;
  }

  removeChecker(name: string): this {
    const i = this.checkers.findIndex((c) => c.name === name);
    if (i >= 0) this.checkers.splice(i, 1);
    return this;
  }

  checkerNames(): string[] {
    return this.checkers.map((c) => c.name);
  }

  /** Runs every checker now (they also run after every step). */
  runCheckers(): void {
    for (const c of this.checkers) {
      try {
        c.check(this);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        throw new SimCheckError(c.name, `checker "${c.name}" failed at ${this.time.toFixed(3)} ms (step ${this.steps}): ${message}\n\n${this.report()}`);
      }
    }
  }

  /** What a failure prints: seed, how to reproduce, faults, processes, and the trace's tail. */
  report(traceLines = 200): string {
    const procs = this.procs().map((p) => `  ${p.pid} ${p.title} (${p.state}${p.role ? `, ${p.role}` : ''})`);
    const faults = this.net.describeFaults();
    return [
      `seed: ${this.seed}`,
      `reproduce: ${this.reproduce}`,
      `virtual time: ${this.time.toFixed(3)} ms (${formatLogTime(this.nowMs)} UTC), ${this.steps} steps`,
      ...(faults ? [`faults: ${faults}`] : []),
      'processes:',
      ...(procs.length ? procs : ['  (none)']),
      `trace (last ${Math.min(traceLines, this.trace.size)} of ${this.trace.total} events):`,
      this.trace.format(traceLines),
    ].join('\n');
  }

  /** Appends a line to the trace at the current instant. */
  record(conn: number, kind: string, source: string, target: string, detail: string): void {
    this.trace.add(this.time, conn, kind, source, target, detail);
  }

  // ---------------------------------------------------------------------------------------
  // Inside: node inputs and outputs
  // ---------------------------------------------------------------------------------------

  /** Delivers an input to a process (queued while it is stopped or has older inputs waiting). */
  input(proc: Proc, input: NodeInput): void {
    if (proc.state === 'exited') return;
    if (proc.state === 'stopped' || proc.pending.length > 0) {
      proc.pending.push(input);
      return;
    }
    this.handle(proc, input);
  }

  /** Calls outside code back, now if inside a step, else as an event at this instant. */
  external(fn: () => void): void {
    if (this.inStep && this.externalDepth === 0) this.callExternal(fn);
    else this.queue.schedule(new OneShot(() => this.callExternal(fn)), this.time);
  }

  /** @internal The cron event of a process fired. */
  fireCron(proc: Proc): void {
    if (proc.state !== 'running') return;
    // Inputs that waited while the process was stopped go first, in their order.
    const pending = proc.pending;
    if (pending.length > 0) {
      let i = 0;
      while (i < pending.length && proc.state === 'running') this.handle(proc, pending[i++], true);
      pending.splice(0, i);
      if (proc.state !== 'running') return;
    }
    const node = proc.node;
    if (!node) return;
    const nowMs = this.nowMs;
    let out: NodeOutput[];
    try {
      out = node.cron(nowMs);
    } catch (e) {
      this.engineFailed(proc, e);
      return;
    }
    proc.lastCronMs = nowMs;
    this.applyOutputs(proc, out);
    this.scheduleCron(proc);
  }

  private handle(proc: Proc, input: NodeInput, draining = false): void {
    const node = proc.node;
    if (!node) return;
    let out: NodeOutput[];
    try {
      out = node.handle(input, this.nowMs);
    } catch (e) {
      this.engineFailed(proc, e);
      return;
    }
    this.applyOutputs(proc, out);
    if (!draining) this.scheduleCron(proc);
  }

  private scheduleCron(proc: Proc): void {
    const cron = proc.cron;
    if (proc.state !== 'running' || !proc.node) {
      this.queue.cancel(cron);
      return;
    }
    const wake = proc.node.nextWakeMs();
    if (!(wake < Infinity)) {
      this.queue.cancel(cron);
      return;
    }
    let at = Math.ceil(wake - this.startMs);
    if (at < this.time) at = this.time;
    // A node that asks again for the millisecond it just ran in waits for the next one.
    if (wake <= proc.lastCronMs && proc.lastCronMs === this.nowMs) at = Math.floor(this.time) + 1;
    if (cron.heapIndex < 0 || cron.at !== at) this.queue.schedule(cron, at);
  }

  private applyOutputs(proc: Proc, outputs: NodeOutput[]): void {
    for (let i = 0; i < outputs.length; i++) {
      if (proc.state === 'exited') return;
      const o = outputs[i];
      switch (o.kind) {
        case 'send': {
          const end = proc.ends.get(o.conn);
          if (end && end.state === 'open') this.net.send(end, o.bytes);
          // The peer reset it while this process was stopped: the close is still queued for the
          // node, so it may legitimately write (the kernel would answer EPIPE); the bytes are lost.
          else if (!end && proc.pending.some((i) => i.kind === 'closed' && i.conn === o.conn)) this.record(o.conn, 'discard', proc.party, '', o.bytes);
          // The close was delivered, but the node had not read it yet (DEBUG SLEEP holds its input
          // in the engine): a write to a socket the peer closed is lost, as with EPIPE.
          else if (!end && proc.closedConns.has(o.conn)) this.record(o.conn, 'discard', proc.party, '', o.bytes);
          else this.violation(proc, end ? `sent on connection ${o.conn} before it was established` : `sent on unknown connection ${o.conn}${proc.closedConns.has(o.conn) ? ' (already closed)' : ''}`);
          break;
        }
        case 'close': {
          const end = proc.ends.get(o.conn);
          if (end) this.net.close(end);
          else if (!proc.closedConns.has(o.conn)) this.violation(proc, `closed unknown connection ${o.conn}`);
          break;
        }
        case 'connect': {
          if (proc.ends.has(o.conn)) {
            this.violation(proc, `connect reused live connection id ${o.conn}`);
            break;
          }
          proc.closedConns.delete(o.conn);
          const end = new End(proc, null, '');
          end.conn = o.conn;
          proc.ends.set(o.conn, end);
          this.net.connect(end, o.host, o.port);
          break;
        }
        case 'stdout': {
          const req = proc.request;
          const text = o.text;
          this.external(() => req.stdout(text));
          break;
        }
        case 'stderr': {
          const req = proc.request;
          const text = o.text;
          this.record(0, 'stderr', proc.party, '', text);
          this.external(() => req.stderr(text));
          break;
        }
        case 'exit':
          this.terminate(proc, o.code, 'exit');
          break;
        case 'event':
          this.onNodeEvent(proc, o.event);
          break;
        default:
          this.violation(proc, `unknown output ${JSON.stringify(o)}`);
      }
    }
  }

  private onNodeEvent(proc: Proc, event: NodeEvent): void {
    switch (event.type) {
      case 'listening': {
        // The node asked `canBind` for each address it binds (since it last listened); when it
        // did not ask, it keeps its earlier addresses, else it binds the wildcard.
        const asked = [...new Set(proc.bindTried.filter((b) => b.port === event.port).map((b) => b.host))];
        const hosts = asked.length ? asked : proc.bindHosts.length ? proc.bindHosts : ['*'];
        proc.bindTried.length = 0;
        this.net.unlisten(proc);
        proc.setListening(event.port, hosts, event.mode);
        this.net.listen(proc, hosts, event.port);
        this.record(0, 'listen', proc.party, '', hosts.map((h) => `${h}:${event.port}`).join(' '));
        break;
      }
      case 'role':
        proc.role = event.role;
        this.record(0, 'role', proc.party, '', event.role);
        break;
      case 'log':
        this.record(0, 'log', proc.party, '', event.line);
        break;
      case 'state':
        proc.summary = event.summary;
        break;
      default:
        // An event kind this simulator does not know yet: keep it visible, do not fail.
        this.record(0, 'event', proc.party, '', JSON.stringify(event));
    }
  }

  /** The process ends: listeners go, sockets close (peers see FIN after pending bytes), the spawner hears `code`. */
  private terminate(proc: Proc, code: number, kind: 'exit' | 'crash', hostDown = false): void {
    if (proc.state === 'exited') return;
    proc.state = 'exited';
    proc.exitCode = code;
    proc.node = null;
    proc.pending = [];
    this.queue.cancel(proc.cron);
    this.net.unlisten(proc);
    this.live.delete(proc.pid);
    this.record(0, kind, proc.party, '', `pid ${proc.pid} code ${code}${hostDown ? ' (host down)' : ''}`);
    for (const end of [...proc.ends.values()]) {
      if (hostDown) this.net.vanish(end);
      else this.net.close(end);
    }
    const req = proc.request;
    this.external(() => req.exit(code));
  }

  /**
   * An engine threw: the node is marked crashed (exit status 134, as an aborting process), its
   * stack goes to its stderr, and the built-in checker fails the run unless exceptions are expected
   * (DESIGN.md §7: the rest of the lab keeps running).
   */
  private engineFailed(proc: Proc, e: unknown): void {
    const text = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
    this.exceptions.push({ pid: proc.pid, error: text });
    this.record(0, 'exception', proc.party, '', text);
    const req = proc.request;
    this.external(() => req.stderr(`\n=== engine exception in pid ${proc.pid}; the node is marked crashed ===\n${text}\n`));
    this.terminate(proc, 134, 'crash');
  }

  private violation(proc: Proc, message: string): void {
    const text = `${proc.party} (pid ${proc.pid}) ${message}`;
    this.violations.push(text);
    this.record(0, 'violation', proc.party, '', message);
  }

  private callExternal(fn: () => void): void {
    this.dirty = true;
    this.externalDepth++;
    try {
      fn();
    } finally {
      this.externalDepth--;
    }
  }

  /** `name#k`, where k counts earlier streams of that name. */
  private streamName(name: string): string {
    const k = this.streamCounts.get(name) ?? 0;
    this.streamCounts.set(name, k + 1);
    return `${name}#${k}`;
  }
}

function parties(ref: PartyRef | PartyRef[]): string[] {
  return (Array.isArray(ref) ? ref : [ref]).map(String);
}

/** The checks every run has: time never goes back, no output names an unknown connection, no engine throws. */
function installBuiltinCheckers(sim: Sim): void {
  let lastAt = 0;
  let lastNowMs = sim.nowMs;
  sim.addChecker('time is monotonic', (s) => {
    if (s.lastFiredAt < lastAt) throw new Error(`an event at ${s.lastFiredAt} ms fired after one at ${lastAt} ms`);
    if (s.nowMs < lastNowMs) throw new Error(`node time went back from ${lastNowMs} to ${s.nowMs}`);
    lastAt = s.lastFiredAt;
    lastNowMs = s.nowMs;
  });
  let violationsSeen = 0;
  sim.addChecker('outputs name known connections', (s) => {
    if (s.violations.length > violationsSeen) {
      const fresh = s.violations.slice(violationsSeen);
      violationsSeen = s.violations.length;
      throw new Error(fresh.join('; '));
    }
  });
  let exceptionsSeen = 0;
  sim.addChecker('no engine exception', (s) => {
    if (s.exceptions.length > exceptionsSeen) {
      const fresh = s.exceptions.slice(exceptionsSeen);
      exceptionsSeen = s.exceptions.length;
      if (!s.exceptionsExpected) throw new Error(`pid ${fresh[0].pid} threw:\n${fresh[0].error}`);
    }
  });
}

export type { ConnectError, SpawnRequest, ClientConnection, ClientHandlers, OpenHandlers };
