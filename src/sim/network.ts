/**
 * The network as data (raftscope keeps every message in `model.messages`; turmoil names the
 * faults). One machine, loopback only: listeners by `host:port`, TCP-like connections made of
 * two FIFO directions, each a queue of messages with a delivery time.
 *
 * What a direction carries:
 * - `open`: the SYN. On arrival the listening process gets `accept` (queued if it is stopped:
 *   the kernel completes the handshake anyway) and an `accepted` goes back; nothing listening
 *   any more → `refused` goes back.
 * - `accepted`: the SYN-ACK; the connecting side gets `connected`.
 * - `data`: bytes, delivered in order; bytes for a socket its owner has closed are discarded.
 * - `close`: the FIN, queued behind the bytes already sent; the other side gets `closed`.
 *
 * Faults: `partition(a, b)` and `hold(a → b)` stop deliveries between parties (messages stay
 * queued, as TCP keeps retransmitting) until `repair` / `release`; a connect whose SYN is held
 * fails with `timeout` after the connect timeout (Linux gives up after ~127 s of SYN retries);
 * `drop(a, b)` resets every connection between them (both sides see `closed`, queued bytes are
 * lost); `latency(a, b, ms)` adds delay. A party is a process's listening port as a string
 * (`"6379"`), an external client's name (`"client"`), or `*` for everyone.
 *
 * Simplifications: no bandwidth, no buffer limits, no RST on unread data; a held connection
 * never times out on its own (TCP's retransmission limit is ~15 minutes).
 */
import type { Addr, Bytes, ConnId, ConnectError, Rng } from '../engine/types.ts';
import { randomInt } from '../engine/util/random.ts';
import { OneShot, type SimEvent } from './event-queue.ts';
import type { Proc } from './process.ts';
import { streamRng, unit } from './seed.ts';
import type { Sim } from './sim.ts';

export interface NetworkOptions {
  /** One-way loopback latency, drawn uniformly per message (default 0.05–0.2 ms). */
  latencyMinMs: number;
  latencyMaxMs: number;
  /** How long a connect whose SYN gets no answer takes to fail (default 127 s, Linux's SYN retries). */
  connectTimeoutMs: number;
  /** The machine's addresses besides loopback (connects to other addresses time out). */
  addresses: string[];
}

/** What an external client (redis-cli in the shell) hears from its connection. */
export interface ClientHandlers {
  onData(bytes: Bytes): void;
  /** The server closed the connection (or the process died, or the link was reset). */
  onClose(): void;
}

export interface OpenHandlers extends ClientHandlers {
  onConnected(conn: ClientConnection): void;
  onFailed(error: ConnectError): void;
}

/** An external client's end of a connection (the shape the shell's `ClientConnection` has). */
export interface ClientConnection {
  send(bytes: Bytes): void;
  close(): void;
  readonly local: Addr;
  /** The connection number in the trace. */
  readonly id: number;
}

export type EndState = 'connecting' | 'open' | 'closed';

/** One end of a connection: a node's socket, or an external client's. */
export class End {
  state: EndState = 'connecting';
  /** The id the node knows this socket by (0 for an external end, and before `accept`). */
  conn: ConnId = 0;
  local: Addr = { host: '', port: 0 };
  readonly proc: Proc | null;
  readonly ext: OpenHandlers | null;
  private readonly extParty: string;
  private extLabel = '';
  /** Set once the connection exists (a connect refused at once never gets one). */
  connection: Connection | null = null;
  /** An external end's handle, given to its owner at once and again on `onConnected`. */
  handle: ClientConnection | null = null;

  constructor(proc: Proc | null, ext: OpenHandlers | null, extParty: string) {
    this.proc = proc;
    this.ext = ext;
    this.extParty = extParty;
  }

  get party(): string {
    return this.proc ? this.proc.party : this.extParty;
  }

  /** How the trace names this end: the node's party, or `client:41234`. */
  get label(): string {
    if (this.proc) return this.proc.party;
    if (this.extLabel === '') this.extLabel = `${this.extParty}:${this.local.port}`;
    return this.extLabel;
  }

