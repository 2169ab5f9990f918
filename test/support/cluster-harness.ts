/**
 * A small multi-node host for replication tests until the simulator (src/sim) offers scenarios:
 * several redis-server nodes on one virtual clock, connected by an in-memory network that
 * delivers bytes in order with a fixed latency, plus the faults replication cares about —
 * kill (SIGKILL) and restart from the same disk, pause/resume (SIGSTOP/SIGCONT), and
 * partitions that hold traffic between two nodes until healed (TCP keeps the bytes; a connect
 * across a partition fails after a while). Test clients talk RESP to any node.
 *
 * Deterministic: events are ordered by (time, sequence); no wall clock is read.
 */
import { startNode, type EngineNode } from '../../src/engine/node.ts';
import type { NodeInput, NodeOutput } from '../../src/engine/types.ts';
import { MemoryDisk } from '../../src/engine/util/memory-disk.ts';
import { SeededRng } from '../../src/engine/util/random.ts';
import { encodeCommand, type Reply } from '../../src/engine/resp/reply.ts';
import { ReplyParser } from '../../src/engine/resp/reply-parser.ts';
import type { RedisServer } from '../../src/engine/server/server.ts';
import type { RedisValue } from '../../src/engine/server/db.ts';

export const CLUSTER_START_MS = Date.UTC(2026, 10, 27, 19, 52, 56, 203);

/** One side of a connection: a node's connection id, or a test client. */
type Endpoint = { kind: 'node'; port: number; conn: number } | { kind: 'client'; client: ClusterClient };

interface Link {
  a: Endpoint;
  b: Endpoint;
  open: boolean;
}

interface Event {
  at: number;
  seq: number;
  run(): void;
}

export interface NodeHandle {
  port: number;
  disk: MemoryDisk;
  argv: string[];
  pid: number;
  node: EngineNode | null;
  alive: boolean;
  paused: boolean;
  /** Inputs that arrived while paused, delivered in order on resume. */
  held: NodeInput[];
  /** Every log/stdout text the process printed, across restarts. */
  out: string[];
  exitCode: number | null;
  seed: number;
}

export class ClusterClient {
  readonly parser = new ReplyParser();
  readonly inbox: Reply[] = [];
  closed = false;
  link: Link | null = null;
  readonly cluster: Cluster;
  readonly port: number;

  constructor(cluster: Cluster, port: number) {
    this.cluster = cluster;
    this.port = port;
  }

  /** Sends a command without waiting for its reply. */
  send(...argv: string[]): void {
    if (this.closed || !this.link) throw new Error('client closed');
    this.cluster.transmit(this.link, this.link.a, encodeCommand(argv));
  }

  /** Sends a command and runs the cluster until its reply arrives (at most `maxMs` of virtual time). */
  call(...argv: string[]): Reply {
    this.send(...argv);
    return this.reply();
  }

  /** Runs the cluster until the next reply arrives. */
  reply(maxMs = 120_000): Reply {
    const deadline = this.cluster.now + maxMs;
    while (this.inbox.length === 0) {
      if (this.closed) throw new Error('connection closed before a reply');
      if (!this.cluster.step(deadline)) throw new Error(`no reply within ${maxMs} ms`);
    }
    return this.inbox.shift()!;
  }

  close(): void {
    if (this.link && !this.closed) this.cluster.closeLink(this.link, this.link.a);
    this.closed = true;
  }
}

export class Cluster {
  now = CLUSTER_START_MS;
  latencyMs: number;
  readonly nodes = new Map<number, NodeHandle>();
  private queue: Event[] = [];
  private seq = 0;
  private nextPid = 12000;
  private nextEphemeral = 49000;
  private nextClientConn = 1;
  /** (port, conn) → link, for every open connection. */
  private readonly byConn = new Map<string, Link>();
  /** Pairs of ports whose traffic is held. */
  private readonly partitions = new Set<string>();
  /** Bytes held by partitions, per link direction, in order. */
  private readonly heldTraffic: { link: Link; from: Endpoint; bytes: string }[] = [];

  constructor(opts: { latencyMs?: number } = {}) {
    this.latencyMs = opts.latencyMs ?? 0;
  }

  // -------------------------------------------------------------------------------------
  // Processes
  // -------------------------------------------------------------------------------------

