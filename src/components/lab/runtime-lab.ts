/**
 * A {@link LabController} on the live runtime (src/runtime): one Web Worker per node on a
 * scalable clock. Reads the runtime's stores (nodes, links with messages in flight, faults,
 * clock, per-node logs) and turns them into the lab's view; Sentinel opinions come from the
 * sentinels' log lines, as in the simulator host.
 */
import { ClusterRuntime, bootScenario, browserPlatform } from '../../runtime/index.ts';
import type { LinkView, NodeView } from '../../runtime/index.ts';
import type { ShellHost } from '../../shell/host.ts';
import { SentinelTracker, classifyMessage, currentPrimary, keepCutLinks, nodeState, parseLogLine } from './derive.ts';
import { Observable, type LabController, type LabEvent, type LabLink, type LabNode, type LabView, type Listener } from './model.ts';
import { resolveScenario, type ResolvedScenario, type ScenarioInput } from './scenario.ts';

export class RuntimeLab implements LabController {
  rt!: ClusterRuntime;
  private readonly scenario: ResolvedScenario;
  private readonly seed: number | undefined;
  private readonly view$ = new Observable<LabView>({ nodes: [], links: [], sentinels: [], primary: null, clock: { speed: 1, paused: false }, generation: 0 });
  private readonly eventListeners = new Set<Listener<LabEvent[]>>();
  private readonly resetListeners = new Set<Listener<ShellHost>>();
  private events: LabEvent[] = [];
  private seq = 0;
  private generation = 0;
  private sentinels = new SentinelTracker();
  private offs: Array<() => void> = [];
  private logSeen = new Map<number, { count: number; last: string | undefined }>();
  private lastOffsets = new Map<string, number>();
  private lastRole = new Map<number, LabNode['role']>();
  private frame = 0;
  /** Resolves once the scenario's cluster is up and settled. */
  ready!: Promise<void>;

  constructor(scenario: ScenarioInput, options: { seed?: number } = {}) {
    this.scenario = resolveScenario(scenario);
    this.seed = options.seed;
    this.ready = this.boot();
  }

  host(): ShellHost {
    return this.rt;
  }

  onReset(listener: Listener<ShellHost>): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  private async boot(): Promise<void> {
    this.generation++;
    this.events = [];
    this.sentinels = new SentinelTracker();
    this.logSeen.clear();
    this.lastOffsets.clear();
    const rt = new ClusterRuntime({ platform: browserPlatform(), seed: this.seed, speed: this.scenario.speed, warmWorkers: 1 });
    this.rt = rt;
    const schedule = () => this.schedule();
    this.offs = [rt.stores.nodes.listen(schedule), rt.stores.links.listen(schedule), rt.stores.clock.listen(schedule), rt.stores.faults.listen(schedule)];
    // The new generation reaches the view before any of its log lines reach the event listeners
    // (the event log clears itself on a new generation).
    this.publish();
    // The lab's one boot plan, executed by the runtime (src/runtime/boot-plan.ts): data nodes
    // until the replicas are synced, then the sentinels at a speed that cannot TILT them, until
    // they know each other and the replicas. Its conditions read the nodes' change-driven
    // summaries and log lines from the stores; no worker is polled.
    const files = Object.fromEntries(this.scenario.files.map((f) => [f.path, f.text]));
    await bootScenario(rt, {
      files,
      nodes: this.scenario.start.map((s) => ({ program: s.program, argv: s.argv, cwd: s.cwd })),
      onPoll: () => {
        // Checked every few ms while booting: read the new log lines now, draw at the next frame only.
        this.takeEvents();
        this.schedule();
      },
    });
    this.publish();
  }

