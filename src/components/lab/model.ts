/**
 * What the lab's UI (cluster map, controls, event log) reads and what it can ask for.
 *
 * The UI never reaches into the cluster: it subscribes to a {@link LabView} snapshot and an event
 * stream, and sends intentions through {@link LabController}. Two hosts implement it: the browser
 * runtime (nodes in Web Workers, src/runtime) and, until that lands or when it cannot start, the
 * deterministic simulator on the main thread (./sim-lab.ts). Tests use the simulator one.
 *
 * Vocabulary follows Redis with primary/replica for master/slave; what the learner reads as
 * Redis output (log lines, replies) stays as Redis prints it.
 */

/** What the map shows of a process: up, killed, SIGSTOPped, syncing with its primary, loading its data. */
export type NodeState = 'up' | 'down' | 'paused' | 'syncing' | 'loading';

export type NodeRole = 'primary' | 'replica' | 'sentinel' | 'unknown';

export interface LabNode {
  /** Stable id: the listening port as a string (survives restarts, like the simulator's party names). */
  id: string;
  port: number;
  kind: 'server' | 'sentinel';
  role: NodeRole;
  state: NodeState;
  /** The pid of the running process, null while down. */
  pid: number | null;
  keys: number;
  /** `master_repl_offset` on a primary, the processed offset on a replica. */
  replOffset: number;
  /** Bytes the replica is behind its primary (primary offset − replica offset), null when not a linked replica. */
  lagBytes: number | null;
  /** `host:port` of the primary a replica follows, '' otherwise. */
  primary: string;
  /** The replica's link state as ROLE reports it (`connect`, `handshake`, `sync`, `connected`), '' otherwise. */
  replState: string;
  connectedReplicas: number;
  clients: number;
  /** INFO-like lines shown on hover/focus, as `field:value` pairs. */
  details: Array<[string, string]>;
}

/** A link drawn on the map: replication (replica → primary) or monitoring (sentinel → node). */
export interface LabLink {
  id: string;
  from: string;
  to: string;
  kind: 'replication' | 'monitor';
  /** The learner cut it (network partition between the two). */
  cut: boolean;
  /** Messages sent from → to and to → from since the previous snapshot (dots moving along the arrow). */
  forward: number;
  back: number;
  /** Whether the link is alive (both ends up and, for replication, the link is connected). */
  alive: boolean;
}

/** One sentinel's opinion of the primary it monitors, as its log says. */
export interface SentinelOpinion {
  sentinel: string;
  /** The primary it monitors now (`127.0.0.1:6379`). */
  primary: string;
  sdown: boolean;
  odown: boolean;
  /** `current-epoch` as last logged (`+new-epoch N`). */
  epoch: number;
  /** The leader it voted for in the current epoch (a run id prefix or a port), null if none. */
  leader: string | null;
  /** Whether this sentinel is running a failover as the elected leader. */
  failingOver: boolean;
}

/** A log line of one node, as Redis printed it. */
export interface LabEvent {
  seq: number;
  node: string;
  line: string;
  /** `sentinel` for lines with a Sentinel event (`+sdown`, …), `replication` for replication lines. */
  kind: 'sentinel' | 'replication' | 'other';
}

export interface LabClock {
  speed: number;
  paused: boolean;
}

export interface LabView {
  nodes: LabNode[];
  links: LabLink[];
  sentinels: SentinelOpinion[];
  /** Id of the node that is primary now (as the data nodes' roles say), null when none is up. */
  primary: string | null;
  clock: LabClock;
  /** Increments on every reset: components clear what they accumulated. */
  generation: number;
}

export type Listener<T> = (value: T) => void;

export interface LabController {
  /** Current view and changes to it (called at most once per animation frame). */
  subscribe(listener: Listener<LabView>): () => void;
  /** New log lines, oldest first; a new subscriber first gets the lines kept so far. */
  onEvents(listener: Listener<LabEvent[]>): () => void;
  view(): LabView;
  /** Kills (SIGKILL) whichever node is the primary at this moment. */
  killPrimary(): void;
  kill(nodeId: string): void;
  restart(nodeId: string): void;
  pause(nodeId: string): void;
  resume(nodeId: string): void;
  cutLink(a: string, b: string): void;
  healLink(a: string, b: string): void;
  setSpeed(speed: number): void;
  setPaused(paused: boolean): void;
  /** Back to the lesson's starting scenario. */
  reset(): Promise<void>;
  dispose(): void;
}

/** The speeds the clock control offers (DESIGN.md §4: 0.25× … 10×). */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10] as const;

/** A tiny observable value: the UI's only dependency between components. */
export class Observable<T> {
  private listeners = new Set<Listener<T>>();
  private current: T;
  constructor(initial: T) {
    this.current = initial;
  }
  get(): T {
    return this.current;
  }
  set(value: T): void {
    this.current = value;
    for (const l of [...this.listeners]) l(value);
  }
  subscribe(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }
}
