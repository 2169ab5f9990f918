/**
 * One Redis node (server or sentinel mode) in its own thread: a Web Worker in the browser, a
 * worker_threads Worker under Node (through ./node-thread.ts). It is the event loop the engine
 * leaves out (Redis's `aeMain`): it feeds the sans-I/O engine its inputs and the passing of time,
 * and carries out its outputs.
 *
 * - Time: `now = anchorVirtual + (realNow − anchorReal) × speed` with the anchors the runtime
 *   broadcasts (DESIGN.md §4); the node's cron runs on a real timer at `nextWakeMs`, scaled.
 * - Links: each connection is a MessagePort transferred here by the runtime; bytes go straight
 *   to the other end, never through the main thread. Faults (partition, hold, latency) are
 *   applied here on the sending side, from the fault table the runtime broadcasts.
 * - Disk: a private copy of the shared disk — every path, but the content only of the files the
 *   node reads or writes (the forwarding rule, src/runtime/runtime.ts "Disk"); every change the
 *   node makes goes up to the runtime, which owns the disk that survives a kill; changes made by
 *   others come down. At startup a read of a file whose content it lacks is fetched (`want`)
 *   and the startup run again from scratch (`init`).
 * - Control: comlink (`Comlink.expose`) only — init, accept/connect plumbing, signals,
 *   SIGSTOP/SIGCONT, clock and faults, snapshot. Output, events, logs and disk writes go on the
 *   uplink port given at init.
 * - Order across ports (src/runtime/runtime.ts, rules 2 and 3): what the runtime sends comes
 *   numbered — control calls, the shell's messages on each connection, disk changes — and is
 *   taken in number order whatever port brought it (`inOrder`); an accept also waits for the
 *   messages other nodes had sent this one before it was called (`LinkOffer.after`), which
 *   they report in `sent` items.
 *
 * Counterpart in a real system: the redis-server process and the kernel's side of its sockets.
 * Worker code rules: `.ts` imports, erasable syntax, no path aliases, no Node or DOM APIs beyond
 * what both offer (setTimeout, performance, MessagePort).
 */
import * as Comlink from 'comlink';
import { startNode, type EngineNode, type NodeEnv } from '../src/engine/node.ts';
import type { Addr, Bytes, ConnId, ConnectError, Disk, NodeInput, NodeOutput, ProcessInfo } from '../src/engine/types.ts';
import { unreachable } from '../src/engine/types.ts';
import { MemoryDisk } from '../src/engine/util/memory-disk.ts';
import { SeededRng } from '../src/engine/util/random.ts';
import { describeNode } from './describe.ts';
import {
  NO_FAULTS, applyDiskOp, canBindAmong, extraLatency, isBlocked, realNow, virtualAt,
  type BoundAddress, type ClockState, type DiskOp, type DownlinkMessage, type FaultTable, type InitRequest, type InitResult,
  type ExposedNodeWorkerApi, type LinkMessage, type LinkOffer, type LinkStat, type NodeSnapshot, type NodeSummary, type UplinkItem,
} from './protocol.ts';

