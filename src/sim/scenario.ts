/**
 * A scenario language for tests written like lessons (TigerBeetle's `replica_test.zig` DSL):
 *
 * ```ts
 * const s = scenario({ seed: 7 })
 *   .file('/home/learner/primary.conf', 'port 6379\nappendonly yes\n')
 *   .start('redis-server', ['primary.conf']);
 * const cli = s.client(6379);
 * expect(show(cli.call('SET', 'k', 'v'))).toBe('OK');
 * s.crash(6379).restart(6379).runFor(1000);
 * expect(show(s.client(6379).call('GET', 'k'))).toBe('v');
 * ```
 *
 * Everything is synchronous: `client(…)` and `call(…)` pump the simulation until the connection
 * is up or the reply has arrived, so engine-level scenarios need no `await` (an `await` in front
 * of a value is harmless). Processes are named by the port they listen on (`6379`), or by pid.
 * Failures — a run that never reaches its condition, a checker — throw with the seed, the
 * reproduction command and the trace's tail.
 */
import type { EngineNode } from '../engine/node.ts';
import type { Addr, Bytes, ConnectError } from '../engine/types.ts';
import { encodeCommand, type Reply } from '../engine/resp/reply.ts';
import { ReplyParser } from '../engine/resp/reply-parser.ts';
import { absolutePath } from '../engine/util/path.ts';
import type { ClientConnection } from './network.ts';
import type { Proc } from './process.ts';
import { Sim, type Checker, type PartyRef, type Signal, type SimOptions } from './sim.ts';

export interface ScenarioOptions extends SimOptions {
  /** The working directory of processes and relative file paths (default `/home/learner`). */
  cwd?: string;
  /** Virtual ms a sync `call` or `client` waits before failing (default 10,000). */
  waitMs?: number;
}

/** A process as a scenario names it: a listening port first, else a pid. */
export type ProcRef = number;

/** What a started process printed, across its restarts. */
export interface ProcOutput {
  stdout: string;
  stderr: string;
  /** Exit status of the latest run, null while it runs. */
  exitCode: number | null;
}

/** Thrown when a scenario step cannot complete; the message carries the simulator's report. */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

export function scenario(options: ScenarioOptions = {}): Scenario {
  return new Scenario(options);
}

export class Scenario {
  readonly sim: Sim;
  readonly cwd: string;
  readonly waitMs: number;
  /** The pid of the process started last. */
  lastPid = 0;
  private readonly outputs = new Map<number, ProcOutput>();
  private readonly shared = new Map<string, SimClient>();

  constructor(options: ScenarioOptions = {}) {
    this.sim = new Sim(options);
    this.cwd = options.cwd ?? '/home/learner';
    this.waitMs = options.waitMs ?? 10_000;
  }

  get seed(): number {
    return this.sim.seed;
  }

  /** Virtual ms since the start. */
  get time(): number {
    return this.sim.time;
  }

  /** Unix ms as the nodes see it. */
  get nowMs(): number {
    return this.sim.nowMs;
  }

  // ---- Files ----

  /** Writes a file (a relative path is taken from the scenario's cwd). */
  file(path: string, text: string): this {
    this.sim.disk.write(absolutePath(this.cwd, path), text);
    return this;
  }

  read(path: string): string | null {
    return this.sim.disk.read(absolutePath(this.cwd, path));
  }

  // ---- Processes ----

  /** Starts `program argv` (in the scenario's cwd unless told) and lets the startup instant pass. */
  start(program: 'redis-server' | 'redis-sentinel', argv: string[] = [], options: { cwd?: string; tty?: boolean } = {}): this {
    this.spawn(program, argv, options);
    return this;
  }

  /** Like {@link start}, returning the pid. */
  spawn(program: 'redis-server' | 'redis-sentinel', argv: string[] = [], options: { cwd?: string; tty?: boolean } = {}): number {
    const out: ProcOutput = { stdout: '', stderr: '', exitCode: null };
    const pid = this.sim.spawn({
      program, argv, cwd: options.cwd ?? this.cwd, stdoutIsTty: options.tty ?? false,
      stdout: (text) => (out.stdout += text),
      stderr: (text) => (out.stderr += text),
      exit: (code) => (out.exitCode = code),
    });
    this.outputs.set(pid, out);
    this.lastPid = pid;
    this.sim.runFor(0);
    return pid;
  }

  /** The pid of a process: the live one listening on `ref`, else pid `ref`, else the last one that listened on `ref`. */
  pid(ref: ProcRef): number {
    const sim = this.sim;
    const byPort = sim.procByPort(ref);
    if (byPort) return byPort.pid;
    if (sim.proc(ref, true)) return ref;
    const old = sim.procByPort(ref, true);
    if (old) return old.pid;
    throw new ScenarioError(`no process listens on ${ref} and none has pid ${ref}\n\n${sim.report(40)}`);
  }

