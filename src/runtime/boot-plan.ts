/**
 * The lab's one way of booting a scenario (DESIGN.md §6), whatever runs the cluster: the
 * phases, their order, how fast each may be fast-forwarded and when each is done.
 * {@link bootScenario} (./scenario.ts) executes it on the live runtime — so `npm run lab`, the
 * runtime tests and the pages boot the same way — and the site's simulator host
 * (src/components/lab/sim-lab.ts, through src/components/lab/boot-plan.ts) runs the same
 * phases in virtual time.
 *
 * Why phases, as in the tutorial and the fidelity recordings:
 * 1. **Data nodes** first, fast-forwarded ({@link DATA_SPEED}, 50×) until every replica reports
 *    its link up (`ROLE` → `connected`): the ~5 s diskless-sync delay costs ~100 ms.
 * 2. **Sentinels** next, once the replicas are there, so that each sentinel learns them from
 *    the primary's `INFO` (`+slave`) before anything can fail. Started together with an
 *    unsynced replica, a sentinel may not list it yet when the learner kills the primary, and
 *    the failover ends in `-failover-abort-no-good-slave`.
 *    Fast-forwarded at {@link SENTINEL_SPEED} (8×) only: Sentinel enters TILT (`+tilt`) when two
 *    runs of its timer are more than 2 s apart (`SENTINEL_TILT_TRIGGER`), and its
 *    `down-after-milliseconds` (5 s in the lessons) shrinks to 100 ms of real time at 50×, so
 *    any hiccup of a worker reads as a dead node (a false `+sdown` during boot). At 8× a
 *    100 ms timer tick is 0.8 s of cluster time.
 *    Done when every sentinel has logged `+sentinel` for each other sentinel (hello messages
 *    every 2 s) and `+slave` for each replica.
 * On the simulator time is virtual and never hiccups: the speeds do not matter there, the
 * order and the conditions do.
 */

/** Fast-forward speed of the data phase. */
export const DATA_SPEED = 50;
/** Fast-forward speed of the sentinel phase, the most that keeps Sentinel out of TILT. */
export const SENTINEL_SPEED = 8;
/** At most this much cluster time (ms) is spent waiting for a phase's condition. */
export const PHASE_LIMIT_MS = 30_000;

/** What the plan needs of a node to start: its program (the phase it belongs to). */
export interface PlannedNode {
  program: 'redis-server' | 'redis-sentinel';
}

/** What a host knows about a running data node to tell whether it is synced. */
export interface DataNodeState {
  role: string;
  /** ROLE's link state of a replica (`connect`, `handshake`, `sync`, `connected`). */
  replState: string;
}

export interface BootPhase<N extends PlannedNode = PlannedNode> {
  name: 'data' | 'sentinels';
  nodes: N[];
  /** Fast-forward speed on the live runtime. */
  speed: number;
  /** At most this much cluster time (ms) is spent waiting for the phase's condition. */
  limitMs: number;
}

export interface BootPlan<N extends PlannedNode = PlannedNode> {
  phases: Array<BootPhase<N>>;
  /** Ports of the sentinels started, and how many replicas each must learn. */
  sentinelPorts: number[];
  replicas: number;
}

/**
 * Data nodes (50×, until replicas are synced), then sentinels (8×, until they know each other
 * and the replicas), each phase keeping the nodes' order. `portOf` and `isReplica` say what the
 * sentinel condition needs; hosts that learn these only once the nodes run (the live runtime)
 * fill them in later with {@link withCounts}.
 */
export function planBoot<N extends PlannedNode>(nodes: readonly N[], options: { portOf?: (n: N) => number; isReplica?: (n: N) => boolean; dataSpeed?: number } = {}): BootPlan<N> {
  const data = nodes.filter((n) => n.program === 'redis-server');
  const sentinels = nodes.filter((n) => n.program === 'redis-sentinel');
  const phases: Array<BootPhase<N>> = [];
  if (data.length > 0) phases.push({ name: 'data', nodes: data, speed: options.dataSpeed ?? DATA_SPEED, limitMs: PHASE_LIMIT_MS });
  if (sentinels.length > 0) phases.push({ name: 'sentinels', nodes: sentinels, speed: SENTINEL_SPEED, limitMs: PHASE_LIMIT_MS });
  const portOf = options.portOf;
  const isReplica = options.isReplica;
  return { phases, sentinelPorts: portOf ? sentinels.map(portOf) : [], replicas: isReplica ? data.filter(isReplica).length : 0 };
}

/** The plan with the sentinels' ports and the replica count as the running cluster shows them. */
export function withCounts<N extends PlannedNode>(plan: BootPlan<N>, sentinelPorts: number[], replicas: number): BootPlan<N> {
  return { ...plan, sentinelPorts, replicas };
}

/** Phase 1 is done when no running replica is still connecting or syncing. */
export function replicasSynced(nodes: ReadonlyArray<DataNodeState | null>): boolean {
  return nodes.every((n) => !n || n.role !== 'replica' || n.replState === 'connected');
}

/**
 * Phase 2 is done when each sentinel (by port, the lab event's `node`) has logged a `+sentinel`
 * line for every other sentinel and a `+slave` line for every replica.
 */
export function sentinelsSettled(events: ReadonlyArray<{ node: string; line: string }>, sentinelPorts: readonly number[], replicas: number): boolean {
  const peers = new Map<string, Set<string>>();
  const slaves = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, k: string, v: string) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    s.add(v);
  };
  for (const e of events) {
    let m = / \+sentinel sentinel \S+ \S+ (\d+) @/.exec(e.line);
    if (m) add(peers, e.node, m[1]);
    else if ((m = / \+slave slave (\S+) /.exec(e.line))) add(slaves, e.node, m[1]);
  }
  return sentinelPorts.every((p) => {
    const id = String(p);
    const others = sentinelPorts.filter((q) => q !== p).map(String);
    return others.every((o) => peers.get(id)?.has(o)) && (slaves.get(id)?.size ?? 0) >= replicas;
  });
}

/** Whether a phase's condition holds. */
export function phaseDone(plan: BootPlan<PlannedNode>, phase: BootPhase<PlannedNode>, state: { data: ReadonlyArray<DataNodeState | null>; events: ReadonlyArray<{ node: string; line: string }> }): boolean {
  switch (phase.name) {
    case 'data':
      return replicasSynced(state.data);
    case 'sentinels':
      return sentinelsSettled(state.events, plan.sentinelPorts, plan.replicas);
    default:
      return unreachable(phase.name);
  }
}

function unreachable(x: never): never {
  throw new Error(`unreachable: ${String(x)}`);
}
