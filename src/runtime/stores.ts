/**
 * What the lab's UI subscribes to (nanostores atoms): the nodes with their roles and offsets,
 * the links between parties with their messages in flight, the clock, the faults in force, a
 * feed of cluster events and each node's log. The runtime writes them; the UI only reads.
 * Nothing here is learner-visible Redis output — the terminal shows that.
 */
import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import type { FaultTable, NodeSummary } from '../../workers/protocol.ts';

/** A node process as the map draws it. */
export interface NodeView {
  pid: number;
  program: 'redis-server' | 'redis-sentinel';
  argv: string[];
  cwd: string;
  /** What `ps` shows (`redis-server 127.0.0.1:6379`). */
  title: string;
  /** The listening port (0 before it listens) and the party name faults use (`"6379"`). */
  port: number;
  party: string;
  mode: 'standalone' | 'sentinel' | null;
  /** The last role the node announced: `primary`, `replica`, `sentinel`, or '' before. */
  role: string;
  /**
   * `starting` (its worker boots), `running`, `stopped` (SIGSTOP), `exited` (shutdown or
   * kill), `crashed` (an exception in its worker; the stack is in its log).
   */
  state: 'starting' | 'running' | 'stopped' | 'exited' | 'crashed';
  /** The worker stopped answering the heartbeat. */
  hung: boolean;
  exitCode: number | null;
  /** Role, link state, replication offset, keys, clients — pushed by the worker when they change (offset-only changes gathered over 50 ms). */
  summary: NodeSummary | null;
  /** Inputs queued while the node is stopped or the cluster paused. */
  pendingInputs: number;
}

/** A connection between two parties (a node's port, or `client` for the shell). */
export interface LinkView {
  id: number;
  /** The connecting side and the accepting side. */
  from: string;
  to: string;
  fromPid: number | null;
  toPid: number;
  /** Messages sent but not yet received, each way (the map's dots), and messages held by faults. */
  inFlightUp: number;
  inFlightDown: number;
  held: number;
}

export interface RuntimeEvent {
  /** Virtual Unix ms. */
  at: number;
  pid: number | null;
  kind: 'spawn' | 'listening' | 'role' | 'exit' | 'crash' | 'hung' | 'answering' | 'signal' | 'fault' | 'clock';
  text: string;
}

export interface ClockView {
  speed: number;
  paused: boolean;
}

export class RuntimeStores {
  readonly nodes: WritableAtom<NodeView[]> = atom([]);
  readonly links: WritableAtom<LinkView[]> = atom([]);
  readonly clock: WritableAtom<ClockView> = atom({ speed: 1, paused: false });
  readonly faults: WritableAtom<FaultTable> = atom({ partitions: [], holds: [], latencies: [] });
  readonly events: WritableAtom<RuntimeEvent[]> = atom([]);
  private readonly logAtoms = new Map<number, WritableAtom<string[]>>();
  private readonly logLimit: number;
  private readonly eventLimit: number;

  constructor(logLimit = 1000, eventLimit = 500) {
    this.logLimit = logLimit;
    this.eventLimit = eventLimit;
  }

  /** The log lines of a process (its `log` events, and the stack if it crashed), newest last. */
  log(pid: number): ReadableAtom<string[]> {
    return this.logAtom(pid);
  }

  appendLog(pid: number, line: string): void {
    const a = this.logAtom(pid);
    const lines = a.get();
    const next = lines.length >= this.logLimit ? lines.slice(lines.length - this.logLimit + 1) : lines.slice();
    next.push(line);
    a.set(next);
  }

  addEvent(event: RuntimeEvent): void {
    const list = this.events.get();
    const next = list.length >= this.eventLimit ? list.slice(list.length - this.eventLimit + 1) : list.slice();
    next.push(event);
    this.events.set(next);
  }

  private logAtom(pid: number): WritableAtom<string[]> {
    let a = this.logAtoms.get(pid);
    if (!a) this.logAtoms.set(pid, (a = atom<string[]>([])));
    return a;
  }
}
