/**
 * Replication tests on the deterministic simulator (src/sim): a thin layer over the scenario
 * language that names nodes by port and gives each its own directory, so several redis-server
 * processes share the simulator's one disk without sharing dump.rdb or appendonlydir.
 *
 * ```ts
 * const cl = simCluster();                       // seeded from SEED, reports on failure
 * cl.start(6379);                                // /home/learner/6379/redis.conf: "port 6379\n"
 * cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\n' });
 * cl.runUntil(() => cl.server(6380).replication.linkUp, 10_000);
 * ```
 *
 * Faults map onto the simulator's verbs: `kill` is kill -9 (bytes already sent still arrive
 * once a partition heals, as the kernel delivers them), `kill(port, { hostDown: true })` is a
 * machine crash, `partition`/`heal`, `hold`/`release`, `drop`, `pause`/`resume`, `term`.
 */
import { simScenario } from './support.ts';
import type { Scenario, SimClient, ScenarioOptions } from '../../src/sim/index.ts';
import type { RedisServer } from '../../src/engine/server/server.ts';
import type { RedisValue } from '../../src/engine/server/db.ts';
import type { Reply } from '../../src/engine/resp/reply.ts';
import type { Bytes } from '../../src/engine/types.ts';

/** A client with an inbox a test can look at without consuming it. */
export class ClusterClient {
  readonly inner: SimClient;
  private readonly received: Reply[] = [];

  constructor(inner: SimClient) {
    this.inner = inner;
  }

  /** Replies received and not yet read. */
  get inbox(): readonly Reply[] {
    this.received.push(...this.inner.take());
    return this.received;
  }

  send(...argv: Bytes[]): this {
    this.inner.send(...argv);
    return this;
  }

  /** Sends a command and waits for its reply. */
  call(...argv: Bytes[]): Reply {
    this.send(...argv);
    return this.reply();
  }

  /** The next reply (pumping the simulation until it arrives, at most `limitMs`). */
  reply(limitMs = 120_000): Reply {
    if (this.inbox.length) return this.received.shift()!;
    return this.inner.read('a reply', limitMs);
  }

  get closed(): boolean {
    return this.inner.closed;
  }

  close(): void {
    this.inner.close();
  }
}

export class SimCluster {
  readonly s: Scenario;

  constructor(s: Scenario) {
    this.s = s;
  }

  /** Unix ms as the nodes see it. */
  get now(): number {
    return this.s.nowMs;
  }

  /** The directory of the node on `port`. */
  dir(port: number): string {
    return `/home/learner/${port}`;
  }

  /** Starts `redis-server redis.conf [argv]` in the node's directory; redis.conf is `port N` + `conf`. */
  start(port: number, opts: { conf?: string; argv?: string[] } = {}): number {
    this.s.file(`${this.dir(port)}/redis.conf`, `port ${port}\n${opts.conf ?? ''}`);
    return this.s.spawn('redis-server', ['redis.conf', ...(opts.argv ?? [])], { cwd: this.dir(port) });
  }

  /** kill -9; with `hostDown` the machine dies: what it sent and is still queued is lost. */
  kill(port: number, opts: { hostDown?: boolean } = {}): this {
    this.s.crash(port, opts);
    return this;
  }

  restart(port: number): this {
    this.s.restart(port);
    return this;
  }

  /** SIGTERM: a graceful shutdown. */
  term(port: number): this {
    this.s.kill(port, 'TERM');
    return this;
  }

  pause(port: number): this {
    this.s.pause(port);
    return this;
  }

  resume(port: number): this {
    this.s.resume(port);
    return this;
  }

  /** Messages between the two ports wait (both ways) until `heal`. */
  partition(a: number | string, b: number | string): this {
    this.s.partition(a, b);
    return this;
  }

  heal(a?: number | string, b?: number | string): this {
    this.s.repair(a, b);
    return this;
  }

  hold(a: number | string, b: number | string): this {
    this.s.hold(a, b);
    return this;
  }

  release(a?: number | string, b?: number | string): this {
    this.s.release(a, b);
    return this;
  }

  /** Resets every connection between the two parties. */
  drop(a: number | string, b: number | string): this {
    this.s.drop(a, b);
    return this;
  }

  /** Whether a process listens on `port` (running or stopped). */
  alive(port: number): boolean {
    return this.s.sim.procByPort(port) !== undefined;
  }

  /** The engine of the live node on `port`. */
  server(port: number): RedisServer {
    return this.s.node<RedisServer>(port);
  }

  /** Every line the node logged (its stdout: no logfile is set), across restarts. */
  log(port: number): string[] {
    return this.s.stdout(port).split('\n').filter((l) => l !== '');
  }

  /** Log messages without the `pid:R date time` prefix, keeping the role char and level mark. */
  messages(port: number): string[] {
    return this.log(port).map((l) => l.replace(/^\d+:([A-Z]) \d\d \w\w\w \d{4} [\d:.]+ (.) /, '$1 $2 '));
  }

  /** A new client connection to `port` (party `client`). */
  client(port: number, party = 'client'): ClusterClient {
    return new ClusterClient(this.s.client(port, { party }));
  }

  run(ms: number): this {
    this.s.runFor(ms);
    return this;
  }

  /** Runs until `pred` holds, at most `limitMs`; returns whether it does. */
  runUntil(pred: () => boolean, limitMs = 60_000): boolean {
    return this.s.sim.runUntil(pred, limitMs);
  }

  /** A node's dataset as comparable text: db, key, value, expiry. */
  dataset(port: number): string {
    const s = this.server(port);
    const lines: string[] = [];
    for (const db of s.dbs) {
      for (const k of [...db.keys.keys()].sort()) lines.push(`${db.id} ${JSON.stringify(k)} ${renderValue(db.keys.get(k)!)} ${db.getExpire(k) ?? ''}`);
    }
    return lines.join('\n');
  }
}

/** A cluster on a fresh simulator seeded from SEED (else `options.seed`). */
export function simCluster(options: ScenarioOptions = {}): SimCluster {
  return new SimCluster(simScenario(options));
}

function renderValue(v: RedisValue): string {
  switch (v.type) {
    case 'string':
    case 'list':
      return JSON.stringify(v.value);
    case 'hash':
    case 'set':
      return JSON.stringify([...v.value].sort());
  }
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
