/**
 * A test host for Sentinel scenarios on the simulator: the tutorial's topology (primary 6379
 * with requirepass, replicas 6380/6381 with masterauth, sentinels 5000–5002 each in its own
 * directory with the tutorial's sentinel.conf), and readers for what the nodes wrote: log
 * events with their virtual times, config files, replies.
 *
 * Used by test/sim/sentinel-*.test.ts and test/engine/sentinel/*.test.ts.
 */
import { scenario, type Scenario, type SimClient } from '../../src/sim/index.ts';
import type { Reply } from '../../src/engine/resp/reply.ts';
import type { RedisServer } from '../../src/engine/server/server.ts';
import type { Sentinel } from '../../src/engine/sentinel/sentinel.ts';

export const PASSWORD = 'a_strong_password';
export const SENTINEL_PORTS = [5000, 5001, 5002] as const;

/** The data node config of the tutorial (each node in /home/learner/<port>/). */
export function dataConf(port: number, replicaOf: number | null, extra = ''): string {
  return [
    'bind 127.0.0.1',
    `port ${port}`,
    'daemonize no',
    'logfile "redis.log"',
    ...(replicaOf ? [`replicaof 127.0.0.1 ${replicaOf}`] : []),
    'appendonly yes',
    `appendfilename "appendonly-${port}.aof"`,
    `dbfilename "dump-${port}.rdb"`,
    `requirepass ${PASSWORD}`,
    `masterauth ${PASSWORD}`,
    extra,
  ].join('\n') + '\n';
}

/** The tutorial's sentinelN.conf (the fidelity reference's conf/sentinelN.conf). */
export function sentinelConf(port: number, opts: { quorum?: number; downAfter?: number; failoverTimeout?: number; primaryPort?: number } = {}): string {
  const n = port - 4999;
  return [
    `# Sentinel ${n}:  redis-server ./sentinel${n}.conf --sentinel   (or: redis-sentinel ./sentinel${n}.conf)`,
    '# Sentinel REWRITES this file at startup and on every state change (must be writable).',
    'bind 127.0.0.1',
    `port ${port}`,
    'daemonize no',
    'logfile "sentinel.log"',
    `sentinel monitor myprimary 127.0.0.1 ${opts.primaryPort ?? 6379} ${opts.quorum ?? 2}`,
    `sentinel down-after-milliseconds myprimary ${opts.downAfter ?? 5000}`,
    `sentinel failover-timeout myprimary ${opts.failoverTimeout ?? 60000}`,
    `sentinel auth-pass myprimary ${PASSWORD}`,
  ].join('\n') + '\n';
}

export const dir = (port: number) => `/home/learner/${port}`;
export const sentinelFile = (port: number) => `${dir(port)}/sentinel${port - 4999}.conf`;

export interface ClusterOptions {
  seed?: number;
  /** Replica ports (default [6380, 6381]). */
  replicas?: number[];
  /** Sentinel ports to start (default all three). */
  sentinels?: number[];
  quorum?: number;
  downAfter?: number;
  failoverTimeout?: number;
  /** Extra lines for every data node's config. */
  dataExtra?: string;
  /** Extra lines per replica port. */
  replicaExtra?: Record<number, string>;
}

/** Starts the tutorial's cluster and waits until the replicas are synced and the sentinels know each other. */
export function tutorialCluster(opts: ClusterOptions = {}): Scenario {
  const s = scenario({ seed: opts.seed ?? 1 });
  const replicas = opts.replicas ?? [6380, 6381];
  s.file(`${dir(6379)}/primary.conf`, dataConf(6379, null, opts.dataExtra));
  replicas.forEach((p, i) => s.file(`${dir(p)}/replica${i ? i + 1 : ''}.conf`, dataConf(p, 6379, (opts.dataExtra ?? '') + '\n' + (opts.replicaExtra?.[p] ?? ''))));
  for (const p of SENTINEL_PORTS) s.file(sentinelFile(p), sentinelConf(p, opts));
  s.start('redis-server', ['./primary.conf'], { cwd: dir(6379) });
  replicas.forEach((p, i) => s.start('redis-server', [`./replica${i ? i + 1 : ''}.conf`], { cwd: dir(p) }));
  s.runUntil(() => replicas.every((p) => linkUp(s, p)), 30_000, 'replicas in sync');
  const sentinels = opts.sentinels ?? SENTINEL_PORTS;
  for (const p of sentinels) startSentinel(s, p);
  // As the fidelity recording's setup(): wait until every sentinel knows the replicas and the
  // other sentinels, then 3 s more.
  s.runUntil(() => sentinels.every((p) => {
    const m = sentinelState(s, p).masters.get('myprimary');
    return m !== undefined && m.slaves.size === replicas.length && m.sentinels.size === sentinels.length - 1;
  }), 60_000, 'discovery');
  s.runFor(3000);
  return s;
}

