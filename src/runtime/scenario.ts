/**
 * A lesson's starting state (DESIGN.md §1, §6): files on the disk and nodes running, booted in
 * fast-forward with the lab's one boot plan (./boot-plan.ts) so the lesson opens settled — the
 * data nodes at 50× until every replica is synced, then the sentinels at 8× until each knows
 * the others and every replica — then the clock goes back to the speed before.
 */
import { SENTINEL_SPEED, planBoot, replicasSynced as allSynced, sentinelsSettled, type BootPhase } from './boot-plan.ts';
import type { ClusterRuntime } from './runtime.ts';
import type { NodeView } from './stores.ts';

export interface ScenarioNode {
  program?: 'redis-server' | 'redis-sentinel';
  argv: string[];
  /** Default: the scenario's cwd. */
  cwd?: string;
}

export interface ScenarioSpec {
  /** Working directory of the nodes and base of relative file names (default `/home/learner`). */
  cwd?: string;
  /** Files to write before anything starts: absolute path or relative to `cwd` → UTF-8 text. */
  files?: Record<string, string>;
  /** Nodes to start (each binds its port before the next starts); data nodes first, then sentinels, each in this order. */
  nodes?: ScenarioNode[];
  /**
   * How to settle. Default: the boot plan (./boot-plan.ts). `speed` overrides the data phase's
   * 50× (the sentinel phase never goes past 8×), `limitMs` each phase's 30,000 virtual ms.
   * With `until`, no plan: every node starts at once and the clock runs at `speed` (50×) until
   * `until` holds. `false`: start the nodes and return.
   */
  settle?: {
    until?: (rt: ClusterRuntime) => boolean | Promise<boolean>;
    speed?: number;
    limitMs?: number;
  } | false;
  /** Called at every check of a phase's condition (a UI may redraw meanwhile). */
  onPoll?: () => void;
}

export interface ScenarioResult {
  /** The nodes' pids, in the order of `nodes`. */
  pids: number[];
  /** Whether the settle condition was met (true when there was none). */
  settled: boolean;
  /** Each phase of the plan that ran, and whether its condition was met. */
  phases: Array<{ name: BootPhase['name']; settled: boolean }>;
}

/** Writes the files, starts the nodes phase by phase, fast-forwards each until settled, and returns to the speed before. */
export async function bootScenario(rt: ClusterRuntime, spec: ScenarioSpec): Promise<ScenarioResult> {
  const cwd = spec.cwd ?? '/home/learner';
  rt.disk.mkdir(cwd);
  for (const [name, text] of Object.entries(spec.files ?? {})) rt.disk.write(name.startsWith('/') ? name : `${cwd}/${name}`, utf8(text));
  const nodes = (spec.nodes ?? []).map((n, index) => ({ program: n.program ?? 'redis-server', argv: n.argv, cwd: n.cwd ?? cwd, index }));
  const pids: number[] = new Array<number>(nodes.length);
  const startAll = (list: typeof nodes) => {
    for (const n of list) pids[n.index] = rt.start(n.program, n.argv, n.cwd);
  };
  const settle = spec.settle;
  if (settle === false) {
    startAll(nodes);
    await rt.settled();
    return { pids, settled: true, phases: [] };
  }
  if (settle?.until) {
    const until = settle.until;
    startAll(nodes);
    await rt.settled();
    const settled = await rt.fastForward(() => until(rt), { speed: settle.speed ?? 50, limitMs: settle.limitMs ?? 60_000 });
    return { pids, settled, phases: [] };
  }
  const plan = planBoot(nodes, { dataSpeed: settle?.speed });
  const phases: ScenarioResult['phases'] = [];
  const dataPids: number[] = [];
  for (const phase of plan.phases) {
    startAll(phase.nodes);
    const phasePids = phase.nodes.map((n) => pids[n.index]);
    if (phase.name === 'data') dataPids.push(...phasePids);
    await rt.settled();
    const speed = phase.name === 'sentinels' ? Math.min(SENTINEL_SPEED, settle?.speed ?? SENTINEL_SPEED) : phase.speed;
    const check = (): boolean => {
      spec.onPoll?.();
      const views = new Map(rt.stores.nodes.get().map((v) => [v.pid, v]));
      return phase.name === 'data' ? dataSettled(phasePids, views) : sentinelsKnowAll(rt, phasePids, dataPids, views);
    };
    const done = await rt.fastForward(check, { speed, limitMs: settle?.limitMs ?? phase.limitMs, pollMs: 10 });
    phases.push({ name: phase.name, settled: done });
  }
  spec.onPoll?.();
  return { pids, settled: phases.every((p) => p.settled), phases };
}

/** Every data node of the phase that runs has told its role (pushed on change), and no replica is still syncing. */
function dataSettled(pids: number[], views: Map<number, NodeView>): boolean {
  const states = [];
  for (const pid of pids) {
    const v = views.get(pid);
    if (!v || v.state === 'exited' || v.state === 'crashed') continue;
    if (!v.summary) return false;
    states.push({ role: v.summary.role, replState: v.summary.replState });
  }
  return allSynced(states);
}

/** Each sentinel of the phase has logged `+sentinel` for every other one and `+slave` for every running replica. */
function sentinelsKnowAll(rt: ClusterRuntime, sentinelPids: number[], dataPids: number[], views: Map<number, NodeView>): boolean {
  const ports: number[] = [];
  const events: Array<{ node: string; line: string }> = [];
  for (const pid of sentinelPids) {
    const v = views.get(pid);
    if (!v || v.state === 'exited' || v.state === 'crashed') continue;
    if (v.port === 0) return false;
    ports.push(v.port);
    for (const line of rt.stores.log(pid).get()) events.push({ node: String(v.port), line });
  }
  let replicas = 0;
  for (const pid of dataPids) {
    const v = views.get(pid);
    if (v && v.state !== 'exited' && v.state !== 'crashed' && v.summary?.role === 'replica') replicas++;
  }
  return sentinelsSettled(events, ports, replicas);
}

/** True when every running replica has finished its sync with its primary (`master_link_status:up`), asked of the nodes themselves. */
export async function replicasSynced(rt: ClusterRuntime): Promise<boolean> {
  for (const p of rt.processes()) {
    const s = await rt.snapshot(p.pid);
    if (!s || !s.summary) continue;
    if (s.summary.role === 'replica' && s.summary.replState !== 'connected') return false;
  }
  return true;
}

function utf8(text: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(text)) out += String.fromCharCode(b);
  return out;
}