  /** The direction this end sends on. */
  get out(): Direction {
    const c = this.connection as Connection;
    return c.client === this ? c.up : c.down;
  }
}

const DATA = 0;
const OPEN = 1;
const ACCEPTED = 2;
const CLOSE = 3;
const REFUSED = 4;
type MessageKind = typeof DATA | typeof OPEN | typeof ACCEPTED | typeof CLOSE | typeof REFUSED;

/**
 * One direction of a connection: a FIFO of messages with delivery times. It is its own event in
 * the agenda, scheduled at the time of its head message, so a busy connection costs one heap
 * entry and no allocation per message beyond the queue slots.
 */
export class Direction implements SimEvent {
  at = 0;
  seq = 0;
  heapIndex = -1;
  readonly net: Network;
  readonly from: End;
  readonly to: End;
  private readonly rng: Rng;
  private kinds: MessageKind[] = [];
  private payloads: Bytes[] = [];
  private ats: number[] = [];
  private head = 0;
  /** Delivery time of the last message queued: later messages never overtake it. */
  private lastAt = 0;
  private epoch = -1;
  private blockedCache = false;
  private extraCache = 0;

  constructor(net: Network, from: End, to: End, rng: Rng) {
    this.net = net;
    this.from = from;
    this.to = to;
    this.rng = rng;
  }

  /** Messages queued and not yet delivered (in flight or held). */
  get pending(): number {
    return this.kinds.length - this.head;
  }

  push(kind: MessageKind, payload: Bytes): void {
    const net = this.net;
    const now = net.sim.time;
    let at = now + net.latency(this.rng) + this.extra();
    if (at < this.lastAt) at = this.lastAt;
    this.lastAt = at;
    this.kinds.push(kind);
    this.payloads.push(payload);
    this.ats.push(at);
    if (this.heapIndex < 0) this.reschedule();
  }

  /** Schedules the head message if there is one and the direction is not blocked. */
  reschedule(): void {
    if (this.pending === 0 || this.heapIndex >= 0 || this.blocked()) return;
    const now = this.net.sim.time;
    const at = this.ats[this.head];
    this.net.sim.queue.schedule(this, at > now ? at : now);
  }

  fire(): void {
    if (this.blocked()) return; // Held: `repair`/`release` schedules it again.
    const i = this.head;
    const kind = this.kinds[i];
    const payload = this.payloads[i];
    this.payloads[i] = '';
    this.head++;
    if (this.head === this.kinds.length) {
      this.kinds.length = 0;
      this.payloads.length = 0;
      this.ats.length = 0;
      this.head = 0;
    } else {
      if (this.head >= 1024 && this.head * 2 >= this.kinds.length) {
        this.kinds = this.kinds.slice(this.head);
        this.payloads = this.payloads.slice(this.head);
        this.ats = this.ats.slice(this.head);
        this.head = 0;
      }
      this.reschedule();
    }
    this.net.arrive(this, kind, payload);
  }

  /** Forgets every queued message (a reset, or a connect abandoned). */
  clear(): void {
    this.net.sim.queue.cancel(this);
    this.kinds.length = 0;
    this.payloads.length = 0;
    this.ats.length = 0;
    this.head = 0;
  }

  blocked(): boolean {
    const net = this.net;
    if (!net.faultsActive) return false;
    if (this.epoch !== net.faultEpoch) this.refreshFaults();
    return this.blockedCache;
  }

  private extra(): number {
    const net = this.net;
    if (!net.faultsActive) return 0;
    if (this.epoch !== net.faultEpoch) this.refreshFaults();
    return this.extraCache;
  }

  private refreshFaults(): void {
    const net = this.net;
    const source = this.from.party;
    const target = this.to.party;
    this.blockedCache = net.isBlocked(source, target);
    this.extraCache = net.extraLatency(source, target);
    this.epoch = net.faultEpoch;
  }
}

/** A TCP-like connection: the connecting end, the accepting end, and a direction each way. */
export class Connection {
  readonly id: number;
  readonly client: End;
  readonly server: End;
  /** client → server */
  readonly up: Direction;
  /** server → client */
  readonly down: Direction;
  /** Fails the connect with `timeout` if the handshake has not completed by then. */
  timeout: OneShot | null = null;