/** The part of MessagePort both the DOM and node:worker_threads have. */
interface Port {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

type NodeFactory = (env: NodeEnv) => { node: EngineNode; outputs: NodeOutput[] };

/** A connection end owned by this node. */
interface Link {
  id: number;
  conn: ConnId;
  port: Port;
  peerParty: string;
  external: boolean;
  /** Messages waiting for a partition to heal or an added latency to pass, with their due time. */
  outbox: Array<{ msg: Bytes | null; at: number }>;
  timer: ReturnType<typeof setTimeout> | null;
  /** We sent our FIN (or the link was reset): nothing more goes out. */
  closedOut: boolean;
  /**
   * The peer's FIN came. A link to the main thread keeps its port open until then, even once
   * retired: the runtime numbered everything it sent on it, and a message lost to a closed port
   * would leave a gap in that order (see {@link NodeHost.inOrder}).
   */
  finIn: boolean;
  sent: number;
  received: number;
  /** Messages that came on the port, dropped ones and the FIN included (LinkOffer.after counts these). */
  arrived: number;
}

/**
 * The disk as the node sees it: a private copy whose changes are reported to the runtime. It
 * knows every path; `stubs` are the files whose content it does not hold (the runtime's
 * forwarding rule): reading one is a miss. During the startup probe (`probe`) a miss is
 * recorded and every change is journaled, so the run can be undone and made again once the
 * content has come; later a miss asks for the file (`want`) and reads it as missing that once.
 */
class WorkerDisk implements Disk {
  readonly mem = new MemoryDisk();
  readonly stubs = new Set<string>();
  /** Paths already asked for (a missing file read: the runtime sends it when it appears). */
  private readonly asked = new Set<string>();
  probe: { misses: Set<string>; wants: Set<string>; undo: Array<() => void>; dirs: string[] } | null = null;
  private readonly report: (op: DiskOp) => void;
  private readonly want: (paths: string[]) => void;
  constructor(report: (op: DiskOp) => void, want: (paths: string[]) => void) {
    this.report = report;
    this.want = want;
  }
  read(path: string): Bytes | null {
    if (this.stubs.has(path)) {
      if (this.probe) {
        this.probe.misses.add(path);
      } else if (!this.asked.has(path)) {
        this.asked.add(path);
        this.want([path]);
        console.warn(`redis-ha-lab worker: ${path} read before its content came; read as missing this once`);
      }
      return null;
    }
    const data = this.mem.read(path);
    if (data === null && !this.asked.has(path)) {
      // A missing file it reads: it will get the file's content should it appear.
      if (this.probe) this.probe.wants.add(path);
      else {
        this.asked.add(path);
        this.want([path]);
      }
    }
    return data;
  }
  write(path: string, data: Bytes): void {
    this.journal(path);
    this.mem.write(path, data);
    this.stubs.delete(path);
    this.report(['w', path, data]);
  }
  append(path: string, data: Bytes): void {
    this.journal(path);
    this.mem.append(path, data);
    this.report(['a', path, data]);
  }
  fsync(path: string): void {
    this.mem.fsync(path);
    this.report(['f', path]);
  }
  remove(path: string): void {
    this.journal(path);
    this.mem.remove(path);
    this.stubs.delete(path);
    this.report(['r', path]);
  }
  rename(from: string, to: string): void {
    this.journal(from);
    this.journal(to);
    const stub = this.stubs.delete(from);
    if (this.mem.files.has(from)) {
      if (stub) this.stubs.add(to);
      else this.stubs.delete(to);
    }
    this.mem.rename(from, to);
    this.report(['m', from, to]);
  }
  exists(path: string): boolean {
    return this.mem.exists(path);
  }
  isDirectory(path: string): boolean {
    return this.mem.isDirectory(path);
  }
  mkdir(path: string): void {
    if (this.mem.isDirectory(path)) return;
    this.mem.mkdir(path);
    this.report(['d', path]);
  }
  list(dir: string): string[] {
    return this.mem.list(dir);
  }

  /** Applies a change from the runtime (the shell's, another node's, or content asked for). */
  applyRemote(op: DiskOp): void {
    switch (op[0]) {
      case 'w': this.stubs.delete(op[1]); break;
      // Whatever this copy holds at that path, it is not the file's content.
      case 't': this.stubs.add(op[1]); break;
      case 'r': this.stubs.delete(op[1]); break;
      case 'm':
        if (this.stubs.delete(op[1])) this.stubs.add(op[2]);
        else if (this.mem.files.has(op[1])) this.stubs.delete(op[2]);
        break;
      case 'a': case 'f': case 'd': break;
      default: unreachable(op[0]);
    }
    applyDiskOp(this.mem, op);
  }

  /** During the probe: how to put `path` back as it was. */
  private journal(path: string): void {
    if (!this.probe) return;
    const data = this.mem.files.get(path);
    const stub = this.stubs.has(path);
    this.probe.undo.push(() => {
      if (data === undefined) this.mem.remove(path);
      else this.mem.write(path, data);
      if (stub) this.stubs.add(path);
      else this.stubs.delete(path);
    });
  }

  startProbe(): void {
    this.probe = { misses: new Set(), wants: new Set(), undo: [], dirs: [...this.mem.dirs] };
  }

  /** Ends the probe; undoes what it changed when `undo`. */
  endProbe(undo: boolean): void {
    const probe = this.probe;
    this.probe = null;
    if (!probe || !undo) return;
    for (let i = probe.undo.length - 1; i >= 0; i--) probe.undo[i]();
    this.mem.dirs.clear();
    for (const d of probe.dirs) this.mem.dirs.add(d);
  }

  /** Paths asked for from now on (their content came or will come with their creation). */
  markAsked(paths: Iterable<string>): void {
    for (const p of paths) this.asked.add(p);
  }