  /** The simulator's record of a process (live or exited). */
  proc(ref: ProcRef): Proc {
    return this.sim.proc(this.pid(ref), true) as Proc;
  }

  /** The engine of a live process, typed as the caller needs (`s.node<RedisServer>(6379)`). */
  node<T = EngineNode>(ref: ProcRef): T {
    const p = this.proc(ref);
    if (!p.node) throw new ScenarioError(`process ${p.pid} (${p.party}) is not running (exit status ${p.exitCode})`);
    return p.node as unknown as T;
  }

  /** What a process printed (stdout, stderr, exit status), across restarts. */
  output(ref: ProcRef): ProcOutput {
    const out = this.outputs.get(this.pid(ref));
    if (!out) throw new ScenarioError(`process ${ref} was not started by this scenario`);
    return out;
  }

  stdout(ref: ProcRef): string {
    return this.output(ref).stdout;
  }

  /**
   * kill -9 (its exit status is recorded at once). `hostDown`: as if its machine lost power —
   * what it sent and is still queued is lost, and peers are not told (see `Sim.crash`).
   */
  crash(ref: ProcRef, options: { hostDown?: boolean } = {}): this {
    this.sim.crash(this.pid(ref), options);
    this.sim.runFor(0);
    return this;
  }

  /** Starts the process again (same program, argv, cwd); its output keeps accumulating in the same record. */
  restart(ref: ProcRef): this {
    const old = this.pid(ref);
    const out = this.outputs.get(old);
    const pid = this.sim.restart(old);
    if (out) {
      out.exitCode = null;
      this.outputs.set(pid, out);
    }
    this.lastPid = pid;
    this.sim.runFor(0);
    return this;
  }

  /** The machine loses power: every process dies, unsynced appends are lost (see `Sim.powerCut`). */
  powerCut(): this {
    this.sim.powerCut();
    this.sim.runFor(0);
    return this;
  }

  /** SIGSTOP. */
  pause(ref: ProcRef): this {
    this.sim.pause(this.pid(ref));
    return this;
  }

  /** SIGCONT: what queued meanwhile is delivered at this instant. */
  resume(ref: ProcRef): this {
    this.sim.resume(this.pid(ref));
    this.sim.runFor(0);
    return this;
  }

  /** Sends a signal as `kill -SIG pid` does, and lets this instant pass. */
  kill(ref: ProcRef, signal: Signal = 'TERM'): this {
    this.sim.kill(this.pid(ref), signal);
    this.sim.runFor(0);
    return this;
  }

  // ---- Network faults (parties: ports, client names, '*') ----

  partition(a: PartyRef | PartyRef[], b: PartyRef | PartyRef[]): this {
    this.sim.partition(a, b);
    return this;
  }

  repair(a?: PartyRef | PartyRef[], b?: PartyRef | PartyRef[]): this {
    this.sim.repair(a, b);
    return this;
  }

  hold(a: PartyRef | PartyRef[], b: PartyRef | PartyRef[]): this {
    this.sim.hold(a, b);
    return this;
  }

  release(a?: PartyRef | PartyRef[], b?: PartyRef | PartyRef[]): this {
    this.sim.release(a, b);
    return this;
  }

  drop(a: PartyRef | PartyRef[], b: PartyRef | PartyRef[]): this {
    this.sim.drop(a, b);
    return this;
  }

  latency(a: PartyRef | PartyRef[], b: PartyRef | PartyRef[], extraMs: number): this {
    this.sim.latency(a, b, extraMs);
    return this;
  }

  // ---- Time ----

  runFor(ms: number): this {
    this.sim.runFor(ms);
    return this;
  }

  /** Runs until `predicate()` holds; throws (with the report) if it does not within `limitMs`. */
  runUntil(predicate: () => boolean, limitMs = 60_000, what = 'the condition'): this {
    if (!this.sim.runUntil(predicate, limitMs)) {
      throw new ScenarioError(`runUntil: ${what} did not hold within ${limitMs} ms of virtual time\n\n${this.sim.report()}`);
    }
    return this;
  }

  // ---- Clients ----

  /**
   * Connects a client (like redis-cli) to `port` on 127.0.0.1, or to `{ host, port }`, and waits
   * until the connection is up. `party` names it for network faults (default `'client'`).
   */
  client(target: number | Addr, options: { party?: string } = {}): SimClient {
    const addr = typeof target === 'number' ? { host: '127.0.0.1', port: target } : target;
    const c = new SimClient(this, addr, options.party ?? 'client');
    this.wait(() => c.state !== 'connecting', this.sim.net.options.connectTimeoutMs + 1, `connect to ${addr.host}:${addr.port}`);
    if (c.state === 'failed') throw new ScenarioError(`connect to ${addr.host}:${addr.port} failed: ${c.connectError}`);
    return c;
  }

