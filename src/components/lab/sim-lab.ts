/**
 * A {@link LabController} on the deterministic simulator (src/sim), running on the calling
 * thread: in a page the simulator's virtual clock follows real elapsed time × speed
 * (./realtime-sim.ts) and the view is published once per animation frame; tests advance it
 * with {@link SimLab.advance}. It boots with the lab's one boot plan (./boot-plan.ts). It is
 * the lab's host while the Web Worker runtime (src/runtime) is not available, and the fake the UI's tests run against: the
 * nodes are the real engine, so the map, the event log and the terminal show real Redis output.
 *
 * The simulator is also a `ShellHost`, so a terminal can run the shell against {@link SimLab.host}.
 */
import { Sim } from '../../sim/index.ts';
import { startNode, type EngineNode, type NodeEnv } from '../../engine/node.ts';
import type { NodeInput, NodeOutput } from '../../engine/types.ts';
import { toBytes } from '../../shell/streams.ts';
import type { ShellHost } from '../../shell/host.ts';
import { describeNode } from '../../../workers/describe.ts';
import { SentinelTracker, classifyMessage, currentPrimary, keepCutLinks, nodeState, parseLogLine } from './derive.ts';
import { bootPlan, phaseDone } from './boot-plan.ts';
import { RealtimeSim } from './realtime-sim.ts';
import { Observable, type LabController, type LabEvent, type LabLink, type LabNode, type LabView, type Listener } from './model.ts';
import { resolveScenario, type ResolvedScenario, type ScenarioInput } from './scenario.ts';

export interface SimLabOptions {
  seed?: number;
  /**
   * Unix ms the cluster's clock starts at (default: now). Give a real date: Sentinel, like
   * Redis, starts no failover while `now - failover_start_time < 2 × failover-timeout`, with
   * `failover_start_time` 0 before the first one, so a clock started at 0 (1970) holds every
   * failover back for the first 2 minutes, silently.
   */
  startMs?: number;
  /** Drive the clock in real time and publish on animation frames (default true when the DOM has requestAnimationFrame). */
  animate?: boolean;
  /** How many log lines to keep (default 2000). */
  keepEvents?: number;
}

interface Tap {
  node: EngineNode;
  /** Outgoing connections: our conn id → the port we connected to. */
  conns: Map<number, number>;
}

/** The server fields read for INFO-like details (best effort, like workers/describe.ts). */
interface ServerPeek {
  replication?: { info?: () => string[] | string };
  dbs?: Array<{ keys?: Map<string, unknown> }>;
  loading?: boolean;
}

export class SimLab implements LabController {
  sim!: Sim;
  private readonly options: SimLabOptions;
  private scenario: ResolvedScenario;
  private readonly view$: Observable<LabView>;
  private events: LabEvent[] = [];
  private readonly eventListeners = new Set<Listener<LabEvent[]>>();
  private readonly resetListeners = new Set<Listener<ShellHost>>();
  private pendingEvents: LabEvent[] = [];
  private seq = 0;
  private generation = 0;
  private readonly taps = new Map<number, Tap>();
  /** Traffic counters per ordered pair `from>to` (ports), since the last snapshot. */
  private traffic = new Map<string, number>();
  private readonly cuts = new Set<string>();
  private readonly knownPorts = new Set<number>();
  private readonly sentinels = new SentinelTracker();
  private speed = 1;
  private paused = false;
  private frame = 0;
  private driver: RealtimeSim | null = null;
  private disposed = false;

  constructor(scenario: ScenarioInput, options: SimLabOptions = {}) {
    this.options = options;
    this.scenario = resolveScenario(scenario);
    this.view$ = new Observable<LabView>({ nodes: [], links: [], sentinels: [], primary: null, clock: { speed: 1, paused: false }, generation: 0 });
    this.boot();
  }

  /** The shell's host for terminals; it changes on reset (listen with {@link onReset}). */
  host(): ShellHost {
    return this.sim;
  }