  /** Publishes the view at the next animation frame (once per frame however often asked). */
  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.publish();
    });
  }

  /** Reads the nodes' new log lines into the events and tells the event listeners. */
  private takeEvents(): void {
    const fresh = this.pullLogs(this.rt.stores.nodes.get());
    if (!fresh.length) return;
    this.events.push(...fresh);
    if (this.events.length > 2000) this.events.splice(0, this.events.length - 2000);
    for (const l of [...this.eventListeners]) l(fresh);
  }

  private pullLogs(nodes: NodeView[]): LabEvent[] {
    const fresh: LabEvent[] = [];
    for (const n of nodes) {
      const lines = this.rt.stores.log(n.pid).get();
      const seen = this.logSeen.get(n.pid) ?? { count: 0, last: undefined };
      let start = seen.count;
      if (start > lines.length || (start > 0 && lines[start - 1] !== seen.last)) {
        // The store trimmed its oldest lines: find where we stopped.
        const i = seen.last === undefined ? -1 : lines.lastIndexOf(seen.last);
        start = i + 1;
      }
      for (let i = start; i < lines.length; i++) {
        const line = lines[i];
        const parts = parseLogLine(line);
        const id = n.port > 0 ? String(n.port) : `pid:${n.pid}`;
        if (parts?.roleChar === 'X') this.sentinels.apply(id, parts.message);
        fresh.push({ seq: ++this.seq, node: id, line, kind: parts ? classifyMessage(parts.message, parts.roleChar) : 'other' });
      }
      this.logSeen.set(n.pid, { count: lines.length, last: lines[lines.length - 1] });
    }
    return fresh;
  }

  private toNode(v: NodeView): LabNode {
    const s = v.summary;
    const sentinel = v.program === 'redis-sentinel' || v.mode === 'sentinel' || s?.mode === 'sentinel';
    const running = v.state === 'exited' || v.state === 'crashed' ? 'exited' : v.state === 'stopped' ? 'stopped' : 'running';
    const role: LabNode['role'] = sentinel ? 'sentinel' : running === 'exited' ? (this.lastRole.get(v.port) ?? 'unknown') : (s?.role as LabNode['role']) ?? 'unknown';
    if (running !== 'exited' && s) this.lastRole.set(v.port, s.role as LabNode['role']);
    const details: Array<[string, string]> = [['process_id', String(v.pid)], ['tcp_port', String(v.port)]];
    if (s && !sentinel) {
      details.push(['role', s.role === 'primary' ? 'master' : 'slave']);
      if (s.role === 'replica') {
        const [host, port] = s.primary.split(':');
        details.push(['master_host', host], ['master_port', port], ['master_link_status', s.replState === 'connected' ? 'up' : 'down']);
      } else details.push(['connected_slaves', String(s.connectedReplicas)]);
      details.push(['master_replid', s.replid], ['master_repl_offset', String(s.replOffset)], ['db0_keys', String(s.keys)], ['connected_clients', String(s.clients)]);
    }
    if (v.state === 'crashed') details.push(['crashed', 'the node threw; see its log']);
    return {
      id: v.port > 0 ? String(v.port) : `pid:${v.pid}`,
      port: v.port,
      kind: sentinel ? 'sentinel' : 'server',
      role,
      state: v.state === 'starting' ? 'loading' : nodeState(running, s?.replState ?? '', false),
      pid: running === 'exited' ? null : v.pid,
      keys: s?.keys ?? 0,
      replOffset: s?.replOffset ?? 0,
      lagBytes: null,
      primary: s?.primary ?? '',
      replState: s?.replState ?? '',
      connectedReplicas: s?.connectedReplicas ?? 0,
      clients: s?.clients ?? 0,
      details,
    };
  }

  private publish(): void {
    const views = this.rt.stores.nodes.get();
    this.takeEvents();
    const nodes = views.filter((v) => v.port > 0).map((v) => this.toNode(v));
    const byPort = new Map(nodes.map((n) => [n.port, n]));
    for (const n of nodes) {
      if (n.role !== 'replica' || !n.primary) continue;
      const p = byPort.get(Number(n.primary.split(':')[1]));
      if (p && p.state !== 'down' && n.replState === 'connected') n.lagBytes = Math.max(0, p.replOffset - n.replOffset);
    }
    const sentinels = this.sentinels.snapshot();
    const faults = this.rt.stores.faults.get();
    const isCut = (a: string, b: string) => faults.partitions.includes(a < b ? `${a}|${b}` : `${b}|${a}`);
    const inFlight = new Map<string, { up: number; down: number }>();
    for (const l of this.rt.stores.links.get() as LinkView[]) {
      const k = `${l.from}>${l.to}`;
      const v = inFlight.get(k) ?? { up: 0, down: 0 };
      v.up += l.inFlightUp;
      v.down += l.inFlightDown;
      inFlight.set(k, v);
    }
    const flight = (a: string, b: string) => {
      const f = inFlight.get(`${a}>${b}`);
      const r = inFlight.get(`${b}>${a}`);
      return { forward: (f?.up ?? 0) + (r?.down ?? 0), back: (f?.down ?? 0) + (r?.up ?? 0) };
    };
    const links: LabLink[] = [];
    for (const n of nodes) {
      if (n.kind !== 'server' || n.role !== 'replica' || !n.primary) continue;
      const to = n.primary.split(':')[1];
      const p = byPort.get(Number(to));
      if (!p) continue;
      const f = flight(n.id, to);
      // The replication stream moved: the primary's offset grew since the last frame.
      const before = this.lastOffsets.get(n.id);
      const moved = before !== undefined && n.replOffset > before ? 1 : 0;
      this.lastOffsets.set(n.id, n.replOffset);
      links.push({ id: `${n.id}>${to}`, from: n.id, to, kind: 'replication', cut: isCut(n.id, to), forward: f.forward, back: f.back + moved, alive: n.state !== 'down' && p.state !== 'down' && n.replState === 'connected' });
    }
    for (const s of nodes.filter((x) => x.kind === 'sentinel')) {
      const o = sentinels.find((x) => x.sentinel === s.id);
      const watched = o?.primary ? o.primary.split(':')[1] : '';
      const p = byPort.get(Number(watched));
      if (!p) continue;
      const f = flight(s.id, p.id);
      links.push({ id: `${s.id}>${p.id}`, from: s.id, to: p.id, kind: 'monitor', cut: isCut(s.id, p.id), forward: f.forward, back: f.back, alive: s.state !== 'down' && p.state !== 'down' });
    }
    keepCutLinks(links, nodes, faults.partitions, this.view$.get().links);
    const clock = this.rt.stores.clock.get();
    this.view$.set({ nodes, links, sentinels, primary: currentPrimary(nodes, sentinels), clock: { speed: clock.speed, paused: clock.paused }, generation: this.generation });
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
    return this.rt.pidByPort(Number(nodeId));
  }

  killPrimary(): void {
    const p = this.view().primary;
    if (p) this.kill(p);
  }

  kill(nodeId: string): void {
    const pid = this.pidOf(nodeId);
    if (pid !== null) this.rt.kill(pid, 'KILL');
  }

  restart(nodeId: string): void {
    // Only a node that is gone (pidByPort also names the latest exited process on the port).
    const last = this.rt.stores.nodes.get().find((v) => String(v.port) === nodeId);
    if (last && (last.state === 'exited' || last.state === 'crashed')) this.rt.restart(last.pid);
  }

  pause(nodeId: string): void {
    const pid = this.pidOf(nodeId);
    if (pid !== null) this.rt.kill(pid, 'STOP');
  }

  resume(nodeId: string): void {
    const pid = this.pidOf(nodeId);
    if (pid !== null) this.rt.kill(pid, 'CONT');
  }

  cutLink(a: string, b: string): void {
    this.rt.cut(a, b);
  }

  healLink(a: string, b: string): void {
    this.rt.heal(a, b);
  }

  setSpeed(speed: number): void {
    this.rt.setSpeed(speed);
  }

  setPaused(paused: boolean): void {
    if (paused) this.rt.pause();
    else this.rt.resume();
  }

  /** A new cluster on the scenario; `ready` resolves once it is settled and the reset listeners (terminals) have its host. */
  async reset(): Promise<void> {
    for (const off of this.offs) off();
    this.rt.teardown();
    this.ready = this.boot().then(() => {
      for (const l of [...this.resetListeners]) l(this.rt);
    });
    await this.ready;
  }

  dispose(): void {
    for (const off of this.offs) off();
    this.rt.teardown();
  }
}
