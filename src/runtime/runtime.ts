/**
 * The cluster runtime on the main thread (DESIGN.md §2): one worker per node process, the
 * address book (host:port → process), connections as MessageChannels whose ends go to the two
 * parties, the disk that survives a kill, faults on links and nodes, the one clock, and the
 * stores the UI reads. It is a {@link ShellHost}: the shell drives it exactly as it drives the
 * simulator, and the same script prints the same on both.
 *
 * Semantics follow the simulator (src/sim): pids and ephemeral ports come from the same seeded
 * streams; a connect to a port nobody listens on is refused; an address that is not local
 * times out after the connect timeout; a partition makes messages wait and new connects time
 * out; `drop` resets connections; SIGSTOP queues a node's inputs and SIGCONT delivers them in
 * order; `kill -9` ends the worker (memory lost, disk kept) and the spawner sees 137; an
 * exception inside a worker marks the node crashed (134) with the stack in its log.
 *
 * Lab time never outruns the workers (the watermark rule, see ./clock.ts): each worker
 * acknowledges the virtual time its event loop has reached every `ackIntervalMs` (20 ms real);
 * the runtime keeps the clock's cap at `min(acknowledged time of every live worker) + bound`,
 * with `bound = lagBoundMs × speed` (100 ms real: 1 s of lab time at 10×, 0.8 s at 8×). A
 * worker the CPU starves stops acknowledging, so the rest of the cluster and the shell's timers
 * stop at most one bound ahead of it, and the stretch it lost is dropped, not replayed: it
 * cannot miss 2.5 s of pings it never had the CPU to answer. Left out of the minimum: workers
 * still booting (the clock is held then anyway), exited ones, and a worker silent for longer
 * than `hungAfterMs` (an engine stuck in a loop must not freeze the lab; it is marked hung).
 *
 * Ordering across ports (what a single kernel gives for free): a worker hears the runtime on
 * several MessagePorts — comlink control calls on the worker itself, one port per connection,
 * the downlink — and the platform orders messages per port only. Three rules restore the causal
 * order the simulator has. (1) node → shell: a node's messages to a shell connection carry its
 * uplink sequence number and are delivered only after the uplink batches sent before them
 * (`afterUplink`), so its log lines and exit come first. (2) shell → node: everything the
 * runtime sends to a node that a learner could see the order of is numbered 1, 2, 3… per node
 * as it leaves this thread (`NodeProcess.sent`) — every control call (accept, signals,
 * SIGSTOP/SIGCONT, faults, clock changes, snapshot; numbered by `orderedApi` when comlink posts
 * it), every message the shell sends on a connection (bytes and FIN), every disk change
 * forwarded — and the worker takes them in number order whatever port they came by, holding an
 * early one (a control call then answers late) until those before it have arrived. So a
 * redis-cli run after another finds the old connection closed (Redis gives the new one the
 * lowest free fd, as on the simulator), `kill -STOP` or a cut then bytes applies the signal or
 * fault first, a FIN then `kill` closes the client before the signal, and a file the shell just
 * wrote is what CONFIG REWRITE reads. Not numbered: pings and clock anchors (the newest clock
 * wins by its `gen`). For the order to never stall, no numbered message may be lost: the
 * shell's last message on a connection is always its FIN, even after a reset or the node's own
 * FIN (`ClientEnd.finish`), and the worker keeps its end of a shell connection open until that
 * FIN has come. (3) node → node, when the runtime is between them: a node reports how many
 * messages it has sent on each link to another node (a `sent` item, first in the uplink batch
 * that follows, and always before it replies to the shell or asks to connect), and every
 * accept the runtime calls names, for the accepting node's links, what their other ends have
 * reported (`LinkOffer.after`, `sentTo`); the worker takes the accept — holding its order
 * behind it — once those have arrived or the link is gone on its side. So a replica that
 * answers `REPLICAOF NO ONE` is already gone for the next redis-cli on its primary
 * (`connected_slaves:0`), a node that exits has closed its links for the next client, and a
 * replica or sentinel that closes a connection and opens another to the same node is seen
 * closing first (the node reuses the fd, as Redis does). Should a message the order waits for
 * never come (a bug), the worker goes on after 2 s rather than freeze the node.
 * Not covered: rule 3 holds accepts only — bytes the shell sends on a connection already open
 * (an interactive redis-cli in another tab) do not wait for another node's messages, which a
 * human's typing outpaces anyway; and the order between different nodes' output at the shell
 * (node A's log line on its uplink vs node B's reply caused by A's message, different ports):
 * A's uplink message leaves first, but nothing holds B's reply for it.
 *
 * The disk: the runtime owns the one that survives a kill (./shared-disk.ts); each worker has a
 * copy holding every path but only the content of the files its node reads or writes, and a
 * change goes as content only to those (the forwarding rule, "Disk" below).
 *
 * Counterpart in a real system: the kernel — process table, sockets, signals, the page cache.
 */
import * as Comlink from 'comlink';
import type { Addr, Bytes, ConnId, ConnectError } from '../engine/types.ts';
import { unreachable } from '../engine/types.ts';
import { randomInt } from '../engine/util/random.ts';
import type { ClientConnection, ConnectHandlers, ProcessEntry, ShellHost, Signal, SpawnRequest } from '../shell/host.ts';
import {
  NO_FAULTS, deriveSeed, extraLatency, isBlocked, matchAddress, pairKey, streamRng,
  type BoundAddress, type DiskOp, type DownlinkMessage, type FaultTable, type InitRequest, type LinkMessage, type LinkOffer,
  type ExposedNodeWorkerApi, type LinkStat, type NodeSnapshot, type NodeSummary, type NodeWorkerApi, type UplinkBatch, type UplinkItem,
} from '../../workers/protocol.ts';
import { Clock } from './clock.ts';
import type { Platform, PortLike, WorkerHandle } from './platform.ts';
import { SharedDisk, type DiskChange } from './shared-disk.ts';
import { absolutePath } from '../engine/util/path.ts';
import { RuntimeStores, type LinkView, type NodeView } from './stores.ts';
import type { Rng } from '../engine/types.ts';

export interface RuntimeOptions {
  platform: Platform;
  /** Root seed of pids, run ids and ephemeral ports (default 1; the simulator's streams). */
  seed?: number;
  /** Virtual Unix ms the cluster starts at (default: the wall clock). */
  startMs?: number;
  /** Initial speed (default 1). */
  speed?: number;
  /** A disk to start from (default: an empty one). */
  disk?: SharedDisk;
  /** Virtual ms after which a connect with no answer fails with `timeout` (default 127,000, Linux's). */
  connectTimeoutMs?: number;
  /** Real ms between heartbeats (default 1000; 0 turns them off). */
  heartbeatMs?: number;
  /** Real ms without an answer after which a node is marked hung (default 5000). */
  hungAfterMs?: number;
  /** Real ms between the workers' stats for the stores (default 250; 0 = none). */
  statsIntervalMs?: number;
  /** Workers kept booted in advance, so a spawn skips loading the engine (default 1). */
  warmWorkers?: number;
  /** A module URL exporting `startNode`, used instead of the engine (tests inject faulty nodes). */
  nodeModule?: string;
  /** Log lines kept per node in the stores (default 1000). */
  logLimit?: number;
  /**
   * Real ms between the workers' processed-time acknowledgements (default 20; 0 turns the
   * watermark cap off). See {@link ClusterRuntime} "lab time never outruns the workers".
   */
  ackIntervalMs?: number;
  /**
   * How far lab time may run ahead of the slowest live worker's acknowledged time, in real ms
   * at the current speed (default 100: 1 s of lab time at 10×). Must exceed `ackIntervalMs`
   * by a margin, or an idle machine is slowed down too.
   */
  lagBoundMs?: number;
}