  onReset(listener: Listener<ShellHost>): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  private boot(): void {
    this.generation++;
    this.events = [];
    this.pendingEvents = [];
    this.taps.clear();
    this.traffic.clear();
    this.cuts.clear();
    this.knownPorts.clear();
    this.sentinels.reset();
    const sim = new Sim({
      seed: this.options.seed ?? 1,
      startMs: this.options.startMs ?? Date.now(),
      startNode: (env) => this.startTapped(env),
    });
    this.sim = sim;
    for (const f of this.scenario.files) {
      sim.disk.mkdir(f.path.slice(0, f.path.lastIndexOf('/')));
      sim.disk.write(f.path, toBytes(f.text));
    }
    sim.disk.mkdir('/home/learner');
    // The lab's boot plan (./boot-plan.ts), in virtual time: data nodes until the replicas are
    // synced, then the sentinels until they know each other and the replicas.
    const plan = bootPlan(this.scenario);
    for (const phase of plan.phases) {
      for (const s of phase.nodes) {
        this.knownPorts.add(s.port);
        sim.spawn({ program: s.program, argv: s.argv, cwd: s.cwd, stdoutIsTty: false, stdout: () => {}, stderr: () => {}, exit: () => {} });
      }
      sim.runUntil(() => phaseDone(plan, phase, { data: this.dataStates(), events: this.events }), phase.limitMs);
    }
    this.speed = this.scenario.speed;
    this.paused = false;
    this.publish();
    this.flushEvents();
    if (this.options.animate ?? typeof requestAnimationFrame === 'function') this.startLoop();
  }

  private dataStates(): Array<{ role: string; replState: string } | null> {
    return this.sim.procs().map((p) => describeNode(this.taps.get(p.pid)?.node ?? null));
  }

  private startTapped(env: NodeEnv): { node: EngineNode; outputs: NodeOutput[] } {
    const pid = env.process.pid;
    const started = startNode(env);
    const tap: Tap = { node: started.node, conns: new Map() };
    this.taps.set(pid, tap);
    const count = (from: number, to: number) => this.count(from, to);
    const seen = (outputs: NodeOutput[]) => this.tapOutputs(pid, tap, outputs);
    const wrapped: EngineNode = {
      handle(input: NodeInput, nowMs: number): NodeOutput[] {
        if (input.kind === 'data') {
          const port = tap.conns.get(input.conn);
          if (port !== undefined) count(port, tap.node.port);
        }
        return seen(tap.node.handle(input, nowMs));
      },
      cron(nowMs: number): NodeOutput[] {
        return seen(tap.node.cron(nowMs));
      },
      nextWakeMs: () => tap.node.nextWakeMs(),
      get exited() {
        return tap.node.exited;
      },
      get port() {
        return tap.node.port;
      },
    };
    return { node: wrapped, outputs: this.tapOutputs(pid, tap, started.outputs) };
  }

  private count(from: number, to: number): void {
    if (!from || !to) return;
    const k = `${from}>${to}`;
    this.traffic.set(k, (this.traffic.get(k) ?? 0) + 1);
  }

  private tapOutputs(pid: number, tap: Tap, outputs: NodeOutput[]): NodeOutput[] {
    for (const o of outputs) {
      switch (o.kind) {
        case 'connect':
          tap.conns.set(o.conn, o.port);
          break;
        case 'send': {
          const port = tap.conns.get(o.conn);
          if (port !== undefined) this.count(tap.node.port, port);
          break;
        }
        case 'close':
          tap.conns.delete(o.conn);
          break;
        case 'event':
          if (o.event.type === 'listening') this.knownPorts.add(o.event.port);
          if (o.event.type === 'log') this.onLog(pid, tap, o.event.line);
          break;
        default:
          break;
      }
    }
    return outputs;
  }

  private onLog(pid: number, tap: Tap, line: string): void {
    const parts = parseLogLine(line);
    const node = String(tap.node.port || this.sim.proc(pid, true)?.port || `pid:${pid}`);
    const kind = parts ? classifyMessage(parts.message, parts.roleChar) : 'other';
    if (parts && parts.roleChar === 'X') this.sentinels.apply(node, parts.message);
    const ev: LabEvent = { seq: ++this.seq, node, line, kind };
    this.events.push(ev);
    this.pendingEvents.push(ev);
    const keep = this.options.keepEvents ?? 2000;
    if (this.events.length > keep) this.events.splice(0, this.events.length - keep);
  }