  constructor(net: Network, id: number, client: End, server: End, streamName: string) {
    this.id = id;
    this.client = client;
    this.server = server;
    const seed = net.sim.seed;
    this.up = new Direction(net, client, server, streamRng(seed, streamName + '/up'));
    this.down = new Direction(net, server, client, streamRng(seed, streamName + '/down'));
    client.connection = this;
    server.connection = this;
  }
}

interface Listener {
  /** The address as bound (`*`, `127.0.0.1`, `0.0.0.0`). */
  host: string;
  /** The address connects are matched against (`*` for the wildcard addresses). */
  match: string;
  proc: Proc;
}

type Resolved = { kind: 'local'; host: string } | { kind: 'remote' } | { kind: 'unknown' };

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export class Network {
  readonly sim: Sim;
  readonly options: NetworkOptions;
  /** True while any partition, hold or extra latency is configured (the fast path skips checks). */
  faultsActive = false;
  /** Bumped whenever faults or party names change; directions cache their fault state per epoch. */
  faultEpoch = 1;
  readonly connections = new Set<Connection>();
  private readonly partitions = new Set<string>();
  private readonly holds = new Set<string>();
  private readonly latencies = new Map<string, number>();
  private readonly listeners = new Map<number, Listener[]>();
  private readonly usedPorts = new Set<number>();
  private readonly portRngs = new Map<string, Rng>();
  private readonly streamCounts = new Map<string, number>();
  private nextConnectionId = 1;

  constructor(sim: Sim, options: NetworkOptions) {
    this.sim = sim;
    this.options = options;
  }

  latency(rng: Rng): number {
    const { latencyMinMs, latencyMaxMs } = this.options;
    return latencyMinMs + (latencyMaxMs - latencyMinMs) * unit(rng);
  }

  // ---- Listeners ----

  /**
   * Whether `host:port` can be bound: nothing there, and no wildcard (or specific) clash. The
   * asking process's own listeners do not count (a node re-binding after `CONFIG SET`).
   */
  canBind(host: string, port: number, asking: Proc | null = null): boolean {
    const list = this.listeners.get(port)?.filter((l) => l.proc !== asking);
    if (!list || list.length === 0) return true;
    const match = matchAddress(host);
    if (match === '*') return false;
    return !list.some((l) => l.match === match || l.match === '*');
  }

  listen(proc: Proc, hosts: string[], port: number): void {
    let list = this.listeners.get(port);
    if (!list) this.listeners.set(port, (list = []));
    for (const host of hosts) list.push({ host, match: matchAddress(host), proc });
    this.faultEpoch++;
  }

  unlisten(proc: Proc): void {
    if (proc.port === 0) return;
    const list = this.listeners.get(proc.port);
    if (!list) return;
    const kept = list.filter((l) => l.proc !== proc);
    if (kept.length) this.listeners.set(proc.port, kept);
    else this.listeners.delete(proc.port);
  }

  /** The process accepting connections to `host:port` (an exact address first, then `*`). */
  lookup(host: string, port: number): Proc | null {
    const list = this.listeners.get(port);
    if (!list) return null;
    let wildcard: Proc | null = null;
    for (const l of list) {
      if (l.match === host) return l.proc;
      if (l.match === '*') wildcard = l.proc;
    }
    return wildcard;
  }

  private resolve(host: string): Resolved {
    const h = host.toLowerCase();
    if (h === 'localhost' || h === '0.0.0.0' || h === '') return { kind: 'local', host: '127.0.0.1' };
    if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::1') return { kind: 'local', host: h };
    if (this.options.addresses.includes(h)) return { kind: 'local', host: h };
    for (const list of this.listeners.values()) if (list.some((l) => l.match === h)) return { kind: 'local', host: h };
    if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h.includes(':')) return { kind: 'remote' };
    return { kind: 'unknown' };
  }

  // ---- Connections ----

  /** Starts connecting `client` (a fresh end, state `connecting`) to `host:port`. */
  connect(client: End, host: string, port: number): void {
    const sim = this.sim;
    const resolved = this.resolve(host);
    if (resolved.kind === 'unknown') return this.failLater(client, 'unreachable', this.options.latencyMinMs, `${host}:${port}`);
    if (resolved.kind === 'remote') return this.failLater(client, 'timeout', this.options.connectTimeoutMs, `${host}:${port}`);
    const target = this.lookup(resolved.host, port);
    // Nothing listening: the kernel answers the SYN with a RST (one round trip).
    if (!target) return this.failLater(client, 'refused', 2 * this.options.latencyMinMs, `${resolved.host}:${port}`);
    const party = client.party;
    client.local = { host: resolved.host, port: this.ephemeralPort(party) };
    const server = new End(target, null, '');
    server.local = { host: resolved.host, port };
    const streamName = this.streamName(`net:${party}>${resolved.host}:${port}`);
    const conn = new Connection(this, this.nextConnectionId++, client, server, streamName);
    this.connections.add(conn);
    sim.record(conn.id, 'connect', client.label, `${resolved.host}:${port}`, '');
    conn.up.push(OPEN, '');
    const timeout = new OneShot(() => this.connectTimedOut(conn));
    conn.timeout = timeout;
    sim.queue.schedule(timeout, sim.time + this.options.connectTimeoutMs);
  }

  /** Sends bytes from `end` (ignored once it is closed). */
  send(end: End, bytes: Bytes): void {
    if (end.state === 'closed' || !end.connection) return;
    end.out.push(DATA, bytes);
  }

  /** Closes `end` as its owner does (`close(2)`, or the kernel for a dead process). */
  close(end: End): void {
    if (end.state === 'closed') return;
    const wasConnecting = end.state === 'connecting';
    end.state = 'closed';
    this.forget(end);
    const conn = end.connection;
    if (!conn) return; // A connect that never got a connection (its failure is on its way).
    this.sim.record(conn.id, 'close', end.label, '', '');
    if (wasConnecting && end === conn.client && conn.server.state === 'connecting') {
      // The SYN is still in flight or held: the attempt is simply abandoned.
      conn.up.clear();
      conn.down.clear();
      conn.server.state = 'closed';
      this.retire(conn);
      return;
    }
    end.out.push(CLOSE, '');
  }

  /**
   * The end vanishes as its host would on a power cut: bytes still queued from it are lost and
   * the peer is not told (its socket stays open until its own timeouts notice).
   */
  vanish(end: End): void {
    if (end.state === 'closed') return;
    end.state = 'closed';
    this.forget(end);
    const conn = end.connection;
    if (!conn) return;
    this.sim.record(conn.id, 'vanish', end.label, '', '');
    end.out.clear();
    if (end === conn.client && conn.server.state === 'connecting') conn.server.state = 'closed';
    this.retire(conn);
  }

  /** Delivers the head message of a direction (called by `Direction.fire`). */
  arrive(dir: Direction, kind: MessageKind, payload: Bytes): void {
    const sim = this.sim;
    const to = dir.to;
    const from = dir.from;
    const conn = to.connection as Connection;
    switch (kind) {
      case DATA:
        if (to.state !== 'open') {
          sim.record(conn.id, 'discard', from.label, to.label, payload);
          break;
        }
        sim.record(conn.id, 'data', from.label, to.label, payload);
        if (to.proc) sim.input(to.proc, { kind: 'data', conn: to.conn, bytes: payload });
        else sim.external(() => (to.ext as OpenHandlers).onData(payload));
        break;
      case OPEN: {
        const proc = to.proc as Proc;
        if (proc.state === 'exited' || this.lookup(to.local.host, to.local.port) !== proc) {
          to.state = 'closed';
          conn.down.push(REFUSED, '');
          break;
        }
        while (proc.ends.has(proc.nextAcceptConn)) proc.nextAcceptConn++;
        to.conn = proc.nextAcceptConn++;
        to.state = 'open';
        proc.ends.set(to.conn, to);
        sim.record(conn.id, 'accept', from.label, to.label, '');
        sim.input(proc, { kind: 'accept', conn: to.conn, peer: from.local, local: to.local });
        conn.down.push(ACCEPTED, '');
        break;
      }
      case ACCEPTED:
        this.cancelTimeout(conn);
        if (to.state !== 'connecting') break;
        to.state = 'open';
        sim.record(conn.id, 'connected', from.label, to.label, '');
        if (to.proc) sim.input(to.proc, { kind: 'connected', conn: to.conn, local: to.local });
        else {
          const handle = to.handle as ClientConnection;
          sim.external(() => (to.ext as OpenHandlers).onConnected(handle));
        }
        break;
      case REFUSED:
        this.cancelTimeout(conn);
        if (to.state === 'connecting') this.fail(to, 'refused', conn.id, from.label);
        break;
      case CLOSE:
        if (to.state !== 'open') break;
        to.state = 'closed';
        this.forget(to);
        sim.record(conn.id, 'closed', from.label, to.label, '');
        if (to.proc) sim.input(to.proc, { kind: 'closed', conn: to.conn });
        else sim.external(() => (to.ext as OpenHandlers).onClose());
        break;
    }
    if (to.state === 'closed' && from.state === 'closed') this.retire(conn);
  }

  /** Resets every connection between parties `a` and `b`: both sides see `closed`, queued bytes are lost. */
  drop(a: string, b: string): void {
    for (const conn of [...this.connections]) {
      const pc = conn.client.party;
      const ps = conn.server.party;
      const matches = (x: string, y: string) => (x === pc || x === '*') && (y === ps || y === '*');
      if (!(matches(a, b) || matches(b, a))) continue;
      conn.up.clear();
      conn.down.clear();
      this.cancelTimeout(conn);
      for (const end of [conn.client, conn.server]) {
        const prev = end.state;
        if (prev === 'closed') continue;
        end.state = 'closed';
        this.forget(end);
        if (prev === 'open') {
          this.sim.record(conn.id, 'reset', end.label, '', '');
          if (end.proc) this.sim.input(end.proc, { kind: 'closed', conn: end.conn });
          else {
            const ext = end.ext as OpenHandlers;
            this.sim.external(() => ext.onClose());
          }
        } else if (end === conn.client) {
          this.fail(end, 'refused', conn.id, '');
        }
      }
      this.retire(conn);
    }
  }

  // ---- Faults ----

  partition(a: string[], b: string[]): void {
    for (const x of a) for (const y of b) if (x !== y) this.partitions.add(pairKey(x, y));
    this.faultsChanged();
  }

  repair(a?: string[], b?: string[]): void {
    if (!a || !b) this.partitions.clear();
    else for (const x of a) for (const y of b) this.partitions.delete(pairKey(x, y));
    this.faultsChanged();
  }

  hold(a: string[], b: string[]): void {
    for (const x of a) for (const y of b) if (x !== y) this.holds.add(`${x}>${y}`);
    this.faultsChanged();
  }

  release(a?: string[], b?: string[]): void {
    if (!a || !b) this.holds.clear();
    else for (const x of a) for (const y of b) this.holds.delete(`${x}>${y}`);
    this.faultsChanged();
  }

  setLatency(a: string[], b: string[], extraMs: number): void {
    for (const x of a) {
      for (const y of b) {
        if (extraMs > 0) this.latencies.set(pairKey(x, y), extraMs);
        else this.latencies.delete(pairKey(x, y));
      }
    }
    this.faultsChanged();
  }

  isBlocked(source: string, target: string): boolean {
    const p = this.partitions;
    const h = this.holds;
    return p.has(pairKey(source, target)) || p.has(pairKey(source, '*')) || p.has(pairKey('*', target)) ||
      h.has(`${source}>${target}`) || h.has(`${source}>*`) || h.has(`*>${target}`);
  }

  extraLatency(source: string, target: string): number {
    const l = this.latencies;
    return l.get(pairKey(source, target)) ?? l.get(pairKey(source, '*')) ?? l.get(pairKey('*', target)) ?? 0;
  }

  /** The faults in force, for reports: `6379|6380` partitions, `6379>6380` holds. */
  describeFaults(): string {
    const parts = [...[...this.partitions].map((p) => `partition ${p.replace('|', ' ⇹ ')}`), ...[...this.holds].map((h) => `hold ${h.replace('>', ' → ')}`),
      ...[...this.latencies].map(([k, v]) => `latency ${k.replace('|', ' ⇹ ')} +${v}ms`)];
    return parts.join(', ');
  }

  private faultsChanged(): void {
    this.faultsActive = this.partitions.size > 0 || this.holds.size > 0 || this.latencies.size > 0;
    this.faultEpoch++;
    for (const conn of this.connections) {
      conn.up.reschedule();
      conn.down.reschedule();
    }
  }

  // ---- Helpers ----

  private connectTimedOut(conn: Connection): void {
    conn.timeout = null;
    const client = conn.client;
    if (client.state !== 'connecting') return;
    conn.down.clear();
    if (conn.server.state === 'connecting') {
      conn.up.clear();
      conn.server.state = 'closed';
    } else if (conn.server.state === 'open') {
      // The server accepted but its SYN-ACK never arrived: it will see the connection close.
      conn.up.push(CLOSE, '');
    }
    this.fail(client, 'timeout', conn.id, conn.server.label);
    this.retire(conn);
  }

  private cancelTimeout(conn: Connection): void {
    if (conn.timeout) {
      this.sim.queue.cancel(conn.timeout);
      conn.timeout = null;
    }
  }

  /** Fails a connect after `delayMs` (no connection was made: refused, unreachable, remote). */
  private failLater(client: End, error: ConnectError, delayMs: number, target: string): void {
    const sim = this.sim;
    sim.queue.schedule(new OneShot(() => {
      if (client.state === 'connecting') this.fail(client, error, 0, target);
    }), sim.time + delayMs);
  }

  /** Tells a connecting end its connect failed. */
  private fail(client: End, error: ConnectError, connId: number, target: string): void {
    client.state = 'closed';
    this.forget(client);
    this.sim.record(connId, error, client.label, target, '');
    if (client.proc) this.sim.input(client.proc, { kind: 'connectFailed', conn: client.conn, error });
    else {
      const ext = client.ext as OpenHandlers;
      this.sim.external(() => ext.onFailed(error));
    }
  }

  /** The node no longer knows this socket: a later `close` of it is harmless, a `send` is a bug. */
  private forget(end: End): void {
    const proc = end.proc;
    if (!proc || end.conn === 0) return;
    if (proc.ends.get(end.conn) === end) proc.ends.delete(end.conn);
    proc.closedConns.add(end.conn);
  }

  private retire(conn: Connection): void {
    if (conn.up.pending > 0 || conn.down.pending > 0) return;
    if (conn.client.state !== 'closed' || conn.server.state !== 'closed') return;
    this.cancelTimeout(conn);
    this.connections.delete(conn);
    this.usedPorts.delete(conn.client.local.port);
  }

  /** A local port for an outgoing connection: 32768–60999 (Linux's range), from the party's stream. */
  private ephemeralPort(party: string): number {
    let rng = this.portRngs.get(party);
    if (!rng) this.portRngs.set(party, (rng = streamRng(this.sim.seed, `ports:${party}`)));
    for (;;) {
      const port = 32768 + randomInt(rng, 60999 - 32768 + 1);
      if (!this.usedPorts.has(port) && !this.listeners.has(port)) {
        this.usedPorts.add(port);
        return port;
      }
    }
  }

  /** `name#k`, where k counts earlier streams of that name: a stable name for a new stream. */
  private streamName(name: string): string {
    const k = this.streamCounts.get(name) ?? 0;
    this.streamCounts.set(name, k + 1);
    return `${name}#${k}`;
  }
}

/** The address a bind matches: `*` for the wildcards, `127.0.0.1` for `localhost`. */
function matchAddress(host: string): string {
  const h = host.toLowerCase();
  if (h === '*' || h === '0.0.0.0' || h === '::' || h === '::*') return '*';
  if (h === 'localhost') return '127.0.0.1';
  return h;
}

/** The handle of an external end: what `connect` gives the shell. */
export function externalConnection(net: Network, end: End): ClientConnection {
  const handle: ClientConnection = {
    send: (bytes: Bytes) => net.send(end, bytes),
    close: () => net.close(end),
    get local() {
      return end.local;
    },
    get id() {
      return end.connection ? end.connection.id : 0;
    },
  };
  end.handle = handle;
  return handle;
}