  view(): { held: string[]; stubs: string[] } {
    const held = [...this.mem.files.keys()].filter((p) => !this.stubs.has(p)).sort();
    return { held, stubs: [...this.stubs].sort() };
  }
}

class NodeHost {
  private node: EngineNode | null = null;
  private info: ProcessInfo | null = null;
  private state: NodeSnapshot['state'] = 'starting';
  /** SIGSTOP. */
  private stopped = false;
  private clock: ClockState = { anchorVirtual: 0, anchorReal: 0, speed: 1, paused: true, held: false };
  private faults: FaultTable = NO_FAULTS;
  private uplink: Port | null = null;
  private seq = 0;
  private buffer: UplinkItem[] = [];
  private readonly disk = new WorkerDisk((op) => this.buffer.push({ k: 'disk', op }), (paths) => this.buffer.push({ k: 'want', paths }));
  /** Startup fetches (`want` with an id) waiting for their downlink reply. */
  private readonly fetches = new Map<number, () => void>();
  private nextFetch = 1;
  /** Inputs that arrived while the node could not run (stopped, cluster paused, starting). */
  private pending: NodeInput[] = [];
  private readonly links = new Map<ConnId, Link>();
  private readonly linksById = new Map<number, Link>();
  private readonly connecting = new Set<ConnId>();
  private nextAcceptConn = 1;
  private lastNowMs = -Infinity;
  private lastCronMs = -1;
  private cronTimer: ReturnType<typeof setTimeout> | null = null;
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private ackTimer: ReturnType<typeof setInterval> | null = null;
  /** The virtual ms the armed cron timer is for. */
  private cronDue = Infinity;
  private lastStats = '';
  /** The last summary pushed (role, link state, offsets…), and a timer coalescing offset-only changes. */
  private lastSummary: NodeSummary | null = null;
  private summaryTimer: ReturnType<typeof setTimeout> | null = null;
  private party = '';
  private bound: BoundAddress[] = [];
  private readonly bindTried: Addr[] = [];
  /** The number of the next message expected in the runtime's order ({@link ExposedNodeWorkerApi}). */
  private orderNext = 1;
  /** Numbered messages that came before their turn (by another port), by number; `ready` gates one in its turn. */
  private readonly orderWait = new Map<number, { run: () => void; ready: (() => boolean) | null }>();
  private draining = false;
  /** Armed while something waits in `orderWait`: the stall guard (see {@link ORDER_STALL_MS}). */
  private orderTimer: ReturnType<typeof setTimeout> | null = null;
  /** Links to other nodes sent on since the last `sent` report (LinkOffer.after). */
  private readonly sentDirty = new Set<Link>();
  private listening: InitResult['listening'] = null;

  // ---- control (comlink) -------------------------------------------------------------------

  async init(req: InitRequest, uplink: MessagePort): Promise<InitResult> {
    this.info = req.process;
    this.party = `pid:${req.process.pid}`;
    this.clock = req.clock;
    this.faults = req.faults;
    this.bound = req.bound;
    const up = uplink as unknown as Port;
    this.uplink = up;
    up.onmessage = (e) => this.onDownlink(e.data as DownlinkMessage);
    for (const d of req.dirs) this.disk.mem.mkdir(d);
    for (const [path, data] of req.files) {
      this.disk.mem.write(path, data);
      this.disk.stubs.delete(path);
    }
    for (const path of req.stubs ?? []) {
      this.disk.mem.write(path, '');
      this.disk.stubs.add(path);
    }
    this.disk.markAsked(req.files.map(([path]) => path));
    let factory: NodeFactory = startNode;
    if (req.nodeModule) factory = ((await import(/* @vite-ignore */ req.nodeModule)) as { startNode: NodeFactory }).startNode;
    const nowMs = this.now();
    const envFor = (): NodeEnv => ({
      process: req.process,
      disk: this.disk,
      rng: new SeededRng(req.seed),
      nowMs,
      canBind: (host, port) => {
        this.bindTried.push({ host, port });
        return canBindAmong(this.bound, host, port);
      },
    });
    // The startup, run until it reads no file whose content this copy lacks: a run that did is
    // undone (its disk changes and output dropped) and made again once the content has come.
    // The engine's startup depends only on its env, so the kept run is the one Redis makes.
    let started: { node: EngineNode; outputs: NodeOutput[] } | null;
    let failure: { error: unknown } | null;
    for (let round = 0; ; round++) {
      const buffered = this.buffer.length;
      this.bindTried.length = 0;
      this.disk.startProbe();
      started = null;
      failure = null;
      try {
        started = factory(envFor());
      } catch (error) {
        failure = { error };
      }
      const probe = this.disk.probe as NonNullable<WorkerDisk['probe']>;
      const redo = probe.misses.size > 0 && round < MAX_STARTUP_ROUNDS;
      this.disk.endProbe(redo);
      const wants = [...probe.misses, ...probe.wants];
      this.disk.markAsked(wants);
      if (!redo) {
        if (wants.length > 0) this.push({ k: 'want', paths: wants });
        break;
      }
      this.buffer.length = buffered;
      const id = this.nextFetch++;
      const fetched = new Promise<void>((resolve) => this.fetches.set(id, resolve));
      this.push({ k: 'want', paths: wants, id });
      this.flush();
      await fetched;
    }
    this.state = 'running';
    const outcome = started;
    const thrown = failure;
    this.turn(() => {
      if (thrown) throw thrown.error;
      const done = outcome as { node: EngineNode; outputs: NodeOutput[] };
      this.node = done.node;
      return done.outputs;
    });
    if (req.statsIntervalMs > 0) this.statsTimer = setInterval(() => this.sendStats(), req.statsIntervalMs);
    // The processed-time watermark (protocol.ts `ack`): a timer of this event loop, so it runs
    // only after the timers due before it and the messages queued before it.
    if ((req.ackIntervalMs ?? 0) > 0) this.ackTimer = setInterval(() => this.ack(), req.ackIntervalMs);
    this.flush();
    return { listening: this.listening, exited: this.state !== 'running', seq: this.seq };
  }