  private flushEvents(): void {
    if (this.pendingEvents.length === 0) return;
    const batch = this.pendingEvents;
    this.pendingEvents = [];
    for (const l of [...this.eventListeners]) l(batch);
  }

  /** Advances the cluster by `realMs` of real time at the current speed, then publishes. */
  advance(realMs: number): void {
    if (!this.paused && realMs > 0) this.sim.runFor(realMs * this.speed);
    this.publish();
    this.flushEvents();
  }

  private startLoop(): void {
    this.driver?.stop();
    const driver = new RealtimeSim(this.sim, this.speed);
    driver.setPaused(this.paused);
    this.driver = driver;
    // Events as they come; the view (the map) at most once per animation frame.
    driver.onAdvanced = () => {
      this.flushEvents();
      if (this.frame || typeof requestAnimationFrame !== 'function') return;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        if (!this.disposed && this.driver === driver) this.publish();
      });
    };
    driver.start();
  }

  private nodeFor(port: number): LabNode {
    const proc = this.sim.procByPort(port, true);
    const tap = proc ? this.taps.get(proc.pid) : undefined;
    const alive = proc && proc.state !== 'exited';
    const summary = alive ? describeNode(tap?.node ?? null) : null;
    const peek = (alive ? tap?.node : undefined) as ServerPeek | undefined;
    const sentinel = proc?.mode === 'sentinel' || proc?.request.program === 'redis-sentinel' || summary?.mode === 'sentinel';
    const role = !alive ? (sentinel ? 'sentinel' : this.lastRole.get(port) ?? 'unknown') : (summary?.role ?? 'unknown');
    if (alive && summary) this.lastRole.set(port, summary.role);
    const details: Array<[string, string]> = [];
    if (proc) details.push(['process_id', String(proc.pid)]);
    details.push(['tcp_port', String(port)]);
    if (summary && !sentinel) {
      let info: string[];
      try {
        const raw = peek?.replication?.info?.() ?? [];
        info = Array.isArray(raw) ? raw : raw.split(/\r?\n/);
      } catch {
        info = [];
      }
      for (const line of info) {
        const i = line.indexOf(':');
        if (i > 0 && !line.startsWith('#')) details.push([line.slice(0, i), line.slice(i + 1)]);
      }
      details.push(['db0_keys', String(summary.keys)]);
      const sample = peek?.dbs?.[0]?.keys ? [...peek.dbs[0].keys.keys()].slice(0, 5) : [];
      if (sample.length) details.push(['some_keys', sample.join(' ')]);
    }
    return {
      id: String(port),
      port,
      kind: sentinel ? 'sentinel' : 'server',
      role,
      state: proc ? nodeState(proc.state, summary?.replState ?? '', Boolean(peek?.loading)) : 'down',
      pid: alive && proc ? proc.pid : null,
      keys: summary?.keys ?? 0,
      replOffset: summary?.replOffset ?? 0,
      lagBytes: null,
      primary: summary?.primary ?? '',
      replState: summary?.replState ?? '',
      connectedReplicas: summary?.connectedReplicas ?? 0,
      clients: summary?.clients ?? 0,
      details,
    };
  }

  private readonly lastRole = new Map<number, LabNode['role']>();

  private publish(): void {
    const nodes = [...this.knownPorts].sort((a, b) => a - b).map((p) => this.nodeFor(p));
    const byPort = new Map(nodes.map((n) => [n.port, n]));
    for (const n of nodes) {
      if (n.role !== 'replica' || !n.primary) continue;
      const p = byPort.get(Number(n.primary.split(':')[1]));
      if (p && p.state !== 'down' && n.replState === 'connected') n.lagBytes = Math.max(0, p.replOffset - n.replOffset);
    }
    const sentinels = this.sentinels.snapshot();
    const links: LabLink[] = [];
    const take = (a: number, b: number) => {
      const k = `${a}>${b}`;
      const v = this.traffic.get(k) ?? 0;
      this.traffic.delete(k);
      return v;
    };
    for (const n of nodes) {
      if (n.kind === 'server' && n.role === 'replica' && n.primary) {
        const to = Number(n.primary.split(':')[1]);
        if (!byPort.has(to)) continue;
        links.push({
          id: `${n.port}>${to}`, from: n.id, to: String(to), kind: 'replication',
          cut: this.cuts.has(pair(n.id, String(to))), forward: take(n.port, to), back: take(to, n.port),
          alive: n.state !== 'down' && byPort.get(to)!.state !== 'down' && n.replState === 'connected',
        });
      }
    }
    for (const s of nodes.filter((n) => n.kind === 'sentinel')) {
      const opinion = sentinels.find((o) => o.sentinel === s.id);
      const watched = opinion?.primary ? Number(opinion.primary.split(':')[1]) : 0;
      for (const n of nodes) {
        if (n.kind !== 'server') continue;
        const f = take(s.port, n.port);
        const b = take(n.port, s.port);
        // Draw the sentinel's link to the primary it monitors; others only while they carry traffic.
        if (n.port !== watched) continue;
        links.push({
          id: `${s.port}>${n.port}`, from: s.id, to: n.id, kind: 'monitor',
          cut: this.cuts.has(pair(s.id, n.id)), forward: f, back: b,
          alive: s.state !== 'down' && n.state !== 'down',
        });
      }
    }
    this.traffic.clear();
    keepCutLinks(links, nodes, this.cuts, this.view$.get().links);
    this.view$.set({
      nodes,
      links,
      sentinels,
      primary: currentPrimary(nodes, sentinels),
      clock: { speed: this.speed, paused: this.paused },
      generation: this.generation,
    });
  }

  subscribe(listener: Listener<LabView>): () => void {
    return this.view$.subscribe(listener);
  }

  onEvents(listener: Listener<LabEvent[]>): () => void {
    this.eventListeners.add(listener);
    if (this.events.length) listener([...this.events]);
    return () => this.eventListeners.delete(listener);
  }

  view(): LabView {
    return this.view$.get();
  }

  private pidOf(nodeId: string): number | null {
    return this.sim.procByPort(Number(nodeId))?.pid ?? null;
  }

  killPrimary(): void {
    const p = this.view().primary;
    if (p) this.kill(p);
  }

  kill(nodeId: string): void {
    const pid = this.pidOf(nodeId);
    if (pid !== null) this.sim.kill(pid, 'KILL');
    this.publish();
  }

  restart(nodeId: string): void {
    if (this.pidOf(nodeId) !== null) return;
    const last = this.sim.procByPort(Number(nodeId), true);
    if (last) this.sim.restart(last.pid);
    this.publish();
  }

  pause(nodeId: string): void {
    const pid = this.pidOf(nodeId);
    if (pid !== null) this.sim.kill(pid, 'STOP');
    this.publish();
  }

  resume(nodeId: string): void {
    const pid = this.pidOf(nodeId);
    if (pid !== null) this.sim.kill(pid, 'CONT');
    this.publish();
  }

  cutLink(a: string, b: string): void {
    this.cuts.add(pair(a, b));
    this.sim.partition(a, b);
    this.publish();
  }

  healLink(a: string, b: string): void {
    this.cuts.delete(pair(a, b));
    this.sim.repair(a, b);
    this.publish();
  }

  setSpeed(speed: number): void {
    this.speed = Math.min(10, Math.max(0.25, speed));
    this.driver?.setSpeed(this.speed);
    this.publish();
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.driver?.setPaused(paused);
    this.publish();
  }

  /** Always settled: the simulator boots synchronously. */
  readonly ready: Promise<void> = Promise.resolve();

  async reset(): Promise<void> {
    this.stopLoop();
    this.boot();
    for (const l of [...this.resetListeners]) l(this.sim);
  }

  private stopLoop(): void {
    this.driver?.stop();
    this.driver = null;
    if (this.frame && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  dispose(): void {
    this.disposed = true;
    this.stopLoop();
  }
}

const pair = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function createSimLab(scenario: ScenarioInput, options?: SimLabOptions): SimLab {
  return new SimLab(scenario, options);
}