  /** Starts `redis-server redis.conf [argv]` listening on `port` with its own disk. */
  start(port: number, opts: { conf?: string; argv?: string[]; seed?: number } = {}): NodeHandle {
    const disk = new MemoryDisk();
    const conf = `port ${port}\n${opts.conf ?? ''}`;
    disk.write('/home/learner/redis.conf', conf);
    const h: NodeHandle = {
      port, disk, argv: ['redis.conf', ...(opts.argv ?? [])], pid: 0, node: null, alive: false, paused: false,
      held: [], out: [], exitCode: null, seed: opts.seed ?? port,
    };
    this.nodes.set(port, h);
    this.boot(h);
    return h;
  }

  private boot(h: NodeHandle): void {
    h.pid = this.nextPid++;
    h.alive = true;
    h.paused = false;
    h.held = [];
    h.exitCode = null;
    const started = startNode({
      process: { pid: h.pid, cwd: '/home/learner', program: 'redis-server', argv: h.argv, stdoutIsTty: false },
      disk: h.disk,
      rng: new SeededRng(h.seed * 7919 + h.pid),
      nowMs: this.now,
      canBind: (_host, port) => ![...this.nodes.values()].some((o) => o !== h && o.alive && o.port === port),
    });
    h.node = started.node;
    this.applyOutputs(h, started.outputs);
  }

  /**
   * SIGKILL: the process vanishes; its connections close; its disk stays. Bytes it sent that a
   * partition still holds are lost with it (the lab's "kill" is a crash of the machine too).
   */
  kill(port: number): void {
    const h = this.mustNode(port);
    if (!h.alive) return;
    h.alive = false;
    h.node = null;
    h.held = [];
    for (let i = this.heldTraffic.length - 1; i >= 0; i--) {
      const t = this.heldTraffic[i];
      if (t.from.kind === 'node' && t.from.port === port) this.heldTraffic.splice(i, 1);
    }
    for (const link of [...this.byConn.values()]) {
      if (link.open && ((link.a.kind === 'node' && link.a.port === port) || (link.b.kind === 'node' && link.b.port === port))) {
        const mine = link.a.kind === 'node' && link.a.port === port ? link.a : link.b;
        this.closeLink(link, mine);
      }
    }
  }

  /** Starts the process again with the same disk and arguments. */
  restart(port: number): void {
    const h = this.mustNode(port);
    if (h.alive) this.kill(port);
    this.boot(h);
  }

  /** SIGTERM: a graceful shutdown, as `kill PID` does. */
  term(port: number): void {
    this.input(this.mustNode(port), { kind: 'signal', signal: 'TERM' });
  }

  /** SIGSTOP / SIGCONT. */
  pause(port: number): void {
    this.mustNode(port).paused = true;
  }

  resume(port: number): void {
    const h = this.mustNode(port);
    if (!h.paused) return;
    h.paused = false;
    const held = h.held.splice(0);
    for (const input of held) this.deliver(h, input);
  }

  /** Holds traffic between two nodes (both directions) until `heal`. */
  partition(a: number, b: number): void {
    this.partitions.add(pairKey(a, b));
  }

  heal(a?: number, b?: number): void {
    if (a === undefined || b === undefined) this.partitions.clear();
    else this.partitions.delete(pairKey(a, b));
    const held = this.heldTraffic.splice(0);
    for (const h of held) {
      if (this.blocked(h.link)) this.heldTraffic.push(h);
      else this.transmit(h.link, h.from, h.bytes);
    }
  }

  private blocked(link: Link): boolean {
    if (link.a.kind !== 'node' || link.b.kind !== 'node') return false;
    return this.partitions.has(pairKey(link.a.port, link.b.port));
  }

  mustNode(port: number): NodeHandle {
    const h = this.nodes.get(port);
    if (!h) throw new Error(`no node on ${port}`);
    return h;
  }

  /** The server object of a running node, for white-box checks. */
  server(port: number): RedisServer {
    const h = this.mustNode(port);
    if (!h.node) throw new Error(`node ${port} is not running`);
    return h.node as unknown as RedisServer;
  }

  /** The node's log lines (across restarts). */
  log(port: number): string[] {
    return this.mustNode(port).out.join('').split('\n').filter((l) => l !== '');
  }

  /** Log messages without the `pid:R date time mark` prefix, keeping the role char and mark. */
  messages(port: number): string[] {
    return this.log(port).map((l) => l.replace(/^\d+:([A-Z]) \d\d \w\w\w \d{4} [\d:.]+ (.) /, '$1 $2 '));
  }

  // -------------------------------------------------------------------------------------
  // Clients
  // -------------------------------------------------------------------------------------