/** The Sentinel state of the sentinel listening on `port`. */
export function sentinelState(s: Scenario, port: number): Sentinel {
  return s.node<RedisServer>(port).sentinel!;
}

/** Whether the replica on `port` has its link to the primary up (read from the engine, no traffic). */
export function linkUp(s: Scenario, port: number): boolean {
  const info = s.node<RedisServer>(port).replication.info().join('\n');
  return info.includes('master_link_status:up');
}

/** Starts sentinel `port` as the fidelity recording did (5001 as redis-sentinel, the others with --sentinel). */
export function startSentinel(s: Scenario, port: number): void {
  const file = `./sentinel${port - 4999}.conf`;
  if (port === 5001) s.start('redis-sentinel', [file], { cwd: dir(port) });
  else s.start('redis-server', [file, '--sentinel'], { cwd: dir(port) });
}

/** A client already authenticated when it talks to a data node. */
export function cli(s: Scenario, port: number): SimClient {
  const c = s.client(port);
  if (port >= 6000) c.call('AUTH', PASSWORD);
  return c;
}

/** A reply as plain JSON-able data: strings, numbers, nulls, arrays; errors as `ERR …` strings prefixed with `!`. */
export function plain(r: Reply): unknown {
  switch (r.type) {
    case 'simple':
    case 'bulk':
    case 'integer':
      return r.value;
    case 'error':
      return `!${r.value}`;
    case 'array':
      return r.value === null ? null : r.value.map(plain);
    case 'raw':
      return r.value;
  }
}

/** A flat field/value reply as an object. */
export function fields(r: Reply): Record<string, string> {
  const a = plain(r) as string[];
  const o: Record<string, string> = {};
  for (let i = 0; i + 1 < a.length; i += 2) o[a[i]] = a[i + 1];
  return o;
}