  accept(offer: LinkOffer, port: MessagePort, peer: Addr, local: Addr): 'ok' | 'refused' {
    const p = port as unknown as Port;
    if (this.state !== 'running' || !this.listening || this.listening.port !== local.port) {
      p.close();
      return 'refused';
    }
    while (this.links.has(this.nextAcceptConn)) this.nextAcceptConn++;
    const conn = this.nextAcceptConn++;
    this.addLink(offer, conn, p);
    this.deliver({ kind: 'accept', conn, peer, local });
    return 'ok';
  }

  connected(offer: LinkOffer, conn: ConnId, port: MessagePort, local: Addr): void {
    const p = port as unknown as Port;
    if (!this.connecting.delete(conn) || this.state !== 'running') {
      // The node gave up on this connect meanwhile: the other side sees it close.
      p.postMessage(offer.external ? [null, this.seq] : null);
      p.close();
      this.push({ k: 'linkClosed', link: offer.link });
      this.flush();
      return;
    }
    this.addLink(offer, conn, p);
    this.deliver({ kind: 'connected', conn, local });
  }

  connectFailed(conn: ConnId, error: ConnectError): void {
    if (this.connecting.delete(conn)) this.deliver({ kind: 'connectFailed', conn, error });
  }

  reset(ids: number[]): void {
    for (const id of ids) {
      const link = this.linksById.get(id);
      if (!link) continue;
      link.outbox.length = 0;
      this.retire(link);
      this.deliver({ kind: 'closed', conn: link.conn });
    }
    this.flush();
  }

  signal(signal: 'TERM' | 'INT'): void {
    this.deliver({ kind: 'signal', signal });
  }

  stop(): void {
    this.stopped = true;
    this.clearCron();
  }

  cont(): void {
    this.stopped = false;
    this.wake();
  }

  setClock(clock: ClockState): void {
    if ((clock.gen ?? 0) < (this.clock.gen ?? 0)) return;
    this.clock = clock;
    this.wake();
    for (const link of this.linksById.values()) if (link.outbox.length) this.pump(link);
  }

  setFaults(faults: FaultTable): void {
    this.faults = faults;
    for (const link of this.linksById.values()) if (link.outbox.length) this.pump(link);
    this.flush();
  }

  snapshot(): NodeSnapshot {
    return {
      pid: this.info?.pid ?? 0,
      state: this.stopped && this.state === 'running' ? 'stopped' : this.state,
      frozen: this.clock.paused,
      nowMs: this.now(),
      nextWakeMs: this.node ? this.node.nextWakeMs() : Infinity,
      pendingInputs: this.pending.length,
      summary: describeNode(this.node),
      links: this.linkStats(),
      disk: this.disk.view(),
    };
  }

  // ---- the event loop ---------------------------------------------------------------------

  /** The node's Unix ms: the scaled clock, floored like `mstime()`, never going back. */
  private now(): number {
    const t = Math.floor(virtualAt(this.clock, realNow()));
    if (t > this.lastNowMs) this.lastNowMs = t;
    return this.lastNowMs;
  }

  private canRun(): boolean {
    return this.state === 'running' && !this.stopped && !this.clock.paused && this.node !== null;
  }

  private deliver(input: NodeInput): void {
    if (!this.canRun() || this.pending.length > 0) {
      if (this.state === 'running' || this.state === 'starting') this.pending.push(input);
      return;
    }
    const node = this.node as EngineNode;
    this.turn(() => node.handle(input, this.now()));
  }