  client(port: number): ClusterClient {
    const c = new ClusterClient(this, port);
    const h = this.nodes.get(port);
    if (!h || !h.alive) {
      c.closed = true;
      return c;
    }
    const conn = this.nextClientConn++;
    const link: Link = { a: { kind: 'client', client: c }, b: { kind: 'node', port, conn }, open: true };
    c.link = link;
    this.byConn.set(`${port}:${conn}`, link);
    this.input(h, { kind: 'accept', conn, peer: { host: '127.0.0.1', port: this.nextEphemeral++ }, local: { host: '127.0.0.1', port } });
    return c;
  }

  // -------------------------------------------------------------------------------------
  // The clock
  // -------------------------------------------------------------------------------------

  /** Runs the cluster for `ms` of virtual time. */
  run(ms: number): void {
    const target = this.now + ms;
    while (this.step(target));
    this.now = Math.max(this.now, target);
  }

  /** Runs until `pred` holds (checked after each event), at most `maxMs`; returns whether it did. */
  runUntil(pred: () => boolean, maxMs = 60_000): boolean {
    const deadline = this.now + maxMs;
    while (!pred()) {
      if (!this.step(deadline)) {
        this.now = Math.max(this.now, deadline);
        return pred();
      }
    }
    return true;
  }

  /** Runs the next event or node timer due by `deadline`; false when there is none. */
  step(deadline: number): boolean {
    let nodeAt = Infinity;
    let due: NodeHandle | null = null;
    for (const h of this.nodes.values()) {
      if (!h.alive || h.paused || !h.node) continue;
      const w = h.node.nextWakeMs();
      if (w < nodeAt) {
        nodeAt = w;
        due = h;
      }
    }
    const ev = this.queue[0];
    const evAt = ev ? ev.at : Infinity;
    const at = Math.min(evAt, nodeAt);
    if (at > deadline) return false;
    this.now = Math.max(this.now, at);
    if (ev && evAt <= nodeAt) {
      this.queue.shift();
      ev.run();
    } else if (due) {
      this.applyOutputs(due, due.node!.cron(this.now));
    }
    return true;
  }

  private schedule(delay: number, run: () => void): void {
    const ev: Event = { at: this.now + delay, seq: ++this.seq, run };
    // Insertion keeps (at, seq) order; queues stay short in these tests.
    let i = this.queue.length;
    while (i > 0 && (this.queue[i - 1].at > ev.at || (this.queue[i - 1].at === ev.at && this.queue[i - 1].seq > ev.seq))) i--;
    this.queue.splice(i, 0, ev);
  }

  // -------------------------------------------------------------------------------------
  // The network
  // -------------------------------------------------------------------------------------

  private input(h: NodeHandle, input: NodeInput, delay = this.latencyMs): void {
    const pid = h.pid;
    this.schedule(delay, () => this.deliver(h, input, pid));
  }

  /** Delivers an input to the process `pid`; a restarted process never sees its predecessor's. */
  private deliver(h: NodeHandle, input: NodeInput, pid = h.pid): void {
    if (!h.alive || !h.node || h.pid !== pid) return;
    if (h.paused) {
      h.held.push(input);
      return;
    }
    this.applyOutputs(h, h.node.handle(input, this.now));
  }

  /** Sends bytes from one endpoint of a link to the other. */
  transmit(link: Link, from: Endpoint, bytes: string): void {
    if (!link.open) return;
    if (this.blocked(link)) {
      this.heldTraffic.push({ link, from, bytes });
      return;
    }
    const to = from === link.a ? link.b : link.a;
    const toPid = to.kind === 'node' ? this.nodes.get(to.port)?.pid : undefined;
    this.schedule(this.latencyMs, () => {
      if (!link.open) return;
      if (to.kind === 'client') {
        to.client.parser.push(bytes);
        for (let r = to.client.parser.next(); r; r = to.client.parser.next()) to.client.inbox.push(r);
      } else {
        const h = this.nodes.get(to.port);
        if (h) this.deliver(h, { kind: 'data', conn: to.conn, bytes }, toPid);
      }
    });
  }

  /** Closes a link from one side: the other side learns it after the bytes in flight. */
  closeLink(link: Link, from: Endpoint): void {
    if (!link.open) return;
    const to = from === link.a ? link.b : link.a;
    const toPid = to.kind === 'node' ? this.nodes.get(to.port)?.pid : undefined;
    const finish = () => {
      if (!link.open) return;
      link.open = false;
      for (const e of [link.a, link.b]) if (e.kind === 'node') this.forget(e.port, e.conn, link);
      if (to.kind === 'client') to.client.closed = true;
      else {
        const h = this.nodes.get(to.port);
        if (h) this.deliver(h, { kind: 'closed', conn: to.conn }, toPid);
      }
    };
    if (from.kind === 'client') from.client.closed = true;
    // The closing side forgets the link at once; the FIN travels like data.
    if (from.kind === 'node') this.forget(from.port, from.conn, link);
    if (this.blocked(link)) {
      // A FIN across a partition arrives after the heal; model it by waiting in the queue.
      const wait = () => (this.blocked(link) ? this.schedule(100, wait) : finish());
      this.schedule(100, wait);
    } else {
      this.schedule(this.latencyMs, finish);
    }
  }