/** Speeds a learner can pick (the fast-forward boot may go faster). */
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 10;

/** A network party: a node's listening port (`6379`), `client`, or `*`. */
export type PartyRef = number | string;

type ProcState = 'starting' | 'running' | 'exited';

/** One end of a link: a node (by its process) or a client on the main thread. */
interface LinkRec {
  id: number;
  clientParty: string;
  serverParty: string;
  clientProc: NodeProcess | null;
  clientEnd: ClientEnd | null;
  serverProc: NodeProcess;
  localPort: number;
  /** Ends that reported the link closed. */
  closedEnds: number;
  /** Messages each node end has reported sending on it (`sent` items; LinkOffer.after). */
  clientSent: number;
  serverSent: number;
}

class NodeProcess {
  readonly pid: number;
  readonly request: SpawnRequest;
  state: ProcState = 'starting';
  stopped = false;
  crashed = false;
  hung = false;
  exitCode: number | null = null;
  worker: WorkerHandle | null = null;
  api: Comlink.Remote<NodeWorkerApi> | null = null;
  uplink: PortLike | null = null;
  port = 0;
  hosts: string[] = [];
  mode: 'standalone' | 'sentinel' | null = null;
  role = '';
  /** The last processed-time watermark the worker acknowledged, and when (real ms). */
  ackVirtual = -Infinity;
  ackReal = 0;
  summary: NodeSummary | null = null;
  linkStats: LinkStat[] = [];
  pendingInputs = 0;
  readonly links = new Set<LinkRec>();
  /** The last uplink batch handled, and client-port messages waiting for a later one. */
  seqSeen = 0;
  gated: Array<{ seq: number; run: () => void }> = [];
  lastPongReal = 0;
  /**
   * Messages numbered in the runtime's order to this node so far — control calls, the shell's
   * link messages, disk changes (see the file's comment, ordering rule 2).
   */
  sent = 0;
  /**
   * Paths whose content this node's worker holds and keeps current, or whose appearance it
   * waits for (it read them when missing): the forwarding rule (see "Disk" in ClusterRuntime).
   */
  readonly watched = new Set<string>();
  /** Bytes of file content sent down to this worker (spawn and changes): a test hook and stat. */
  diskBytesIn = 0;
  /** Resolved once the uplink has delivered batch `seq` (boot waits for the startup output). */
  onSeq: { seq: number; resolve: () => void } | null = null;
  ready: Promise<void> = Promise.resolve();
  /** Resolves when the process is gone (calls to its worker race against it). */
  readonly gone: Promise<'gone'>;
  markGone!: () => void;

  constructor(pid: number, request: SpawnRequest) {
    this.pid = pid;
    this.request = request;
    this.gone = new Promise((resolve) => (this.markGone = () => resolve('gone')));
  }

  /** Called before a number is taken: the runtime forwards the shell's pending disk changes first. */
  beforeOrder: (() => void) | null = null;

  /** The number of the next message in the runtime's order to this node. */
  nextOrder(): number {
    // A disk change the shell made before this message goes first, even within one turn.
    this.beforeOrder?.();
    return ++this.sent;
  }

  /**
   * The worker's control API with each call numbered when it is posted: comlink posts inside
   * the call, so the number is the order in which calls and link messages left this thread.
   */
  orderedApi(remote: Comlink.Remote<ExposedNodeWorkerApi>): Comlink.Remote<NodeWorkerApi> {
    return new Proxy({}, {
      // Not a thenable (awaiting the facade must not call the worker).
      get: (_target, name) => typeof name !== 'string' || name === 'then' ? undefined
        : (...args: unknown[]) => (remote[name as keyof NodeWorkerApi] as (...a: unknown[]) => unknown)(this.nextOrder(), ...args),
    }) as Comlink.Remote<NodeWorkerApi>;
  }

  get party(): string {
    return this.port > 0 ? String(this.port) : `pid:${this.pid}`;
  }

  /** The title `ps` shows, as Redis sets it (see src/sim/process.ts). */
  get title(): string {
    const program = this.request.program;
    if (this.port > 0 && this.hosts.length > 0) return `${program} ${this.hosts[0]}:${this.port}${this.mode === 'sentinel' ? ' [sentinel]' : ''}`;
    return [program, ...this.request.argv].join(' ');
  }
}

/** The shell's end of a connection: a MessagePort whose other end is in a node's worker. */
class ClientEnd implements ClientConnection {
  readonly id: number;
  readonly local: Addr;
  private readonly rt: ClusterRuntime;
  private readonly port: PortLike;
  private readonly link: LinkRec;
  private readonly handlers: ConnectHandlers;
  private outbox: Array<{ msg: Bytes | null; at: number }> = [];
  private timer: { at: number; fn: () => void } | null = null;
  /** We closed (FIN queued or sent): nothing more goes out, nothing more is delivered. */
  private closedOut = false;
  /** Our FIN has been posted: the last message on the port (the node's end closes on it). */
  private finPosted = false;
  private finished = false;
  /** The connection is over for the shell: onClose was called or we closed. */
  private done = false;

  constructor(rt: ClusterRuntime, link: LinkRec, port: PortLike, local: Addr, handlers: ConnectHandlers) {
    this.rt = rt;
    this.id = link.id;
    this.link = link;
    this.port = port;
    this.local = local;
    this.handlers = handlers;
  }

  /** Starts delivering (after the connect promise resolved: nothing arrives before). */
  start(): void {
    this.port.onmessage = (e) => {
      const [msg, seq] = e.data as [Bytes | null, number];
      this.rt.afterUplink(this.link.serverProc, seq, () => this.arrive(msg));
    };
  }

  send(bytes: Bytes): void {
    if (this.closedOut) return;
    this.queueOut(bytes);
  }

  close(): void {
    if (this.closedOut) return;
    this.queueOut(null);
    this.closedOut = true;
    this.done = true;
  }

  /** A reset (drop fault, or the server process died): the shell hears the close. */
  reset(): void {
    const wasDone = this.done;
    this.finish();
    if (!wasDone) this.handlers.onClose();
  }

  /** Re-sends what a fault held, after the fault table or the clock changed. */
  pump(): void {
    if (this.timer) this.rt.clock.clearTimer(this.timer);
    this.timer = null;
    while (this.outbox.length > 0) {
      if (isBlocked(this.rt.faultTable, this.link.clientParty, this.link.serverParty)) return;
      const head = this.outbox[0];
      const now = this.rt.clock.exact();
      if (head.at > now) {
        this.timer = this.rt.clock.setTimer(head.at - now, () => this.pump());
        return;
      }
      this.outbox.shift();
      this.post(head.msg);
    }
  }

  get heldCount(): number {
    return this.outbox.length;
  }

  private arrive(msg: Bytes | null): void {
    if (this.done) return;
    if (msg === null) {
      this.finish();
      this.handlers.onClose();
      return;
    }
    this.handlers.onData(msg);
  }