  /** Runs the engine once, carries out its outputs, re-arms the cron timer, sends the uplink. */
  private turn(step: () => NodeOutput[]): void {
    let out: NodeOutput[];
    try {
      out = step();
    } catch (e) {
      this.crash(e);
      return;
    }
    this.apply(out);
    if (this.state === 'running' && this.pending.length === 0) this.scheduleCron();
    this.checkSummary();
    this.flush();
  }

  /** After SIGCONT, a clock change or a resume: queued inputs first, in order, then timers. */
  private wake(): void {
    if (!this.canRun()) {
      this.clearCron();
      return;
    }
    while (this.pending.length > 0 && this.canRun()) {
      const input = this.pending.shift() as NodeInput;
      const node = this.node as EngineNode;
      this.turn(() => node.handle(input, this.now()));
    }
    if (this.canRun()) this.scheduleCron();
    this.flush();
  }

  private clearCron(): void {
    if (this.cronTimer !== null) clearTimeout(this.cronTimer);
    this.cronTimer = null;
  }

  private scheduleCron(): void {
    this.clearCron();
    if (!this.canRun()) return;
    // While the clock is held no time passes: the cron waits for the release.
    if (this.clock.held) return;
    const wake = (this.node as EngineNode).nextWakeMs();
    if (!(wake < Infinity)) return;
    const nowExact = virtualAt(this.clock, realNow());
    let due = wake;
    // A node that asks again for the millisecond it just ran in waits for the next one.
    if (due <= this.lastCronMs) due = this.lastCronMs + 1;
    // Past the clock's cap the timer waits for the runtime to raise it (setClock re-arms).
    if (this.clock.limit !== undefined && due > this.clock.limit) return;
    this.cronDue = due;
    const delay = Math.max(0, (due - nowExact) / this.clock.speed);
    this.cronTimer = setTimeout(() => this.fireCron(), delay);
  }

  private fireCron(): void {
    this.cronTimer = null;
    if (!this.canRun()) return;
    const node = this.node as EngineNode;
    const t = this.now();
    if (t < Math.floor(this.cronDue) && this.clock.limit !== undefined && this.cronDue > this.clock.limit) {
      // The cap held time short of the due time: wait for it to be raised.
      this.scheduleCron();
      return;
    }
    this.turn(() => node.cron(t));
    this.lastCronMs = t;
    if (this.state === 'running') this.scheduleCron();
  }

  private apply(outputs: NodeOutput[]): void {
    for (const o of outputs) {
      if (this.state !== 'running') return;
      switch (o.kind) {
        case 'send': {
          const link = this.links.get(o.conn);
          if (link && !link.closedOut) this.queueOut(link, o.bytes);
          break;
        }
        case 'close': {
          const link = this.links.get(o.conn);
          if (link) this.closeLink(link);
          else this.connecting.delete(o.conn);
          break;
        }
        case 'connect':
          this.connecting.add(o.conn);
          this.push({ k: 'connect', conn: o.conn, host: o.host, port: o.port });
          break;
        case 'stdout':
          this.push({ k: 'stdout', text: o.text });
          break;
        case 'stderr':
          this.push({ k: 'stderr', text: o.text });
          break;
        case 'exit':
          this.exit(o.code);
          break;
        case 'event': {
          const event = o.event;
          if (event.type === 'listening') {
            const hosts = [...new Set(this.bindTried.filter((b) => b.port === event.port).map((b) => b.host))];
            if (hosts.length === 0) hosts.push('*');
            this.listening = { port: event.port, hosts, mode: event.mode };
            this.party = String(event.port);
            this.push({ k: 'event', event, hosts });
          } else {
            this.push({ k: 'event', event });
          }
          break;
        }
        default:
          unreachable(o);
      }
    }
  }

  private exit(code: number): void {
    this.push({ k: 'exit', code });
    this.state = 'exited';
    this.stopTimers();
    // The kernel closes the sockets of a process that exits: peers see the FIN. Links to other
    // nodes first, so the `sent` report of those FINs goes up before anything the shell reads.
    const links = [...this.linksById.values()];
    for (const link of [...links.filter((l) => !l.external), ...links.filter((l) => l.external)]) {
      link.outbox.length = 0;
      if (!isBlocked(this.faults, this.party, link.peerParty)) this.post(link, null);
      this.retire(link);
    }
    this.flush();
  }

  /** An exception in the engine: the runtime marks the node crashed with this stack in its log. */
  private crash(e: unknown): void {
    const text = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
    this.state = 'crashed';
    this.stopTimers();
    this.pending = [];
    this.push({ k: 'crash', error: text });
    this.flush();
  }

