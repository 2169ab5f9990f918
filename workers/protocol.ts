/**
 * What the main-thread runtime (src/runtime) and a node worker (./node.worker.ts) say to each
 * other, and the small pure helpers both sides share: the scaled clock, the fault table, the
 * matching of bind addresses, and the named random streams.
 *
 * Channels (DESIGN.md §2, §4):
 * - control, runtime → worker: comlink calls on the worker itself ({@link NodeWorkerApi});
 * - the uplink, worker → runtime: one MessagePort carrying {@link UplinkBatch}es in order
 *   (output text, events, disk writes, files the node reads, connect requests, exits, stats,
 *   heartbeat answers); the runtime also posts {@link DownlinkMessage}s (heartbeat pings, disk
 *   changes and file content) on it;
 * - links: one MessageChannel per connection, its ports transferred to the two ends, bytes
 *   flowing directly between them ({@link LinkMessage}).
 *
 * Counterpart in a real system: the kernel's socket layer and the process table.
 */
import type { Addr, Bytes, ConnId, ConnectError, NodeEvent, ProcessInfo } from '../src/engine/types.ts';
import { SeededRng } from '../src/engine/util/random.ts';
import type { MemoryDisk } from '../src/engine/util/memory-disk.ts';
import type { Rng } from '../src/engine/types.ts';
import { unreachable } from '../src/engine/types.ts';

// ---------------------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------------------

/**
 * The cluster's clock as the runtime broadcasts it: virtual Unix ms =
 * `anchorVirtual + (realNow − anchorReal) × speed`, frozen at `anchorVirtual` while paused.
 */
export interface ClockState {
  anchorVirtual: number;
  anchorReal: number;
  speed: number;
  /** The learner's pause: time stops and every node stops processing (inputs queue). */
  paused: boolean;
  /**
   * Time stops but nodes keep processing, as in the simulator where work takes no time: the
   * runtime holds the clock while a node's worker boots, so a boot costs no lab time.
   */
  held: boolean;
  /**
   * The watermark cap (DESIGN.md §4, "lab time never outruns the slowest worker"): virtual ms
   * beyond which time does not pass, whatever the real clock says. The runtime sets it to what
   * the slowest live worker has acknowledged plus a bound, so a starved machine holds lab time
   * instead of letting it run on while nothing is processed. Absent: no cap.
   */
  limit?: number;
  /**
   * Increases with every change: a worker applies a state only if it is newer than the one it
   * has (changes travel on two ports — comlink calls and the uplink port — in no joint order).
   */
  gen?: number;
}

/**
 * Real time in ms, comparable between threads: `performance.timeOrigin + performance.now()`
 * (each worker has its own origin, the sum is a shared epoch).
 */
export function realNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Virtual ms (fractional) at real time `real`. */
export function virtualAt(clock: ClockState, real: number): number {
  if (clock.paused || clock.held) return clock.anchorVirtual;
  const t = clock.anchorVirtual + (real - clock.anchorReal) * clock.speed;
  return clock.limit !== undefined && t > clock.limit ? Math.max(clock.limit, clock.anchorVirtual) : t;
}

// ---------------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------------

/**
 * Network faults between parties. A party is a node's listening port as a string (`"6379"`),
 * `pid:N` before it listens, `client` for the shell's connections, or `*` for everyone — the
 * names the simulator uses (src/sim/network.ts).
 */
export interface FaultTable {
  /** Unordered pairs `a|b` (sorted): nothing flows either way; new connects wait. */
  partitions: string[];
  /** One-way `a>b`: messages from a to b wait. */
  holds: string[];
  /** Extra one-way latency in virtual ms per unordered pair `a|b`. */
  latencies: Array<[string, number]>;
}

export const NO_FAULTS: FaultTable = { partitions: [], holds: [], latencies: [] };