  private queueOut(msg: Bytes | null): void {
    const faults = this.rt.faultTable;
    const extra = extraLatency(faults, this.link.clientParty, this.link.serverParty);
    if (this.outbox.length === 0 && extra === 0 && !isBlocked(faults, this.link.clientParty, this.link.serverParty)) {
      this.post(msg);
      return;
    }
    this.outbox.push({ msg, at: this.rt.clock.exact() + extra });
    this.pump();
  }

  private post(msg: Bytes | null): void {
    // Numbered in the runtime's order to the node: the worker takes it after the control calls
    // and messages sent before it (a SIGSTOP, a cut, an earlier connection's FIN) and before
    // those sent after it (ordering rule 2 in the file's comment).
    this.port.postMessage([msg, this.link.serverProc.nextOrder()] satisfies LinkMessage);
    if (msg === null) {
      this.finPosted = true;
      this.finish();
    }
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    // However the connection ends, its last message is our FIN: the node closes its end of the
    // port on it, never before (a numbered message lost to a closed port would stall the order).
    if (!this.finPosted && this.link.serverProc.state !== 'exited') {
      this.finPosted = true;
      this.port.postMessage([null, this.link.serverProc.nextOrder()] satisfies LinkMessage);
    }
    this.done = true;
    this.closedOut = true;
    this.outbox = [];
    if (this.timer) this.rt.clock.clearTimer(this.timer);
    this.timer = null;
    this.port.onmessage = null;
    this.port.close();
    this.rt.linkEndClosed(this.link, 2);
  }
}

interface PathWaiter {
  from: string;
  to: string;
  resolve: (outcome: 'ok' | 'timeout') => void;
}

type Resolved = { kind: 'local'; host: string } | { kind: 'remote' } | { kind: 'unknown' };

/** The runtime: see the file's comment. Create it with a platform (`nodePlatform()`, `browserPlatform()`). */
export class ClusterRuntime implements ShellHost {
  readonly disk: SharedDisk;
  readonly clock: Clock;
  readonly stores: RuntimeStores;
  readonly seed: number;
  faultTable: FaultTable = NO_FAULTS;
  private readonly platform: Platform;
  private readonly options: Required<Pick<RuntimeOptions, 'connectTimeoutMs' | 'heartbeatMs' | 'hungAfterMs' | 'statsIntervalMs' | 'warmWorkers' | 'ackIntervalMs' | 'lagBoundMs'>> & RuntimeOptions;
  private readonly live = new Map<number, NodeProcess>();
  private readonly history = new Map<number, NodeProcess>();
  private readonly listeners: Array<BoundAddress & { host: string; proc: NodeProcess }> = [];
  private readonly links = new Map<number, LinkRec>();
  private readonly clientEnds = new Set<ClientEnd>();
  private readonly usedPorts = new Set<number>();
  private readonly portRngs = new Map<string, Rng>();
  private readonly streamCounts = new Map<string, number>();
  private readonly pidRng: Rng;
  private readonly pool: WorkerHandle[] = [];
  private waiters: PathWaiter[] = [];
  private lastPid: number;
  private nextLinkId = 1;
  /** Every spawn boots after the previous one has bound its port (atomic binds, like fork+bind). */
  private booting: Promise<void> = Promise.resolve();
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private limitTimer: ReturnType<typeof setInterval> | null = null;
  private pingCounter = 0;
  private diskOutbox: DiskChange[] = [];
  private diskFlushQueued = false;
  private tornDown = false;