  private stopTimers(): void {
    this.clearCron();
    if (this.statsTimer !== null) clearInterval(this.statsTimer);
    this.statsTimer = null;
    if (this.ackTimer !== null) clearInterval(this.ackTimer);
    this.ackTimer = null;
    if (this.summaryTimer !== null) clearTimeout(this.summaryTimer);
    this.summaryTimer = null;
    for (const link of this.linksById.values()) if (link.timer !== null) clearTimeout(link.timer);
  }

  // ---- links ------------------------------------------------------------------------------

  private addLink(offer: LinkOffer, conn: ConnId, port: Port): void {
    const link: Link = {
      id: offer.link, conn, port, peerParty: offer.peerParty, external: offer.external,
      outbox: [], timer: null, closedOut: false, finIn: false, sent: 0, received: 0, arrived: 0,
    };
    this.links.set(conn, link);
    this.linksById.set(link.id, link);
    port.onmessage = (e) => {
      const msg = e.data as LinkMessage;
      link.arrived++;
      // From the main thread: numbered, taken in the runtime's order (after an accept or a
      // signal sent before it, before one sent after it).
      if (link.external && Array.isArray(msg)) this.inOrder(msg[1], () => this.onLinkMessage(link, msg));
      else {
        this.onLinkMessage(link, msg);
        // An accept may be waiting for this message (LinkOffer.after).
        if (this.orderWait.size > 0) this.drainOrder();
      }
    };
  }

  /**
   * Runs `run`, the runtime's message number `order`, in its turn: at once when every message
   * numbered before it has been taken (and `ready`, if given, holds), else when the last of
   * them comes — with whatever came after it waiting in turn. See {@link ExposedNodeWorkerApi}.
   */
  inOrder(order: number, run: () => void, ready: (() => boolean) | null = null): void {
    if (order < this.orderNext) {
      run();
      return;
    }
    this.orderWait.set(order, { run, ready });
    this.drainOrder();
  }