export interface LogEvent {
  /** Unix ms of the line. */
  ms: number;
  mark: string;
  /** The message after the mark. */
  text: string;
  /** First word (the event name for Sentinel events). */
  type: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LINE = /^\d+:[MSXC] (\d\d) (\w{3}) (\d{4}) (\d\d):(\d\d):(\d\d)\.(\d{3}) ([.\-*#]) (.*)$/;

/** The log lines of the node in `dir(port)` (its logfile), parsed. */
export function logEvents(s: Scenario, port: number): LogEvent[] {
  const name = port >= 5000 && port < 6000 ? 'sentinel.log' : 'redis.log';
  const text = s.read(`${dir(port)}/${name}`) ?? '';
  const out: LogEvent[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const ms = Date.UTC(+m[3], MONTHS.indexOf(m[2]), +m[1], +m[4], +m[5], +m[6], +m[7]);
    out.push({ ms, mark: m[8], text: m[9], type: m[9].split(' ')[0] });
  }
  return out;
}

/** The first event of `type` (and containing `contains`) at or after `sinceMs`, or null. */
export function firstEvent(s: Scenario, port: number, type: string, sinceMs = 0, contains = ''): LogEvent | null {
  return logEvents(s, port).find((e) => e.ms >= sinceMs && e.type === type && e.text.includes(contains)) ?? null;
}

/** Runs until sentinel `port` has logged `type` after `sinceMs`. */
export function runUntilEvent(s: Scenario, port: number, type: string, sinceMs: number, limitMs = 60_000, contains = ''): LogEvent {
  s.runUntil(() => firstEvent(s, port, type, sinceMs, contains) !== null, limitMs, `${type} on ${port}`);
  return firstEvent(s, port, type, sinceMs, contains)!;
}

/** The role INFO replication would show on a data node (`master` / `slave`), read from the engine. */
export function roleOf(s: Scenario, port: number): string {
  const info = s.node<RedisServer>(port).replication.info().join('\n');
  return /role:(\w+)/.exec(info)?.[1] ?? '?';
}

/** What each sentinel answers to GET-MASTER-ADDR-BY-NAME myprimary (`ip:port`). */
export function primaryAddrSeenBy(s: Scenario, port: number): string {
  const r = plain(s.client(port).call('SENTINEL', 'get-master-addr-by-name', 'myprimary')) as string[] | null;
  return r ? `${r[0]}:${r[1]}` : 'nil';
}

/** Timeline of a failover after a fault at `t0` (ms after t0 for each milestone, -1 if absent). */
export function failoverTimeline(s: Scenario, t0: number, sentinels: readonly number[] = SENTINEL_PORTS): Record<string, number> {
  const first = (type: string) => {
    let best = Infinity;
    for (const p of sentinels) {
      const e = firstEvent(s, p, type, t0);
      if (e) best = Math.min(best, e.ms - t0);
    }
    return best === Infinity ? -1 : best;
  };
  const perSentinelSwitch = sentinels.map((p) => {
    const e = firstEvent(s, p, '+switch-master', t0);
    return e ? e.ms - t0 : -1;
  });
  return {
    first_sdown: first('+sdown'),
    first_odown: first('+odown'),
    elected: first('+elected-leader'),
    promoted: first('+promoted-slave'),
    failover_end: first('+failover-end'),
    first_switch_master: Math.min(...perSentinelSwitch.filter((x) => x >= 0)),
    last_switch_master: Math.max(...perSentinelSwitch),
  };
}

/**
 * Safety checkers for Sentinel runs (added with `s.check`): a sentinel votes for at most one
 * leader per epoch, and neither its current epoch nor a primary's config epoch ever decreases
 * (across restarts too: they are persisted in its config file).
 */
export function addSentinelSafetyCheckers(s: Scenario, ports: readonly number[] = SENTINEL_PORTS): void {
  const votes = new Map<string, string>();
  const epochs = new Map<number, { current: number; config: number }>();
  s.check('sentinel-safety', () => {
    for (const p of ports) {
      let st: Sentinel;
      try {
        st = sentinelState(s, p);
      } catch {
        continue; // not running
      }
      const m = st.masters.get('myprimary');
      if (!m) continue;
      if (m.leader !== null && m.leaderEpoch > 0) {
        const key = `${st.myid}@${m.leaderEpoch}`;
        const prev = votes.get(key);
        if (prev !== undefined && prev !== m.leader) throw new Error(`sentinel ${p} voted twice in epoch ${m.leaderEpoch}: ${prev} then ${m.leader}`);
        votes.set(key, m.leader);
      }
      const e = epochs.get(p) ?? { current: 0, config: 0 };
      if (st.currentEpoch < e.current) throw new Error(`sentinel ${p}: current epoch went from ${e.current} to ${st.currentEpoch}`);
      if (m.configEpoch < e.config) throw new Error(`sentinel ${p}: config epoch went from ${e.config} to ${m.configEpoch}`);
      epochs.set(p, { current: st.currentEpoch, config: m.configEpoch });
    }
  });
}

/**
 * After healing: exactly one data node is a primary, every running sentinel names it, and every
 * other running data node replicates from it with its link up. Returns a description of what
 * is wrong, or null.
 */
export function convergenceProblem(s: Scenario, dataPorts: readonly number[], sentinelPorts: readonly number[] = SENTINEL_PORTS): string | null {
  const alive = (p: number) => {
    try {
      s.node<RedisServer>(p);
      return true;
    } catch {
      return false;
    }
  };
  const primaries = dataPorts.filter((p) => alive(p) && roleOf(s, p) === 'master');
  if (primaries.length !== 1) return `primaries: ${primaries.join(',') || 'none'}`;
  const primary = primaries[0];
  for (const p of sentinelPorts) {
    if (!alive(p)) continue;
    const m = sentinelState(s, p).masters.get('myprimary')!;
    const addr = sentinelState(s, p).currentMasterAddress(m);
    if (addr.port !== primary) return `sentinel ${p} names ${addr.port}, primary is ${primary}`;
  }
  for (const p of dataPorts) {
    if (p === primary || !alive(p)) continue;
    const info = s.node<RedisServer>(p).replication.info().join('\n');
    if (!info.includes(`master_port:${primary}`) || !info.includes('master_link_status:up')) return `replica ${p} does not follow ${primary}`;
  }
  return null;
}