  /** Drops a connection id's mapping unless a restarted process already reuses it for a new link. */
  private forget(port: number, conn: number, link: Link): void {
    const key = `${port}:${conn}`;
    if (this.byConn.get(key) === link) this.byConn.delete(key);
  }

  private applyOutputs(h: NodeHandle, outputs: NodeOutput[]): void {
    for (const o of outputs) {
      switch (o.kind) {
        case 'send': {
          const link = this.byConn.get(`${h.port}:${o.conn}`);
          if (link) this.transmit(link, endpointOf(link, h.port, o.conn), o.bytes);
          break;
        }
        case 'close': {
          const link = this.byConn.get(`${h.port}:${o.conn}`);
          if (link) this.closeLink(link, endpointOf(link, h.port, o.conn));
          break;
        }
        case 'connect':
          this.connect(h, o.conn, o.port);
          break;
        case 'stdout':
        case 'stderr':
          h.out.push(o.text);
          break;
        case 'exit':
          h.exitCode = o.code;
          this.kill(h.port);
          break;
        case 'event':
          break;
      }
    }
  }

  private connect(from: NodeHandle, conn: number, port: number): void {
    const target = this.nodes.get(port);
    const fromPort = from.port;
    if (this.partitions.has(pairKey(fromPort, port))) {
      // SYNs are lost: the connect times out after a while.
      this.input(from, { kind: 'connectFailed', conn, error: 'timeout' }, 1000);
      return;
    }
    if (!target || !target.alive) {
      this.input(from, { kind: 'connectFailed', conn, error: 'refused' });
      return;
    }
    const serverConn = this.nextClientConn++;
    const ephemeral = this.nextEphemeral++;
    const link: Link = { a: { kind: 'node', port: fromPort, conn }, b: { kind: 'node', port, conn: serverConn }, open: true };
    this.byConn.set(`${fromPort}:${conn}`, link);
    this.byConn.set(`${port}:${serverConn}`, link);
    // The kernel accepts even for a paused process; the accept waits in its queue.
    this.input(target, { kind: 'accept', conn: serverConn, peer: { host: '127.0.0.1', port: ephemeral }, local: { host: '127.0.0.1', port } });
    this.input(from, { kind: 'connected', conn, local: { host: '127.0.0.1', port: ephemeral } });
  }

  // -------------------------------------------------------------------------------------
  // Inspection
  // -------------------------------------------------------------------------------------

  /** A node's dataset as comparable text: db → sorted key=value(+expiry) lines. */
  dataset(port: number): string {
    const s = this.server(port);
    const lines: string[] = [];
    for (const db of s.dbs) {
      const keys = [...db.keys.keys()].sort();
      for (const k of keys) lines.push(`${db.id} ${JSON.stringify(k)} ${renderValue(db.keys.get(k)!)} ${db.getExpire(k) ?? ''}`);
    }
    return lines.join('\n');
  }
}

function renderValue(v: RedisValue): string {
  switch (v.type) {
    case 'string':
      return JSON.stringify(v.value);
    case 'list':
      return JSON.stringify(v.value);
    case 'hash':
      return JSON.stringify([...v.value].sort());
    case 'set':
      return JSON.stringify([...v.value].sort());
  }
}

function endpointOf(link: Link, port: number, conn: number): Endpoint {
  const a = link.a;
  return a.kind === 'node' && a.port === port && a.conn === conn ? link.a : link.b;
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

/** Renders a reply compactly: `OK`, `(error) …`, `(integer) 1`, bulk text, arrays. */
export function show(r: Reply): unknown {
  switch (r.type) {
    case 'simple': return r.value;
    case 'error': return `(error) ${r.value}`;
    case 'integer': return `(integer) ${r.value}`;
    case 'bulk': return r.value === null ? '(nil)' : r.value;
    case 'array': return r.value === null ? '(nil array)' : r.value.map(show);
    case 'raw': return r.value;
  }
}

/** INFO text as a field map. */
export function infoFields(r: Reply): Map<string, string> {
  const text = r.type === 'bulk' && r.value !== null ? r.value : '';
  const m = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}