  /** Takes the numbered messages whose turn has come, in order, until one is missing or not ready. */
  private drainOrder(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let next = this.orderWait.get(this.orderNext); next && (!next.ready || next.ready()); next = this.orderWait.get(this.orderNext)) {
        this.orderWait.delete(this.orderNext++);
        next.run();
      }
    } finally {
      this.draining = false;
    }
    if (this.orderWait.size > 0 && this.orderTimer === null) {
      const stalled = this.orderNext;
      this.orderTimer = setTimeout(() => {
        this.orderTimer = null;
        if (this.orderNext === stalled && this.orderWait.size > 0) this.unstall();
        else this.drainOrder();
      }, ORDER_STALL_MS);
    }
  }

  /**
   * The order has not moved for {@link ORDER_STALL_MS}: what it waits for is not coming (a
   * bug, or a message lost with its port). Rather than freeze the node, go on: take the head
   * even if not ready, or skip to the next number that came.
   */
  private unstall(): void {
    const head = this.orderWait.get(this.orderNext);
    if (head) head.ready = null;
    else this.orderNext = Math.min(...this.orderWait.keys());
    console.warn(`redis-ha-lab worker ${this.party}: the runtime's order stalled; going on at ${this.orderNext}`);
    this.drainOrder();
  }

  /** Whether every `[link, count]` has arrived, or the link is gone here (LinkOffer.after). */
  arrivedAll(after: Array<[number, number]> | undefined): boolean {
    if (!after) return true;
    return after.every(([id, count]) => {
      const link = this.linksById.get(id);
      return !link || link.arrived >= count;
    });
  }

  /** A control call numbered `order`: runs in its turn; answered at once when that is now, else when it comes. */
  ordered<T>(order: number, call: () => T, ready: (() => boolean) | null = null): T | Promise<Awaited<T>> {
    type Outcome = { ok: true; value: T } | { ok: false; error: unknown };
    const box: { outcome: Outcome | null; settle: ((o: Outcome) => void) | null } = { outcome: null, settle: null };
    this.inOrder(order, () => {
      let o: Outcome;
      try {
        o = { ok: true, value: call() };
      } catch (error) {
        o = { ok: false, error };
      }
      if (box.settle) box.settle(o);
      else box.outcome = o;
    }, ready);
    const now = box.outcome;
    if (now) {
      if (!now.ok) throw now.error;
      return now.value;
    }
    return new Promise<Awaited<T>>((resolve, reject) => {
      box.settle = (o) => (o.ok ? resolve(o.value as Awaited<T>) : reject(o.error));
    });
  }

  private onLinkMessage(link: Link, msg: LinkMessage): void {
    const bytes = Array.isArray(msg) ? msg[0] : msg;
    if (bytes === null) link.finIn = true;
    if (link.closedOut && this.links.get(link.conn) !== link) {
      // Retired already (we closed, or it was reset): the peer's FIN lets the port go.
      if (bytes === null && !this.linksById.has(link.id)) link.port.close();
      return;
    }
    link.received++;
    if (bytes === null) {
      // The peer closed: the node sees `closed`, and the kernel closes our side too.
      this.retire(link, true);
      this.deliver({ kind: 'closed', conn: link.conn });
      this.flush();
      return;
    }
    this.deliver({ kind: 'data', conn: link.conn, bytes });
  }

  /** The node closed the connection: the FIN goes after the bytes already queued. */
  private closeLink(link: Link): void {
    this.links.delete(link.conn);
    this.queueOut(link, null);
    link.closedOut = true;
  }

  /** The link is gone for good: forget it, close the port, tell the runtime. */
  private retire(link: Link, sendFin = false): void {
    if (sendFin && !link.closedOut && link.outbox.length === 0) this.post(link, null);
    link.closedOut = true;
    if (link.timer !== null) clearTimeout(link.timer);
    link.timer = null;
    if (this.links.get(link.conn) === link) this.links.delete(link.conn);
    if (this.linksById.delete(link.id)) {
      // A link to the main thread stays open for the numbered messages still coming (see Link.finIn).
      if (!link.external || link.finIn) link.port.close();
      // An accept may have been waiting for this link (LinkOffer.after): once what retired it
      // has been delivered (the peer's FIN before the accept), not in the middle of it.
      if (this.orderWait.size > 0) queueMicrotask(() => this.drainOrder());
      this.push({ k: 'linkClosed', link: link.id });
    }
  }

  private queueOut(link: Link, msg: Bytes | null): void {
    const extra = extraLatency(this.faults, this.party, link.peerParty);
    if (link.outbox.length === 0 && extra === 0 && !isBlocked(this.faults, this.party, link.peerParty)) {
      this.post(link, msg);
      if (msg === null) this.retire(link);
      return;
    }
    link.outbox.push({ msg, at: virtualAt(this.clock, realNow()) + extra });
    this.pump(link);
  }

  /** Sends what the faults let through now, and sets a timer for the next delayed message. */
  private pump(link: Link): void {
    if (link.timer !== null) clearTimeout(link.timer);
    link.timer = null;
    while (link.outbox.length > 0) {
      if (isBlocked(this.faults, this.party, link.peerParty)) return;
      const head = link.outbox[0];
      const nowExact = virtualAt(this.clock, realNow());
      if (head.at > nowExact) {
        if (!this.clock.paused && !this.clock.held && !(this.clock.limit !== undefined && head.at > this.clock.limit)) link.timer = setTimeout(() => this.pump(link), (head.at - nowExact) / this.clock.speed);
        return;
      }
      link.outbox.shift();
      this.post(link, head.msg);
      if (head.msg === null) {
        this.retire(link);
        this.flush();
        return;
      }
    }
  }

  private post(link: Link, msg: Bytes | null): void {
    link.sent++;
    if (link.external) {
      // Everything the node said before this message reaches the runtime first, and what it
      // sent other nodes is reported (an accept the shell causes next waits for it).
      if (this.buffer.length > 0 || this.sentDirty.size > 0) this.flush();
      link.port.postMessage([msg, this.seq]);
    } else {
      link.port.postMessage(msg);
      this.sentDirty.add(link);
    }
  }

  private linkStats(): LinkStat[] {
    return [...this.linksById.values()].map((l) => ({ link: l.id, conn: l.conn, peer: l.peerParty, sent: l.sent, received: l.received, held: l.outbox.length }));
  }

  // ---- uplink -----------------------------------------------------------------------------

  private push(item: UplinkItem): void {
    this.buffer.push(item);
  }

  private flush(): void {
    if (!this.uplink) return;
    if (this.sentDirty.size > 0) {
      // First in the batch: the messages counted were posted before anything in it happened.
      this.buffer.unshift({ k: 'sent', links: [...this.sentDirty].map((l): [number, number] => [l.id, l.sent]) });
      this.sentDirty.clear();
    }
    if (this.buffer.length === 0) return;
    const items = this.buffer;
    this.buffer = [];
    this.uplink.postMessage({ seq: ++this.seq, items });
  }

  private onDownlink(msg: DownlinkMessage): void {
    switch (msg.k) {
      case 'ping':
        this.push({ k: 'pong', n: msg.n });
        this.flush();
        break;
      case 'disk':
        this.inOrder(msg.order, () => {
          for (const op of msg.ops) this.disk.applyRemote(op);
          if (msg.reply !== undefined) {
            this.fetches.get(msg.reply)?.();
            this.fetches.delete(msg.reply);
          }
        });
        break;
      case 'clock':
        this.setClock(msg.clock);
        break;
      default:
        unreachable(msg);
    }
  }

  /**
   * Pushes the node's summary when it changed (the `summary` uplink item): at once when the
   * role, the primary or the link state changed — what the map and the boot plan wait for —
   * and at most every {@link SUMMARY_COALESCE_MS} when only offsets, keys or clients moved,
   * so a write-heavy node does not send one per command. Read after every turn of the engine.
   */
  private checkSummary(): void {
    if (this.state !== 'running') return;
    const now = describeNode(this.node);
    const last = this.lastSummary;
    if (last === now || (last && now && sameSummary(last, now))) return;
    const structural = !last || !now || last.role !== now.role || last.primary !== now.primary || last.replState !== now.replState ||
      last.connectedReplicas !== now.connectedReplicas || last.replid !== now.replid || last.mode !== now.mode;
    if (structural) {
      this.sendSummary(now);
      return;
    }
    this.summaryTimer ??= setTimeout(() => {
      this.summaryTimer = null;
      if (this.state === 'running') this.sendSummary(describeNode(this.node));
      this.flush();
    }, SUMMARY_COALESCE_MS);
  }

  private sendSummary(summary: NodeSummary | null): void {
    if (this.summaryTimer !== null) clearTimeout(this.summaryTimer);
    this.summaryTimer = null;
    this.lastSummary = summary;
    this.push({ k: 'summary', summary });
  }

  /** Tells the runtime how far this node's time has got (see the `ack` uplink item). */
  private ack(): void {
    if (this.state !== 'running' || this.ackTimer === null) return;
    this.push({ k: 'ack', at: this.now() });
    this.flush();
  }

  private sendStats(): void {
    if (this.state !== 'running') return;
    const item: UplinkItem = { k: 'stats', summary: describeNode(this.node), links: this.linkStats(), pending: this.pending.length };
    const text = JSON.stringify(item);
    if (text === this.lastStats) return;
    this.lastStats = text;
    this.push(item);
    this.flush();
  }
}