  /**
   * Sends one command on this scenario's shared client for `target` (connecting it, or
   * reconnecting it after a close, on first use) and returns the reply: `s.call(6379, 'GET', 'k')`.
   */
  call(target: number | Addr, ...argv: Bytes[]): Reply {
    const key = typeof target === 'number' ? `127.0.0.1:${target}` : `${target.host}:${target.port}`;
    let c = this.shared.get(key);
    if (!c || c.state !== 'open') {
      c = this.client(target);
      this.shared.set(key, c);
    }
    return c.call(...argv);
  }

  /** Like {@link client}, but returns the error (`refused`, `timeout`, `unreachable`) instead of throwing. */
  tryClient(target: number | Addr, options: { party?: string } = {}): SimClient | ConnectError {
    try {
      return this.client(target, options);
    } catch (e) {
      const m = /failed: (\w+)$/.exec(e instanceof Error ? e.message : '');
      if (m) return m[1] as ConnectError;
      throw e;
    }
  }

  /** @internal Pumps until `done()`; throws with the report after `limitMs`. */
  wait(done: () => boolean, limitMs: number, what: string): void {
    if (!this.sim.runUntil(done, limitMs)) {
      throw new ScenarioError(`${what}: nothing after ${limitMs} ms of virtual time\n\n${this.sim.report()}`);
    }
  }

  // ---- Checks and reports ----

  /** Adds a safety checker run after every step. */
  check(name: string, checker: Checker): this {
    this.sim.addChecker(name, checker);
    return this;
  }

  /** Declares that an engine exception is part of this scenario (the built-in checker then stays quiet). */
  expectEngineExceptions(): this {
    this.sim.exceptionsExpected = true;
    return this;
  }

  /** The trace's last `n` lines. */
  trace(n?: number): string[] {
    return this.sim.trace.lines(n);
  }

  report(traceLines?: number): string {
    return this.sim.report(traceLines);
  }
}

/** A RESP client on the simulated network, with a synchronous `call`. */
export class SimClient {
  state: 'connecting' | 'open' | 'closed' | 'failed' = 'connecting';
  connectError: ConnectError | null = null;
  readonly target: Addr;
  private readonly scenario: Scenario;
  private readonly handle: ClientConnection;
  private readonly parser = new ReplyParser();
  private readonly inbox: Reply[] = [];

  constructor(scenario: Scenario, target: Addr, party: string) {
    this.scenario = scenario;
    this.target = target;
    this.handle = scenario.sim.open(target.host, target.port, {
      onConnected: () => {
        if (this.state === 'connecting') this.state = 'open';
      },
      onFailed: (error) => {
        this.state = 'failed';
        this.connectError = error;
      },
      onData: (bytes) => {
        this.parser.push(bytes);
        for (let r = this.parser.next(); r; r = this.parser.next()) this.inbox.push(r);
      },
      onClose: () => {
        this.state = 'closed';
      },
    }, { party });
  }

  /** Our end's address (what the server shows as `addr=`). */
  get local(): Addr {
    return this.handle.local;
  }

  get closed(): boolean {
    return this.state === 'closed' || this.state === 'failed';
  }

  /** Sends a command and returns the next reply (pumping the simulation until it arrives). */
  call(...argv: Bytes[]): Reply {
    this.send(...argv);
    return this.read(`reply to ${argv.join(' ').slice(0, 80)}`);
  }

  /** Sends a command without waiting. */
  send(...argv: Bytes[]): this {
    return this.sendRaw(encodeCommand(argv));
  }

  sendRaw(bytes: Bytes): this {
    if (this.state !== 'open') throw new ScenarioError(`client to ${this.target.host}:${this.target.port} is ${this.state}`);
    this.handle.send(bytes);
    return this;
  }

  /** The next reply, pumping until one arrives; throws if the connection closes first or none comes in time. */
  read(what = 'a reply', limitMs = this.scenario.waitMs): Reply {
    this.scenario.wait(() => this.inbox.length > 0 || this.closed, limitMs, `waiting for ${what} from ${this.target.host}:${this.target.port}`);
    const r = this.inbox.shift();
    if (!r) throw new ScenarioError(`connection to ${this.target.host}:${this.target.port} closed before ${what}\n\n${this.scenario.report(60)}`);
    return r;
  }

  /** Replies received and not yet read (pub/sub messages, replies to `send`). */
  take(): Reply[] {
    return this.inbox.splice(0);
  }

  close(): void {
    if (this.state === 'open' || this.state === 'connecting') this.handle.close();
    this.state = 'closed';
  }
}