export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Whether messages from `source` to `target` are stopped. */
export function isBlocked(f: FaultTable, source: string, target: string): boolean {
  if (f.partitions.length === 0 && f.holds.length === 0) return false;
  const p = f.partitions;
  const h = f.holds;
  return p.includes(pairKey(source, target)) || p.includes(pairKey(source, '*')) || p.includes(pairKey('*', target)) ||
    h.includes(`${source}>${target}`) || h.includes(`${source}>*`) || h.includes(`*>${target}`);
}

/** Extra one-way latency from `source` to `target`, in virtual ms. */
export function extraLatency(f: FaultTable, source: string, target: string): number {
  if (f.latencies.length === 0) return 0;
  const find = (k: string) => f.latencies.find(([key]) => key === k)?.[1];
  return find(pairKey(source, target)) ?? find(pairKey(source, '*')) ?? find(pairKey('*', target)) ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------

/** The address a bind matches: `*` for the wildcards, `127.0.0.1` for `localhost`. */
export function matchAddress(host: string): string {
  const h = host.toLowerCase();
  if (h === '*' || h === '0.0.0.0' || h === '::' || h === '::*') return '*';
  if (h === 'localhost') return '127.0.0.1';
  return h;
}

/** A bound address in the address book: `match` as {@link matchAddress} gives it. */
export interface BoundAddress {
  match: string;
  port: number;
}

/** Whether `host:port` can be bound given what is bound already (the kernel's EADDRINUSE rule). */
export function canBindAmong(bound: BoundAddress[], host: string, port: number): boolean {
  const here = bound.filter((b) => b.port === port);
  if (here.length === 0) return true;
  const match = matchAddress(host);
  if (match === '*') return false;
  return !here.some((b) => b.match === match || b.match === '*');
}

// ---------------------------------------------------------------------------------------------
// Named random streams — the same derivation as the simulator's (src/sim/seed.ts), so one seed
// gives the same pids, run ids and ephemeral ports on both hosts when things happen in the
// same order.
// ---------------------------------------------------------------------------------------------

/** A 32-bit seed for the stream called `name` under `rootSeed` (FNV-1a over the name, mixed). */
export function deriveSeed(rootSeed: number, name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
    const hi = name.charCodeAt(i) >>> 8;
    if (hi !== 0) {
      h ^= hi;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  const low = rootSeed >>> 0;
  const high = Math.floor(rootSeed / 4294967296) >>> 0;
  let z = (h ^ low ^ Math.imul(high, 0x9e3779b1)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

export function streamRng(rootSeed: number, name: string): Rng {
  return new SeededRng(deriveSeed(rootSeed, name));
}

// ---------------------------------------------------------------------------------------------
// Disk
// ---------------------------------------------------------------------------------------------

/**
 * One change to the shared disk: write, append, fsync, remove, rename, mkdir — and, from the
 * runtime to a node only, `t` ("there is a file at this path whose content you do not hold").
 *
 * Which node gets what (the forwarding rule, src/runtime/runtime.ts "Disk"): every node knows
 * every path (names, directories: `ls`-like checks — `exists`, `isDirectory`, `list` — are
 * exact everywhere), but a file's content goes only to the nodes that read it (at startup or
 * later) or wrote it, the runtime's `watched` set of the node; the others get a `t` when the
 * file appears. A node that reads a path it holds no content for asks for it (`want`).
 */
export type DiskOp =
  | ['w', string, Bytes]
  | ['a', string, Bytes]
  | ['f', string]
  | ['r', string]
  | ['m', string, string]
  | ['d', string]
  | ['t', string];

/** Applies a change made elsewhere to a MemoryDisk (a `t` makes an empty file where there is none). */
export function applyDiskOp(disk: MemoryDisk, op: DiskOp): void {
  switch (op[0]) {
    case 'w': disk.write(op[1], op[2]); break;
    case 'a': disk.append(op[1], op[2]); break;
    case 'f': disk.fsync(op[1]); break;
    case 'r': disk.remove(op[1]); break;
    case 'm': disk.rename(op[1], op[2]); break;
    case 'd': disk.mkdir(op[1]); break;
    case 't': if (!disk.files.has(op[1])) disk.write(op[1], ''); break;
    default: unreachable(op[0]);
  }
}

// ---------------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------------

/**
 * What travels on a link's port. Between nodes: bytes, or `null` for the FIN. From a node to a
 * client on the main thread: `[bytes | null, uplinkSeq]`, the uplink sequence number at the
 * time of sending, so the runtime delivers it only after every uplink batch the node sent
 * before it (its log lines, disk writes, exit) — the causal order a real process gives. From
 * the main thread to a node: `[bytes | null, order]`, the message's number in the runtime's
 * order to that node (see {@link ExposedNodeWorkerApi}); the main thread's last message on a
 * link is always its FIN, after which the node closes its end of the port.
 */
export type LinkMessage = Bytes | null | [Bytes | null, number];

// ---------------------------------------------------------------------------------------------
// Uplink (worker → runtime) and downlink (runtime → worker, same port)
// ---------------------------------------------------------------------------------------------

export interface LinkStat {
  link: number;
  conn: ConnId;
  peer: string;
  /** Messages sent and received on this link, and messages waiting in the outbox (held or delayed). */
  sent: number;
  received: number;
  held: number;
}

/** What the lab's map shows of a node (read from the engine, best effort). */
export interface NodeSummary {
  mode: 'standalone' | 'sentinel';
  role: 'primary' | 'replica' | 'sentinel';
  port: number;
  replid: string;
  replOffset: number;
  /** `host:port` of the primary for a replica. */
  primary: string;
  /** The replica's state machine (`connected` once synced), '' on a primary. */
  replState: string;
  connectedReplicas: number;
  keys: number;
  clients: number;
}

export type UplinkItem =
  | { k: 'stdout'; text: string }
  | { k: 'stderr'; text: string }
  | { k: 'event'; event: NodeEvent; hosts?: string[] }
  | { k: 'disk'; op: DiskOp }
  /**
   * The node reads these paths: the runtime adds them to the node's watched set and sends
   * their current content (a numbered downlink `disk`, `reply: id` when `id` is given — the
   * worker's startup waits for it) and every later change to them.
   */
  | { k: 'want'; paths: string[]; id?: number }
  | { k: 'connect'; conn: ConnId; host: string; port: number }
  /**
   * `[link, count]`: the messages this node has sent so far on links to other nodes, for those
   * it sent on since the last report; first in a batch. The runtime names them to the other
   * end in its next accept ({@link LinkOffer.after}).
   */
  | { k: 'sent'; links: Array<[number, number]> }
  | { k: 'linkClosed'; link: number }
  | { k: 'exit'; code: number }
  | { k: 'crash'; error: string }
  | { k: 'stats'; summary: NodeSummary | null; links: LinkStat[]; pending: number }
  | { k: 'pong'; n: number }
  /**
   * The worker's processed-time watermark: the virtual ms its event loop had reached when it
   * ran this periodic tick (every timer due before it has fired, every message queued before
   * it has been handled). The runtime caps the cluster clock with the slowest of these.
   */
  | { k: 'ack'; at: number }
  /** A change of the node's role, link state or offsets (see {@link NodeSummary}), pushed when it happens. */
  | { k: 'summary'; summary: NodeSummary | null };

export interface UplinkBatch {
  seq: number;
  items: UplinkItem[];
}

export type DownlinkMessage =
  | { k: 'ping'; n: number }
  /** The clock's new anchors or cap (sent on this one ordered port, so a worker never applies an older state after a newer one). */
  | { k: 'clock'; clock: ClockState }
  /** Disk changes made by the shell or other nodes, numbered in the runtime's order to this node. */
  | { k: 'disk'; ops: DiskOp[]; order: number; reply?: number };

// ---------------------------------------------------------------------------------------------
// Control (comlink)
// ---------------------------------------------------------------------------------------------

export interface InitRequest {
  process: ProcessInfo;
  /** The seed of the node's random stream. */
  seed: number;
  /**
   * The disk at spawn time: the content of the files the node is known to read (the path its
   * argv names), the names of all other files (`stubs`, content not held), explicit directories.
   */
  files: Array<[string, Bytes]>;
  stubs?: string[];
  dirs: string[];
  /** Addresses bound by other nodes (for the engine's `canBind`). */
  bound: BoundAddress[];
  clock: ClockState;
  faults: FaultTable;
  /** How often to send stats (real ms; 0 = never). */
  statsIntervalMs: number;
  /** How often to acknowledge the processed time (real ms; 0 = never, the clock is then not capped by this node). */
  ackIntervalMs?: number;
  /** A module exporting `startNode` to use instead of the engine's (tests inject faulty nodes). */
  nodeModule?: string;
}

export interface InitResult {
  listening: { port: number; hosts: string[]; mode: 'standalone' | 'sentinel' } | null;
  exited: boolean;
  /** The last uplink batch sent during startup (the runtime waits for it before going on). */
  seq: number;
}

/** A connection handed to a node: the port of its end and the addresses. */
export interface LinkOffer {
  link: number;
  /** The other end's party name (for faults). */
  peerParty: string;
  /** Whether the other end is on the main thread (messages carry the uplink sequence). */
  external: boolean;
  /**
   * `[link, count]` for the accepting node's links to other nodes: the messages the other end
   * had sent on each, as far as the runtime knows (their `sent` reports) when it calls the
   * accept. The accepting worker takes the accept (and what follows it in the runtime's order)
   * only once each has arrived or the link is gone on its side. So what caused the connect —
   * a replica leaving and coming back, a node's exit, a reply the shell read — never overtakes
   * the FIN or the bytes sent before it: the node is seen closing first, as on one kernel
   * (CLIENT LIST, connected_slaves, and the lowest free fd for the new client).
   */
  after?: Array<[number, number]>;
}

export interface NodeWorkerApi {
  /** Starts the node; the uplink port carries its output from now on. */
  init(req: InitRequest, uplink: MessagePort): Promise<InitResult>;
  /** A connection to our listening port: `refused` when we no longer listen or have exited. */
  accept(offer: LinkOffer, port: MessagePort, peer: Addr, local: Addr): 'ok' | 'refused';
  /** Our outgoing connection `conn` is established on `port`. */
  connected(offer: LinkOffer, conn: ConnId, port: MessagePort, local: Addr): void;
  connectFailed(conn: ConnId, error: ConnectError): void;
  /** The links were reset (a drop fault, or the peer process died): the node sees them close. */
  reset(links: number[]): void;
  /** SIGTERM / SIGINT: the engine shuts down as Redis does. */
  signal(signal: 'TERM' | 'INT'): void;
  /** SIGSTOP / SIGCONT: inputs queue and timers stop, then everything is delivered in order. */
  stop(): void;
  cont(): void;
  setClock(clock: ClockState): void;
  setFaults(faults: FaultTable): void;
  snapshot(): NodeSnapshot;
}

/**
 * The control surface as the worker exposes it: every call of {@link NodeWorkerApi} with, first,
 * its number in the runtime's order to this node. The runtime numbers everything it sends to a
 * node — control calls, the shell's messages on each connection ({@link LinkMessage}), disk
 * changes (the downlink's `disk`) — 1, 2, 3… in the order it sends them, and the worker takes
 * them in that order whatever port they came by (a call that came early is answered once the
 * messages before it have arrived). Pings and clock anchors on the downlink are not numbered.
 */
export type ExposedNodeWorkerApi = {
  [K in keyof NodeWorkerApi]: NodeWorkerApi[K] extends (...args: infer A) => infer R ? (order: number, ...args: A) => R | Promise<Awaited<R>> : never;
};

export interface NodeSnapshot {
  pid: number;
  state: 'starting' | 'running' | 'stopped' | 'exited' | 'crashed';
  frozen: boolean;
  nowMs: number;
  nextWakeMs: number;
  pendingInputs: number;
  summary: NodeSummary | null;
  links: LinkStat[];
  /** Paths whose content the worker holds, and paths it knows by name only (the forwarding rule's test hook). */
  disk?: { held: string[]; stubs: string[] };
}