/**
 * Real ms after which a stalled order goes on anyway ({@link NodeHost.unstall}). What it waits
 * for is a message already posted (microseconds, or a busy thread's few ms), so this only ever
 * fires on a lost one.
 */
const ORDER_STALL_MS = 2000;

/** Startup runs made at most to fetch the files it reads (a config's includes, then its dir's files…). */
const MAX_STARTUP_ROUNDS = 8;

/** Real ms over which offset-only summary changes are gathered into one push. */
const SUMMARY_COALESCE_MS = 50;

function sameSummary(a: NodeSummary, b: NodeSummary): boolean {
  return a.mode === b.mode && a.role === b.role && a.port === b.port && a.replid === b.replid && a.replOffset === b.replOffset &&
    a.primary === b.primary && a.replState === b.replState && a.connectedReplicas === b.connectedReplicas && a.keys === b.keys && a.clients === b.clients;
}

const host = new NodeHost();

/**
 * The control surface the runtime drives with comlink: {@link NodeWorkerApi}, each call taken in
 * its turn in the runtime's order (see {@link ExposedNodeWorkerApi}).
 */
const api: ExposedNodeWorkerApi = {
  init: (order, req, uplink) => host.ordered(order, () => host.init(req, uplink)),
  accept: (order, offer, port, peer, local) => host.ordered(order, () => host.accept(offer, port, peer, local), () => host.arrivedAll(offer.after)),
  connected: (order, offer, conn, port, local) => host.ordered(order, () => host.connected(offer, conn, port, local)),
  connectFailed: (order, conn, error) => host.ordered(order, () => host.connectFailed(conn, error)),
  reset: (order, links) => host.ordered(order, () => host.reset(links)),
  signal: (order, signal) => host.ordered(order, () => host.signal(signal)),
  stop: (order) => host.ordered(order, () => host.stop()),
  cont: (order) => host.ordered(order, () => host.cont()),
  setClock: (order, clock) => host.ordered(order, () => host.setClock(clock)),
  setFaults: (order, faults) => host.ordered(order, () => host.setFaults(faults)),
  snapshot: (order) => host.ordered(order, () => host.snapshot()),
};

Comlink.expose(api);