  constructor(options: RuntimeOptions) {
    this.platform = options.platform;
    this.options = {
      connectTimeoutMs: 127_000, heartbeatMs: 1000, hungAfterMs: 5000, statsIntervalMs: 250, warmWorkers: 1, ackIntervalMs: 20, lagBoundMs: 100,
      ...options,
    };
    this.seed = options.seed ?? 1;
    this.stores = new RuntimeStores(options.logLimit ?? 1000);
    this.disk = options.disk ?? new SharedDisk();
    this.disk.onChange = (change) => this.shellChangedDisk(change);
    this.clock = new Clock(this.platform.realNow, options.startMs ?? this.platform.wallNow(), options.speed ?? 1);
    let prev = this.clock.current;
    this.clock.onChange((state) => {
      // A change of speed, pause or hold goes through comlink, ordered with the other calls
      // (a snapshot after a pause sees it paused); a mere raise of the cap, frequent, goes as a
      // plain message on the uplink port. `gen` lets the worker keep the newest of the two.
      const anchorsOnly = state.speed === prev.speed && state.paused === prev.paused && state.held === prev.held;
      prev = state;
      const msg: DownlinkMessage = { k: 'clock', clock: state };
      for (const p of this.live.values()) {
        if (!p.uplink || p.state === 'exited') continue;
        if (anchorsOnly) p.uplink.postMessage(msg);
        else if (p.api) void this.call(p, (api) => api.setClock(state));
      }
      for (const end of this.clientEnds) end.pump();
      const shown = this.stores.clock.get();
      if (!state.held && (shown.speed !== state.speed || shown.paused !== state.paused)) this.stores.clock.set({ speed: state.speed, paused: state.paused });
    });
    this.stores.clock.set({ speed: this.clock.speed, paused: false });
    this.pidRng = streamRng(this.seed, 'pids');
    this.lastPid = 10_000 + randomInt(this.pidRng, 30_000);
    for (let i = 0; i < this.options.warmWorkers; i++) this.pool.push(this.newWorker());
    if (this.options.heartbeatMs > 0) this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs);
    // Also re-checked on a timer: a worker that went silent (hung, or gone) must not hold the cap forever.
    if (this.options.ackIntervalMs > 0) this.limitTimer = setInterval(() => this.updateLimit(), this.options.ackIntervalMs * 2);
  }

  // ---------------------------------------------------------------------------------------
  // ShellHost
  // ---------------------------------------------------------------------------------------

  now(): number {
    return this.clock.now();
  }

  sleep(ms: number): Promise<void> {
    return this.clock.sleep(ms);
  }

  allocatePid(): number {
    this.lastPid += 1 + randomInt(this.pidRng, 3);
    if (this.lastPid > 4_194_304) this.lastPid = 300 + randomInt(this.pidRng, 1000);
    while (this.history.has(this.lastPid)) this.lastPid++;
    return this.lastPid;
  }

  /** Starts `program argv` in `cwd` in a worker of its own; returns its pid at once. */
  spawn(req: SpawnRequest): number {
    if (this.tornDown) throw new Error('the runtime was torn down');
    const pid = req.pid ?? this.allocatePid();
    const proc = new NodeProcess(pid, req);
    proc.beforeOrder = () => this.flushShellDisk();
    this.live.set(pid, proc);
    this.history.set(pid, proc);
    const seed = deriveSeed(this.seed, this.streamName(`process:${req.cwd} ${req.program} ${req.argv.join(' ')}`));
    // No lab time passes while the worker boots (the simulator starts a node in zero time).
    this.clock.hold();
    proc.ready = this.booting = this.booting.then(() => this.boot(proc, seed)).finally(() => this.clock.release());
    this.event(pid, 'spawn', proc.title);
    this.publishNodes();
    return pid;
  }

  kill(pid: number, signal: Signal): boolean {
    const proc = this.live.get(pid);
    if (!proc) return false;
    // A booted node gets the call now (counted before any bytes the shell sends next, ordering
    // rule 2 above); one still booting gets it once booted.
    const send = (fn: (api: Comlink.Remote<NodeWorkerApi>) => unknown) => {
      if (proc.state === 'running' && proc.api) void this.call(proc, fn);
      else void proc.ready.then(() => this.call(proc, fn));
    };
    switch (signal) {
      case 'KILL':
        this.event(pid, 'signal', 'SIGKILL');
        this.end(proc, 137, 'kill');
        break;
      case 'STOP':
        if (!proc.stopped) {
          proc.stopped = true;
          this.event(pid, 'signal', 'SIGSTOP');
          send((api) => api.stop());
          this.publishNodes();
        }
        break;
      case 'CONT':
        if (proc.stopped) {
          proc.stopped = false;
          this.event(pid, 'signal', 'SIGCONT');
          send((api) => api.cont());
          this.publishNodes();
        }
        break;
      case 'TERM':
      case 'INT':
        this.event(pid, 'signal', `SIG${signal}`);
        send((api) => api.signal(signal));
        break;
      default:
        unreachable(signal);
    }
    return true;
  }

  processes(): ProcessEntry[] {
    return [...this.live.values()].sort((a, b) => a.pid - b.pid).map((p) => ({ pid: p.pid, title: p.title, state: p.stopped ? 'stopped' : 'running' }));
  }

  /**
   * Opens a connection to `host:port` for the shell. Rejects with `'refused'` (nothing
   * listens), `'timeout'` (a partition, or an address not on this machine, after the connect
   * timeout), `'unreachable'` (a name that does not resolve). `party` names the client for
   * faults (default `client`).
   */
  async connect(host: string, port: number, handlers: ConnectHandlers, options: { party?: string } = {}): Promise<ClientConnection> {
    const party = options.party ?? 'client';
    const target = await this.route(host, port, party);
    if (typeof target === 'string') throw target;
    const { proc, hostAddr } = target;
    const local = { host: hostAddr, port: this.ephemeralPort(party) };
    const link = this.newLink(party, null, proc, local.port);
    const { port1, port2 } = this.platform.createChannel();
    const offer: LinkOffer = { link: link.id, peerParty: party, external: true, after: this.sentTo(proc) };
    const answer = await this.call(proc, (api) => api.accept(offer, Comlink.transfer(port2 as unknown as MessagePort, [port2 as unknown as Transferable]), local, { host: hostAddr, port }));
    if (answer !== 'ok') {
      port1.close();
      this.dropLink(link);
      throw 'refused' satisfies ConnectError;
    }
    const end = new ClientEnd(this, link, port1, local, handlers);
    link.clientEnd = end;
    this.clientEnds.add(end);
    this.publishLinks();
    // The shell's continuation runs before any reply is handed over.
    queueMicrotask(() => end.start());
    return end;
  }

  // ---------------------------------------------------------------------------------------
  // Nodes
  // ---------------------------------------------------------------------------------------

  /** Starts a process again with the same program, argv and cwd (killing it first if alive); returns the new pid. */
  restart(pid: number): number {
    const old = this.history.get(pid);
    if (!old) throw new Error(`restart: no process ${pid}`);
    if (old.state !== 'exited') this.end(old, 137, 'kill');
    const req = old.request;
    return this.spawn(detachedRequest(this, req.program, req.argv, req.cwd));
  }

  /** Starts a node whose output goes only to the stores (a scenario's or the UI's). */
  start(program: 'redis-server' | 'redis-sentinel', argv: string[], cwd = '/home/learner'): number {
    return this.spawn(detachedRequest(this, program, argv, cwd));
  }

  /** Resolves once every spawn so far has booted (bound its port, or exited). */
  settled(): Promise<void> {
    return this.booting;
  }

  /** The live process listening on `port`, else the latest process that did. */
  pidByPort(port: number): number | null {
    for (const p of this.live.values()) if (p.port === port) return p.pid;
    let latest: number | null = null;
    for (const p of this.history.values()) if (p.port === port) latest = p.pid;
    return latest;
  }

  /** Asks a node's worker for its state (role, offsets, links); null when it is gone. */
  async snapshot(pid: number): Promise<NodeSnapshot | null> {
    const proc = this.live.get(pid);
    if (!proc) return null;
    await proc.ready;
    const s = await this.call(proc, (api) => api.snapshot());
    return s === 'gone' ? null : s;
  }

  /** Views of every live process and the last exited one per port (for the map). */
  nodeViews(): NodeView[] {
    const byKey = new Map<string, NodeProcess>();
    for (const p of this.history.values()) {
      const key = p.port > 0 ? `port:${p.port}` : `pid:${p.pid}`;
      const prev = byKey.get(key);
      if (!prev || p.state !== 'exited' || prev.state === 'exited') byKey.set(key, p);
    }
    for (const p of this.live.values()) byKey.set(p.port > 0 ? `port:${p.port}` : `pid:${p.pid}`, p);
    return [...byKey.values()].filter((p) => p.state !== 'exited' || p.port > 0 || p.crashed).sort((a, b) => (a.port || 1e9) - (b.port || 1e9) || a.pid - b.pid).map(viewOf);
  }

  // ---------------------------------------------------------------------------------------
  // Clock
  // ---------------------------------------------------------------------------------------

  /** The learner's speed control: 0.25× to 10×. */
  setSpeed(speed: number): void {
    const s = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
    this.clock.setSpeed(s);
    this.event(null, 'clock', `speed ${s}×`);
  }

  /** Freezes the whole cluster: time stops, nodes queue their inputs. */
  pause(): void {
    this.clock.pause();
    this.event(null, 'clock', 'paused');
  }

  resume(): void {
    this.clock.resume();
    this.event(null, 'clock', 'resumed');
  }

  /**
   * Runs at `speed` (beyond the learner's range) until `until()` holds, checking every
   * `pollMs` real ms, for at most `limitMs` of virtual time; then back to the previous speed.
   * Resolves whether the condition was met. Lessons boot settled this way (DESIGN.md §6).
   */
  async fastForward(until: () => boolean | Promise<boolean>, options: { speed?: number; limitMs?: number; pollMs?: number } = {}): Promise<boolean> {
    const before = this.clock.speed;
    const deadline = this.clock.exact() + (options.limitMs ?? 60_000);
    this.clock.setSpeed(options.speed ?? 50);
    try {
      for (;;) {
        if (await until()) return true;
        if (this.clock.exact() >= deadline || this.tornDown) return false;
        await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 5));
      }
    } finally {
      if (!this.tornDown) this.clock.setSpeed(before);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Faults (party names as in the simulator: a node's port, `client`, `*`)
  // ---------------------------------------------------------------------------------------

  /** Cuts every link between the parties of `a` and those of `b`: messages wait, new connects time out. */
  cut(a: PartyRef | PartyRef[], b: PartyRef | PartyRef[]): void {
    const add: string[] = [];
    for (const x of parties(a)) for (const y of parties(b)) if (x !== y) add.push(pairKey(x, y));
    this.setFaults({ ...this.faultTable, partitions: unique([...this.faultTable.partitions, ...add]) }, `cut ${parties(a)} ⇹ ${parties(b)}`);
  }

  /** Heals the cut between `a` and `b` (every cut without arguments); held messages flow. */
  heal(a?: PartyRef | PartyRef[], b?: PartyRef | PartyRef[]): void {
    let partitions: string[] = [];
    if (a !== undefined && b !== undefined) {
      const gone = new Set<string>();
      for (const x of parties(a)) for (const y of parties(b)) gone.add(pairKey(x, y));
      partitions = this.faultTable.partitions.filter((p) => !gone.has(p));
    }
    this.setFaults({ ...this.faultTable, partitions }, a === undefined ? 'heal all' : `heal ${parties(a)} ⇹ ${parties(b ?? '*')}`);
  }

  /** Holds messages from `a` to `b` (one way) until {@link release}. */
  hold(a: PartyRef | PartyRef[], b: PartyRef | PartyRef[]): void {
    const add: string[] = [];
    for (const x of parties(a)) for (const y of parties(b)) if (x !== y) add.push(`${x}>${y}`);
    this.setFaults({ ...this.faultTable, holds: unique([...this.faultTable.holds, ...add]) }, `hold ${parties(a)} → ${parties(b)}`);
  }

  release(a?: PartyRef | PartyRef[], b?: PartyRef | PartyRef[]): void {
    let holds: string[] = [];
    if (a !== undefined && b !== undefined) {
      const gone = new Set<string>();
      for (const x of parties(a)) for (const y of parties(b)) gone.add(`${x}>${y}`);
      holds = this.faultTable.holds.filter((h) => !gone.has(h));
    }
    this.setFaults({ ...this.faultTable, holds }, 'release');
  }

  /** Adds `extraMs` of one-way virtual latency between `a` and `b` (0 removes it). */
  delay(a: PartyRef | PartyRef[], b: PartyRef | PartyRef[], extraMs: number): void {
    const map = new Map(this.faultTable.latencies);
    for (const x of parties(a)) for (const y of parties(b)) {
      if (extraMs > 0) map.set(pairKey(x, y), extraMs);
      else map.delete(pairKey(x, y));
    }
    this.setFaults({ ...this.faultTable, latencies: [...map] }, `delay ${parties(a)} ⇹ ${parties(b)} +${extraMs}ms`);
  }

  /** Resets every connection between `a` and `b`: both sides see `closed`, bytes in flight are lost. */
  drop(a: PartyRef | PartyRef[], b: PartyRef | PartyRef[]): void {
    const as = parties(a);
    const bs = parties(b);
    const hit = (x: string, y: string) => (as.includes(x) || as.includes('*')) && (bs.includes(y) || bs.includes('*'));
    for (const link of [...this.links.values()]) {
      if (!(hit(link.clientParty, link.serverParty) || hit(link.serverParty, link.clientParty))) continue;
      this.resetLink(link, null);
    }
    this.event(null, 'fault', `drop ${as} ⇹ ${bs}`);
  }

  // ---------------------------------------------------------------------------------------
  // Teardown
  // ---------------------------------------------------------------------------------------

  /** Ends every worker and timer; the disk stays readable. */
  teardown(): void {
    if (this.tornDown) return;
    this.tornDown = true;
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    if (this.limitTimer !== null) clearInterval(this.limitTimer);
    this.clock.dispose();
    for (const proc of this.live.values()) {
      proc.state = 'exited';
      proc.worker?.terminate();
      proc.uplink?.close();
      proc.markGone();
    }
    this.live.clear();
    for (const w of this.pool.splice(0)) w.terminate();
    for (const end of this.clientEnds) end.reset();
    this.clientEnds.clear();
    for (const w of this.waiters) w.resolve('timeout');
    this.waiters = [];
  }

  // ---------------------------------------------------------------------------------------
  // Inside: booting, the uplink, ends of processes
  // ---------------------------------------------------------------------------------------

  private newWorker(): WorkerHandle {
    return this.platform.createWorker('redis-node');
  }

  private async boot(proc: NodeProcess, seed: number): Promise<void> {
    if (proc.state === 'exited' || this.tornDown) return;
    const worker = this.pool.shift() ?? this.newWorker();
    if (this.pool.length < this.options.warmWorkers) this.pool.push(this.newWorker());
    proc.worker = worker;
    proc.api = proc.orderedApi(Comlink.wrap<ExposedNodeWorkerApi>(worker.endpoint));
    worker.onError((message) => this.crashed(proc, message));
    // The shell's pending disk changes go to the running nodes now: the snapshot below has
    // them, and nothing numbered may go to this node before its init.
    this.flushShellDisk();
    const { port1, port2 } = this.platform.createChannel();
    proc.uplink = port1;
    port1.onmessage = (e) => this.onUplink(proc, e.data as UplinkBatch);
    proc.lastPongReal = this.platform.realNow();
    // The content of the file its argv names (the config; what else it reads at startup it asks
    // for, see `want`), the names of the others.
    const argv0 = proc.request.argv[0];
    if (argv0 !== undefined && !argv0.startsWith('-')) proc.watched.add(absolutePath(proc.request.cwd, argv0));
    const files: Array<[string, Bytes]> = [];
    const stubs: string[] = [];
    for (const [path, data] of this.disk.files) {
      if (proc.watched.has(path)) {
        files.push([path, data]);
        proc.diskBytesIn += data.length;
      } else {
        stubs.push(path);
      }
    }
    const req: InitRequest = {
      process: { pid: proc.pid, cwd: proc.request.cwd, program: proc.request.program, argv: [...proc.request.argv], stdoutIsTty: proc.request.stdoutIsTty },
      seed,
      files,
      stubs,
      dirs: [...this.disk.dirs],
      bound: this.listeners.map(({ match, port }) => ({ match, port })),
      clock: this.clock.current,
      faults: this.faultTable,
      statsIntervalMs: this.options.statsIntervalMs,
      ackIntervalMs: this.options.ackIntervalMs,
      nodeModule: this.options.nodeModule,
    };
    let result;
    try {
      result = await Promise.race([proc.api.init(req, Comlink.transfer(port2 as unknown as MessagePort, [port2 as unknown as Transferable])), proc.gone]);
    } catch (e) {
      this.crashed(proc, e instanceof Error ? (e.stack ?? e.message) : String(e));
      return;
    }
    if (result === 'gone' || (proc.state as ProcState) === 'exited') return;
    if (result.listening) this.listen(proc, result.listening.port, result.listening.hosts, result.listening.mode);
    if (!result.exited && proc.state === 'starting') proc.state = 'running';
    proc.ackVirtual = this.clock.exact();
    proc.ackReal = this.platform.realNow();
    // The clock or the faults may have changed while it booted; SIGSTOP may have come early.
    void this.call(proc, (api) => api.setClock(this.clock.current));
    void this.call(proc, (api) => api.setFaults(this.faultTable));
    if (proc.stopped) void this.call(proc, (api) => api.stop());
    this.publishNodes();
  }

  private listen(proc: NodeProcess, port: number, hosts: string[], mode: 'standalone' | 'sentinel'): void {
    if (proc.port === port) return;
    proc.port = port;
    proc.hosts = hosts;
    proc.mode = mode;
    for (const host of hosts) this.listeners.push({ host, match: matchAddress(host), port, proc });
    this.event(proc.pid, 'listening', hosts.map((h) => `${h}:${port}`).join(' '));
  }

  private unlisten(proc: NodeProcess): void {
    for (let i = this.listeners.length - 1; i >= 0; i--) if (this.listeners[i].proc === proc) this.listeners.splice(i, 1);
  }

  private onUplink(proc: NodeProcess, batch: UplinkBatch): void {
    let changes: DiskChange[] | null = null;
    for (const item of batch.items) {
      if (item.k === 'disk') (changes ??= []).push(this.nodeChangedDisk(proc, item.op));
      else this.onUplinkItem(proc, item);
    }
    if (changes) this.forwardDisk(changes, proc);
    if (batch.seq > proc.seqSeen) proc.seqSeen = batch.seq;
    if (proc.onSeq && proc.onSeq.seq <= proc.seqSeen) {
      proc.onSeq.resolve();
      proc.onSeq = null;
    }
    this.releaseGated(proc);
  }

  private onUplinkItem(proc: NodeProcess, item: UplinkItem): void {
    switch (item.k) {
      case 'stdout':
        proc.request.stdout(item.text);
        break;
      case 'stderr':
        proc.request.stderr(item.text);
        break;
      case 'event': {
        const ev = item.event;
        if (ev.type === 'listening') {
          this.listen(proc, ev.port, item.hosts ?? ['*'], ev.mode);
          this.publishNodes();
        } else if (ev.type === 'role') {
          proc.role = ev.role;
          this.event(proc.pid, 'role', ev.role);
          this.publishNodes();
        } else if (ev.type === 'log') {
          this.stores.appendLog(proc.pid, ev.line);
        }
        break;
      }
      case 'disk':
        this.forwardDisk([this.nodeChangedDisk(proc, item.op)], proc);
        break;
      case 'want':
        this.sendWanted(proc, item.paths, item.id);
        break;
      case 'connect':
        void this.nodeConnect(proc, item.conn, item.host, item.port);
        break;
      case 'sent':
        for (const [id, count] of item.links) {
          const link = this.links.get(id);
          if (link?.clientProc === proc) link.clientSent = count;
          else if (link?.serverProc === proc) link.serverSent = count;
        }
        break;
      case 'linkClosed': {
        const link = this.links.get(item.link);
        if (link) this.linkEndClosed(link, link.serverProc === proc ? 1 : 2);
        break;
      }
      case 'exit':
        this.end(proc, item.code, 'exit');
        break;
      case 'crash':
        this.crashed(proc, item.error);
        break;
      case 'stats':
        proc.summary = item.summary;
        proc.linkStats = item.links;
        proc.pendingInputs = item.pending;
        this.publishNodes();
        this.publishLinks();
        break;
      case 'ack':
        if (item.at > proc.ackVirtual) proc.ackVirtual = item.at;
        proc.ackReal = this.platform.realNow();
        this.updateLimit();
        break;
      case 'summary':
        proc.summary = item.summary;
        this.publishNodes();
        break;
      case 'pong':
        proc.lastPongReal = this.platform.realNow();
        if (proc.hung) {
          proc.hung = false;
          this.event(proc.pid, 'answering', 'answers again');
          this.publishNodes();
        }
        break;
      default:
        unreachable(item);
    }
  }

  /** Runs `fn` once the node's uplink has delivered batch `seq` (causal order of its output). */
  afterUplink(proc: NodeProcess, seq: number, fn: () => void): void {
    if (seq <= proc.seqSeen && proc.gated.length === 0) fn();
    else {
      proc.gated.push({ seq, run: fn });
      this.releaseGated(proc);
    }
  }

  private releaseGated(proc: NodeProcess, all = false): void {
    while (proc.gated.length > 0 && (all || proc.gated[0].seq <= proc.seqSeen)) (proc.gated.shift() as { run: () => void }).run();
  }

  /** The node asked for a connection (a replica to its primary, a sentinel to the nodes it watches). */
  private async nodeConnect(proc: NodeProcess, conn: ConnId, host: string, port: number): Promise<void> {
    const target = await this.route(host, port, proc.party);
    if (proc.state === 'exited') return;
    if (typeof target === 'string') {
      void this.call(proc, (api) => api.connectFailed(conn, target));
      return;
    }
    const { proc: server, hostAddr } = target;
    const local = { host: hostAddr, port: this.ephemeralPort(proc.party) };
    const link = this.newLink(proc.party, proc, server, local.port);
    const { port1, port2 } = this.platform.createChannel();
    const answer = await this.call(server, (api) => api.accept({ link: link.id, peerParty: proc.party, external: false, after: this.sentTo(server) }, Comlink.transfer(port2 as unknown as MessagePort, [port2 as unknown as Transferable]), local, { host: hostAddr, port }));
    if (answer !== 'ok') {
      port1.close();
      this.dropLink(link);
      void this.call(proc, (api) => api.connectFailed(conn, 'refused'));
      return;
    }
    const offer: LinkOffer = { link: link.id, peerParty: server.party, external: false };
    const done = await this.call(proc, (api) => api.connected(offer, conn, Comlink.transfer(port1 as unknown as MessagePort, [port1 as unknown as Transferable]), local));
    if (done === 'gone') this.resetLink(link, proc);
    this.publishLinks();
  }

  /**
   * Where a connect from `party` to `host:port` goes: the listening process, or the failure
   * (`refused`, `timeout`, `unreachable`) after the time it takes, as in the simulator.
   */
  private async route(host: string, port: number, party: string): Promise<{ proc: NodeProcess; hostAddr: string } | ConnectError> {
    await this.booting;
    const resolved = this.resolve(host);
    if (resolved.kind === 'unknown') {
      await this.platform.tick();
      return 'unreachable';
    }
    if (resolved.kind === 'remote') {
      await this.clock.sleep(this.options.connectTimeoutMs);
      return 'timeout';
    }
    let proc = this.lookup(resolved.host, port);
    if (!proc) {
      await this.platform.tick();
      return 'refused';
    }
    if (isBlocked(this.faultTable, party, proc.party) || isBlocked(this.faultTable, proc.party, party)) {
      // The SYN waits in the partition; the connect times out unless it heals first.
      if ((await this.waitPath(party, proc.party)) === 'timeout') return 'timeout';
      proc = this.lookup(resolved.host, port);
      if (!proc) return 'refused';
    }
    if (proc.state === 'exited') return 'refused';
    return { proc, hostAddr: resolved.host };
  }

  private waitPath(from: string, to: string): Promise<'ok' | 'timeout'> {
    return new Promise((resolve) => {
      const timer = this.clock.setTimer(this.options.connectTimeoutMs, () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve('timeout');
      });
      const waiter: PathWaiter = {
        from, to,
        resolve: (outcome) => {
          this.clock.clearTimer(timer);
          resolve(outcome);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private resolve(host: string): Resolved {
    const h = host.toLowerCase();
    if (h === 'localhost' || h === '0.0.0.0' || h === '') return { kind: 'local', host: '127.0.0.1' };
    if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::1') return { kind: 'local', host: h };
    if (this.listeners.some((l) => l.match === h)) return { kind: 'local', host: h };
    if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h.includes(':')) return { kind: 'remote' };
    return { kind: 'unknown' };
  }

  private lookup(host: string, port: number): NodeProcess | null {
    let wildcard: NodeProcess | null = null;
    for (const l of this.listeners) {
      if (l.port !== port) continue;
      if (l.match === host) return l.proc;
      if (l.match === '*') wildcard = l.proc;
    }
    return wildcard;
  }

  /**
   * The process ends. `exit`: it exited by itself (its worker already sent FIN on every link).
   * `kill`: SIGKILL, the worker is terminated and its links reset. `crash`: an exception.
   */
  private end(proc: NodeProcess, code: number, how: 'exit' | 'kill' | 'crash'): void {
    if (proc.state === 'exited') return;
    proc.state = 'exited';
    proc.exitCode = code;
    proc.stopped = false;
    this.live.delete(proc.pid);
    this.unlisten(proc);
    proc.worker?.terminate();
    const finish = () => {
      proc.markGone();
      proc.uplink?.close();
      this.event(proc.pid, how === 'crash' ? 'crash' : 'exit', `exit ${code}`);
      // The spawner hears the exit before anyone hears the connections close (as in the simulator).
      proc.request.exit(code);
      this.releaseGated(proc, true);
      if (how !== 'exit') for (const link of [...proc.links]) this.resetLink(link, proc);
      this.publishNodes();
      this.publishLinks();
    };
    if (how === 'exit') finish();
    // Let what the worker said before it died arrive first (its last log lines, disk writes).
    else void this.platform.tick().then(finish);
  }

  /** An exception in the node's worker: marked crashed, the stack in its log and on stderr. */
  private crashed(proc: NodeProcess, error: string): void {
    if (proc.state === 'exited') return;
    proc.crashed = true;
    for (const line of `engine exception: ${error}`.split('\n')) this.stores.appendLog(proc.pid, line);
    proc.request.stderr(`\n=== engine exception in pid ${proc.pid}; the node is marked crashed ===\n${error}\n`);
    this.end(proc, 134, 'crash');
  }

  /**
   * Keeps the clock's cap at the slowest live worker's acknowledged time plus the bound (the
   * watermark rule in the file's comment). Raised in steps of a quarter bound so an idle
   * cluster does not broadcast a new cap on every acknowledgement; raised at once when the
   * cap is holding time.
   */
  private updateLimit(): void {
    if (this.tornDown || this.options.ackIntervalMs <= 0 || this.options.lagBoundMs <= 0) return;
    const real = this.platform.realNow();
    let slowest = Infinity;
    for (const p of this.live.values()) {
      if (p.state !== 'running' || !p.uplink || p.hung || p.crashed) continue;
      if (real - p.ackReal > this.options.hungAfterMs) continue;
      if (p.ackVirtual < slowest) slowest = p.ackVirtual;
    }
    const bound = this.options.lagBoundMs * this.clock.speed;
    const limit = slowest + bound;
    const current = this.clock.limit;
    if (limit === current) return;
    if (!Number.isFinite(limit) || !Number.isFinite(current) || limit < current || limit - current >= bound / 4 || this.clock.capped) this.clock.setLimit(limit);
  }

  private beat(): void {
    const real = this.platform.realNow();
    for (const proc of this.live.values()) {
      if (proc.state !== 'running' || !proc.uplink) continue;
      if (!proc.hung && real - proc.lastPongReal > this.options.hungAfterMs) {
        proc.hung = true;
        this.stores.appendLog(proc.pid, `lab: the worker of pid ${proc.pid} stopped answering`);
        this.event(proc.pid, 'hung', 'stopped answering');
        this.publishNodes();
      }
      proc.uplink.postMessage({ k: 'ping', n: ++this.pingCounter } satisfies DownlinkMessage);
    }
  }

  /** Calls the node's worker, unless the process is gone first (then `'gone'`). */
  private async call<T>(proc: NodeProcess, fn: (api: Comlink.Remote<NodeWorkerApi>) => Promise<T> | T): Promise<T | 'gone'> {
    if (!proc.api || proc.state === 'exited') return 'gone';
    try {
      return await Promise.race([fn(proc.api), proc.gone]);
    } catch {
      return 'gone';
    }
  }

  // ---- links ----

  /**
   * What other nodes have reported sending `proc` on their links to it, as `[link, count]`: its
   * next accept waits for them (ordering rule 3), so a connection caused by something after
   * them — a node's exit, a replica leaving, a reply the shell read — finds them delivered.
   */
  private sentTo(proc: NodeProcess): Array<[number, number]> {
    const after: Array<[number, number]> = [];
    for (const l of proc.links) {
      const count = l.serverProc === proc ? (l.clientProc ? l.clientSent : 0) : l.serverSent;
      if (count > 0) after.push([l.id, count]);
    }
    return after;
  }

  private newLink(clientParty: string, clientProc: NodeProcess | null, serverProc: NodeProcess, localPort: number): LinkRec {
    const link: LinkRec = { id: this.nextLinkId++, clientParty, serverParty: serverProc.party, clientProc, clientEnd: null, serverProc, localPort, closedEnds: 0, clientSent: 0, serverSent: 0 };
    this.links.set(link.id, link);
    serverProc.links.add(link);
    clientProc?.links.add(link);
    return link;
  }

  /** One end reported the link closed (1 = server end, 2 = client end); both → it is gone. */
  linkEndClosed(link: LinkRec, end: 1 | 2): void {
    link.closedEnds |= end;
    if (link.closedEnds === 3) this.dropLink(link);
    else this.publishLinks();
  }

  private dropLink(link: LinkRec): void {
    if (!this.links.delete(link.id)) return;
    link.serverProc.links.delete(link);
    link.clientProc?.links.delete(link);
    if (link.clientEnd) this.clientEnds.delete(link.clientEnd);
    this.usedPorts.delete(link.localPort);
    this.publishLinks();
  }

  /** Resets a link: every end still alive (other than `except`) sees it close. */
  private resetLink(link: LinkRec, except: NodeProcess | null): void {
    for (const proc of [link.serverProc, link.clientProc]) {
      if (proc && proc !== except && proc.state !== 'exited') void this.call(proc, (api) => api.reset([link.id]));
    }
    link.clientEnd?.reset();
    this.dropLink(link);
  }

  private ephemeralPort(party: string): number {
    let rng = this.portRngs.get(party);
    if (!rng) this.portRngs.set(party, (rng = streamRng(this.seed, `ports:${party}`)));
    for (;;) {
      const port = 32768 + randomInt(rng, 60999 - 32768 + 1);
      if (!this.usedPorts.has(port) && !this.listeners.some((l) => l.port === port)) {
        this.usedPorts.add(port);
        return port;
      }
    }
  }

  // ---- faults ----

  private setFaults(table: FaultTable, description: string): void {
    this.faultTable = table;
    for (const p of this.live.values()) if (p.api) void this.call(p, (api) => api.setFaults(table));
    for (const end of this.clientEnds) end.pump();
    const open = this.waiters.filter((w) => !isBlocked(table, w.from, w.to) && !isBlocked(table, w.to, w.from));
    this.waiters = this.waiters.filter((w) => !open.includes(w));
    for (const w of open) w.resolve('ok');
    this.stores.faults.set(table);
    this.event(null, 'fault', description);
  }

  // ---- disk ----
  //
  // The forwarding rule. A node's worker has its own copy of the disk, but only of what it
  // uses: every path (names and directories, so `exists`, `isDirectory` and `list` answer as
  // on the shared disk), and the content of the files in its `watched` set — the file its argv
  // names, every file it has read (or tried to read while it was missing: it learns of its
  // creation with the content) and every file it wrote. A change to a watched file goes to the
  // node as it is; for the others the node hears only of a new name (`t`), a removal, a
  // rename. Redis reads files at known moments — startup (config, includes, RDB, AOF manifest
  // and files), CONFIG REWRITE and Sentinel's config rewrite (its config file, read at
  // startup), DEBUG RELOAD and the load after a sync (its RDB, written by itself first) — so
  // a node has the content of what it reads then. At startup the worker finds out what it
  // reads by running the startup and, if it met a file it holds no content for, asking for
  // those (`want`), undoing that run and running it again (workers/node.worker.ts, `init`).
  // Left over: a file a running node reads for the first time that someone else wrote (after
  // CONFIG SET dir or dbfilename, DEBUG RELOAD NOSAVE of a file never read) is read as missing
  // that once; the node asks for it then, so later reads are exact. Everything a node writes
  // still comes up to the shared disk (the shell's view, kept across a kill). Ordering is
  // unchanged: each node's downlink `disk` messages are numbered like every other message.

  private shellChangedDisk(change: DiskChange): void {
    this.diskOutbox.push(change);
    if (this.diskFlushQueued) return;
    this.diskFlushQueued = true;
    queueMicrotask(() => this.flushShellDisk());
  }

  /** Forwards the shell's changes not yet forwarded (at the end of its turn, or before a `want` is answered). */
  private flushShellDisk(): void {
    this.diskFlushQueued = false;
    if (this.diskOutbox.length === 0) return;
    const changes = this.diskOutbox;
    this.diskOutbox = [];
    this.forwardDisk(changes, null);
  }

  /** A node's change, applied to the shared disk; the node's `watched` set follows what its copy now holds. */
  private nodeChangedDisk(proc: NodeProcess, op: DiskOp): DiskChange {
    const change = this.disk.applyFromNode(op);
    switch (op[0]) {
      case 'w': proc.watched.add(op[1]); break;
      // An append that created the file: the node has all of it.
      case 'a': if (change.fresh) proc.watched.add(op[1]); break;
      case 'm': if (proc.watched.has(op[1])) proc.watched.add(op[2]); else proc.watched.delete(op[2]); break;
      case 'f': case 'r': case 'd': case 't': break;
      default: unreachable(op[0]);
    }
    return change;
  }

  /** Passes disk changes on to every running node but the one that made them: content to the nodes that watch the file, names to the others. */
  private forwardDisk(changes: DiskChange[], from: NodeProcess | null): void {
    // The shell's pending changes were made on the shared disk before these: they go first.
    if (from !== null) this.flushShellDisk();
    for (const p of this.live.values()) {
      if (p === from || !p.uplink || p.state === 'exited') continue;
      const ops: DiskOp[] = [];
      for (const c of changes) this.opsFor(p, c, ops);
      // Numbered: a node reads the change before the shell's next connection or bytes reach it.
      if (ops.length > 0) p.uplink.postMessage({ k: 'disk', ops, order: p.nextOrder() } satisfies DownlinkMessage);
    }
  }

  /** What node `p` is told of a change (the forwarding rule). */
  private opsFor(p: NodeProcess, c: DiskChange, out: DiskOp[]): void {
    const op = c.op;
    switch (op[0]) {
      case 'w':
      case 'a':
        if (p.watched.has(op[1])) {
          out.push(op);
          p.diskBytesIn += op[2].length;
        } else if (c.fresh) {
          out.push(['t', op[1]]);
        }
        break;
      case 'f':
        if (p.watched.has(op[1])) out.push(op);
        break;
      case 'r':
      case 'd':
      case 't':
        out.push(op);
        break;
      case 'm':
        if (p.watched.has(op[1])) {
          out.push(op);
          p.watched.add(op[2]);
        } else if (p.watched.has(op[2]) && c.after !== undefined) {
          // It reads the target but never held the source: the source goes, the content comes.
          out.push(['r', op[1]], ['w', op[2], c.after]);
          p.diskBytesIn += c.after.length;
        } else {
          out.push(op);
        }
        break;
      default:
        unreachable(op[0]);
    }
  }

  /**
   * A node reads `paths` (a `want`): from now on it watches them; it gets their content now,
   * numbered after every change forwarded before (the shell's pending ones go first, so none
   * is applied twice), answering `id` when the worker waits for it.
   */
  private sendWanted(proc: NodeProcess, paths: string[], id: number | undefined): void {
    this.flushShellDisk();
    const ops: DiskOp[] = [];
    for (const path of paths) {
      if (proc.watched.has(path)) continue;
      proc.watched.add(path);
      const data = this.disk.files.get(path);
      if (data !== undefined) {
        ops.push(['w', path, data]);
        proc.diskBytesIn += data.length;
      }
    }
    if (!proc.uplink || proc.state === 'exited' || (ops.length === 0 && id === undefined)) return;
    proc.uplink.postMessage({ k: 'disk', ops, order: proc.nextOrder(), reply: id } satisfies DownlinkMessage);
  }

  /**
   * The forwarding rule's view of a node (tests, diagnostics): the paths it watches and the
   * bytes of file content sent to its worker so far; null for an unknown pid.
   */
  diskView(pid: number): { watched: string[]; bytesIn: number } | null {
    const proc = this.live.get(pid) ?? this.history.get(pid);
    return proc ? { watched: [...proc.watched].sort(), bytesIn: proc.diskBytesIn } : null;
  }

  // ---- stores ----

  private event(pid: number | null, kind: Parameters<RuntimeStores['addEvent']>[0]['kind'], text: string): void {
    this.stores.addEvent({ at: this.clock.now(), pid, kind, text });
  }

  private publishNodes(): void {
    this.stores.nodes.set(this.nodeViews());
  }

  private publishLinks(): void {
    const views: LinkView[] = [];
    for (const link of this.links.values()) {
      const s = link.serverProc.linkStats.find((l) => l.link === link.id);
      const c = link.clientProc?.linkStats.find((l) => l.link === link.id);
      views.push({
        id: link.id,
        from: link.clientParty,
        to: link.serverParty,
        fromPid: link.clientProc?.pid ?? null,
        toPid: link.serverProc.pid,
        inFlightUp: c && s ? Math.max(0, c.sent - s.received) : 0,
        inFlightDown: c && s ? Math.max(0, s.sent - c.received) : 0,
        held: (s?.held ?? 0) + (c?.held ?? 0) + (link.clientEnd?.heldCount ?? 0),
      });
    }
    this.stores.links.set(views);
  }

  private streamName(name: string): string {
    const k = this.streamCounts.get(name) ?? 0;
    this.streamCounts.set(name, k + 1);
    return `${name}#${k}`;
  }
}

function viewOf(p: NodeProcess): NodeView {
  return {
    pid: p.pid,
    program: p.request.program,
    argv: [...p.request.argv],
    cwd: p.request.cwd,
    title: p.title,
    port: p.port,
    party: p.party,
    mode: p.mode,
    role: p.summary?.role ?? p.role,
    state: p.crashed ? 'crashed' : p.state === 'exited' ? 'exited' : p.stopped ? 'stopped' : p.state,
    hung: p.hung,
    exitCode: p.exitCode,
    summary: p.summary,
    pendingInputs: p.pendingInputs,
  };
}

/** A spawn request whose output goes to the stores only (nodes the UI or a scenario starts). */
function detachedRequest(rt: ClusterRuntime, program: 'redis-server' | 'redis-sentinel', argv: string[], cwd: string): SpawnRequest {
  let pid = 0;
  return {
    program,
    argv: [...argv],
    cwd,
    stdoutIsTty: false,
    stdout: () => {},
    stderr: (text) => {
      for (const line of text.split('\n')) if (line !== '') rt.stores.appendLog(pid, line);
    },
    exit: () => {},
    get pid() {
      return pid === 0 ? (pid = rt.allocatePid()) : pid;
    },
  };
}

function parties(ref: PartyRef | PartyRef[]): string[] {
  return (Array.isArray(ref) ? ref : [ref]).map(String);
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
