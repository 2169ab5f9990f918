/**
 * The text of INFO: every section of Redis 7.0 in Redis's order, with 7.0's field names.
 *
 * Counterpart in Redis: server.c `genInfoSectionDict` (which sections a request selects:
 * none → the default ones, `default`, `all`, `everything`, or names, case-insensitively) and
 * `genRedisInfoString` (the sections in a fixed order, `# Name` headers, `\r\n` line ends,
 * an empty line between sections). Persistence and Replication come from their modules
 * (`persistence.info()`, `replication.info()`).
 *
 * Values are real where the engine knows them: versions and ids, process_id, run_id, tcp_port,
 * the virtual clock (server_time_usec, uptime, lru_clock), hz, executable and config_file,
 * client counts, keyspace counts and average TTL, every stats counter the engine keeps,
 * command, error and latency statistics. Where the engine has no equivalent (there is no
 * allocator, no kernel, no CPU accounting) the values are plausible and stable, calibrated on
 * a fresh 7.0.15 server recorded for the fidelity reference: memory figures follow a fixed
 * startup footprint plus an estimate of the dataset and client buffers (used_memory of an
 * empty server is 916424, as recorded); rss, allocator and fragmentation figures derive from
 * it with the recorded offsets; CPU times grow with the commands processed (1 µs each) and
 * instantaneous_* rates are 0. Latency percentiles assume every call of a command took the
 * same modelled time and report it as Redis's HDR histogram (2 significant digits) would.
 */
import type { RedisServer } from './server.ts';
import type { Client } from './client.ts';
import type { RedisValue } from './db.ts';
import { REDIS_VERSION } from '../commands/table.generated.ts';
import { ServerConfig } from '../config/server-config.ts';

/** The sections Redis prints for a bare INFO (`module_list` is the Modules section). */
const DEFAULT_SECTIONS = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'module_list', 'errorstats', 'cluster', 'keyspace'];

/** Which sections an INFO request selects (`genInfoSectionDict`). */
export interface InfoSelection {
  all: boolean;
  everything: boolean;
  names: Set<string>;
}

/** Parses INFO's arguments (after the command name) as Redis does. */
export function infoSelection(args: readonly string[]): InfoSelection {
  const sel: InfoSelection = { all: false, everything: false, names: new Set() };
  if (args.length === 0) {
    for (const s of DEFAULT_SECTIONS) sel.names.add(s);
    return sel;
  }
  for (const a of args) {
    const s = a.toLowerCase();
    if (s === 'default') for (const d of DEFAULT_SECTIONS) sel.names.add(d);
    else if (s === 'all') sel.all = true;
    else if (s === 'everything') {
      sel.all = true;
      sel.everything = true;
    } else sel.names.add(s);
  }
  return sel;
}

/** A config value, or a fallback for directives the config table does not (yet) know. */
function cfg(server: RedisServer, name: string, fallback: string): string {
  return ServerConfig.lookup(name) ? server.config.get(name) : fallback;
}

/** `bytesToHuman`: 943.38K, 11.71M, 200B. */
export function bytesToHuman(n: number): string {
  const units: [number, string][] = [
    [1024 ** 5, 'P'],
    [1024 ** 4, 'T'],
    [1024 ** 3, 'G'],
    [1024 ** 2, 'M'],
    [1024, 'K'],
  ];
  if (n < 1024) return `${n}B`;
  for (const [size, unit] of units) if (n >= size) return `${(n / size).toFixed(2)}${unit}`;
  return `${n}B`;
}

// ---------------------------------------------------------------------------------------------
// The memory model (plausible figures; see the file comment)
// ---------------------------------------------------------------------------------------------

const STARTUP_BYTES = 876176;
const EMPTY_DATASET_BYTES = 40048;
const RSS_OFFSET = 11269176;
const ALLOCATOR_OFFSET = 774424;
const ALLOCATOR_ACTIVE_EXTRA = 135968;
const ALLOCATOR_RESIDENT = 4497408;

function valueBytes(v: RedisValue): number {
  switch (v.type) {
    case 'string':
      return 16 + v.value.length;
    case 'list': {
      let n = 32;
      for (const e of v.value) n += 11 + e.length;
      return n;
    }
    case 'hash': {
      let n = 64;
      for (const [f, x] of v.value) n += 16 + f.length + x.length;
      return n;
    }
    case 'set': {
      let n = 64;
      for (const m of v.value) n += 16 + m.length;
      return n;
    }
  }
}

interface MemoryFigures {
  used: number;
  startup: number;
  overhead: number;
  dataset: number;
  clientsNormal: number;
  clientsReplicas: number;
}

/** Estimated memory use of the server now (`getMemoryOverheadData` in spirit). */
export function memoryFigures(server: RedisServer, caller?: Client): MemoryFigures {
  let keysBytes = 0;
  let dictBytes = 0;
  for (const db of server.dbs) {
    if (db.keys.size === 0) continue;
    dictBytes += 200 + 56 * db.keys.size + 40 * db.expires.size;
    for (const [k, v] of db.keys) keysBytes += 24 + k.length + valueBytes(v);
  }
  let clientsNormal = 0;
  let clientsReplicas = 0;
  for (const c of server.clients.values()) {
    if (c === caller) continue;
    if (c.kind === 'replica') clientsReplicas += 20504;
    else clientsNormal += 22272;
  }
  const overhead = STARTUP_BYTES + 200 + dictBytes + clientsNormal + clientsReplicas;
  const dataset = EMPTY_DATASET_BYTES + keysBytes;
  return { used: overhead + dataset, startup: STARTUP_BYTES, overhead, dataset, clientsNormal, clientsReplicas };
}

function memorySection(server: RedisServer, caller?: Client): string[] {
  const m = memoryFigures(server, caller);
  server.stats.usedMemoryPeak = Math.max(server.stats.usedMemoryPeak, m.used);
  const peak = server.stats.usedMemoryPeak;
  const rss = Math.ceil((m.used + RSS_OFFSET) / 4096) * 4096;
  const allocated = m.used + ALLOCATOR_OFFSET;
  const active = allocated + ALLOCATOR_ACTIVE_EXTRA;
  const resident = Math.max(ALLOCATOR_RESIDENT, Math.ceil((active + 2670592) / 4096) * 4096);
  const maxmemory = Number(cfg(server, 'maxmemory', '0')) || 0;
  const net = m.used - m.startup;
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b).toFixed(2);
  return [
    `used_memory:${m.used}`,
    `used_memory_human:${bytesToHuman(m.used)}`,
    `used_memory_rss:${rss}`,
    `used_memory_rss_human:${bytesToHuman(rss)}`,
    `used_memory_peak:${peak}`,
    `used_memory_peak_human:${bytesToHuman(peak)}`,
    `used_memory_peak_perc:${((m.used * 100) / peak).toFixed(2)}%`,
    `used_memory_overhead:${m.overhead}`,
    `used_memory_startup:${m.startup}`,
    `used_memory_dataset:${m.dataset}`,
    `used_memory_dataset_perc:${net > 0 ? ((m.dataset * 100) / net).toFixed(2) : '0.00'}%`,
    `allocator_allocated:${allocated}`,
    `allocator_active:${active}`,
    `allocator_resident:${resident}`,
    'total_system_memory:25276063744',
    'total_system_memory_human:23.54G',
    'used_memory_lua:32768',
    'used_memory_vm_eval:32768',
    'used_memory_lua_human:32.00K',
    'used_memory_scripts_eval:0',
    'number_of_cached_scripts:0',
    'number_of_functions:0',
    'number_of_libraries:0',
    'used_memory_vm_functions:33792',
    'used_memory_vm_total:66560',
    'used_memory_vm_total_human:65.00K',
    'used_memory_functions:200',
    'used_memory_scripts:200',
    'used_memory_scripts_human:200B',
    `maxmemory:${maxmemory}`,
    `maxmemory_human:${bytesToHuman(maxmemory)}`,
    `maxmemory_policy:${cfg(server, 'maxmemory-policy', 'noeviction')}`,
    `allocator_frag_ratio:${ratio(active, allocated)}`,
    `allocator_frag_bytes:${active - allocated}`,
    `allocator_rss_ratio:${ratio(resident, active)}`,
    `allocator_rss_bytes:${resident - active}`,
    `rss_overhead_ratio:${ratio(rss, resident)}`,
    `rss_overhead_bytes:${rss - resident}`,
    `mem_fragmentation_ratio:${ratio(rss, m.used)}`,
    `mem_fragmentation_bytes:${rss - m.used}`,
    'mem_not_counted_for_evict:0',
    'mem_replication_backlog:0',
    'mem_total_replication_buffers:0',
    `mem_clients_slaves:${m.clientsReplicas}`,
    `mem_clients_normal:${m.clientsNormal}`,
    'mem_cluster_links:0',
    'mem_aof_buffer:0',
    'mem_allocator:jemalloc-5.3.0',
    'active_defrag_running:0',
    'lazyfree_pending_objects:0',
    'lazyfreed_objects:0',
  ];
}

// ---------------------------------------------------------------------------------------------
// The other sections
// ---------------------------------------------------------------------------------------------

function serverSection(server: RedisServer): string[] {
  const uptimeS = Math.floor((server.nowMs - server.startedMs) / 1000);
  const hz = server.config.int('hz');
  return [
    `redis_version:${REDIS_VERSION}`,
    'redis_git_sha1:00000000',
    'redis_git_dirty:0',
    'redis_build_id:ae4d7c971a948f0',
    'redis_mode:standalone',
    'os:Linux 6.1.0-28-amd64 x86_64',
    'arch_bits:64',
    'monotonic_clock:POSIX clock_gettime',
    'multiplexing_api:epoll',
    'atomicvar_api:c11-builtin',
    'gcc_version:12.2.0',
    `process_id:${server.pid}`,
    'process_supervised:no',
    `run_id:${server.runId}`,
    `tcp_port:${server.port}`,
    `server_time_usec:${Math.floor(server.nowMs) * 1000}`,
    `uptime_in_seconds:${uptimeS}`,
    `uptime_in_days:${Math.floor(uptimeS / 86400)}`,
    `hz:${hz}`,
    `configured_hz:${hz}`,
    `lru_clock:${Math.floor(server.nowMs / 1000) & 0xffffff}`,
    `executable:${server.cwd.replace(/\/$/, '')}/${server.program}`,
    `config_file:${server.configFile}`,
    'io_threads_active:0',
  ];
}

function clientsSection(server: RedisServer): string[] {
  let connected = 0;
  let blocked = 0;
  let inTimeoutTable = 0;
  let anyInput = false;
  for (const c of server.clients.values()) {
    if (c.kind !== 'replica') connected++;
    if (c.lastCommand !== 'NULL') anyInput = true;
    if (c.blocked && c.blocked.kind === 'wait') {
      blocked++;
      if (c.blocked.timeoutAtMs > 0) inTimeoutTable++;
    }
  }
  return [
    `connected_clients:${connected}`,
    'cluster_connections:0',
    `maxclients:${cfg(server, 'maxclients', '10000')}`,
    // A client that sent a request holds a 20480-byte query buffer in 7.0 (recorded value).
    `client_recent_max_input_buffer:${anyInput ? 20480 : 0}`,
    'client_recent_max_output_buffer:0',
    `blocked_clients:${blocked}`,
    'tracking_clients:0',
    `clients_in_timeout_table:${inTimeoutTable}`,
  ];
}

function statsSection(server: RedisServer): string[] {
  const s = server.stats;
  const reads = s.totalCommandsProcessed + s.rejectedCalls + s.totalConnectionsReceived;
  return [
    `total_connections_received:${s.totalConnectionsReceived}`,
    `total_commands_processed:${s.totalCommandsProcessed}`,
    'instantaneous_ops_per_sec:0',
    `total_net_input_bytes:${s.netInputBytes}`,
    `total_net_output_bytes:${s.netOutputBytes}`,
    `total_net_repl_input_bytes:${s.netReplInputBytes}`,
    `total_net_repl_output_bytes:${s.netReplOutputBytes}`,
    'instantaneous_input_kbps:0.00',
    'instantaneous_output_kbps:0.00',
    'instantaneous_input_repl_kbps:0.00',
    'instantaneous_output_repl_kbps:0.00',
    `rejected_connections:${s.rejectedConnections}`,
    `sync_full:${s.syncFull}`,
    `sync_partial_ok:${s.syncPartialOk}`,
    `sync_partial_err:${s.syncPartialErr}`,
    `expired_keys:${s.expiredKeys}`,
    'expired_stale_perc:0.00',
    'expired_time_cap_reached_count:0',
    'expire_cycle_cpu_milliseconds:0',
    `evicted_keys:${s.evictedKeys}`,
    'evicted_clients:0',
    'total_eviction_exceeded_time:0',
    'current_eviction_exceeded_time:0',
    `keyspace_hits:${s.keyspaceHits}`,
    `keyspace_misses:${s.keyspaceMisses}`,
    `pubsub_channels:${server.channels.size}`,
    `pubsub_patterns:${server.patterns.size}`,
    'pubsubshard_channels:0',
    `latest_fork_usec:${s.latestForkUsec}`,
    `total_forks:${s.totalForks}`,
    'migrate_cached_sockets:0',
    'slave_expires_tracked_keys:0',
    'active_defrag_hits:0',
    'active_defrag_misses:0',
    'active_defrag_key_hits:0',
    'active_defrag_key_misses:0',
    'total_active_defrag_time:0',
    'current_active_defrag_time:0',
    'tracking_total_keys:0',
    'tracking_total_items:0',
    'tracking_total_prefixes:0',
    'unexpected_error_replies:0',
    `total_error_replies:${s.totalErrorReplies}`,
    'dump_payload_sanitizations:0',
    `total_reads_processed:${reads}`,
    `total_writes_processed:${s.totalCommandsProcessed + s.rejectedCalls}`,
    'io_threaded_reads_processed:0',
    'io_threaded_writes_processed:0',
    'reply_buffer_shrinks:0',
    'reply_buffer_expands:0',
  ];
}

function cpuSection(server: RedisServer): string[] {
  // Plausible: 1 µs of CPU per command, split between user and system time.
  const usec = server.stats.totalCommandsProcessed + Math.floor((server.nowMs - server.startedMs) / 100);
  const t = (u: number) => `${Math.floor(u / 1e6)}.${String(u % 1e6).padStart(6, '0')}`;
  const sys = Math.floor(usec / 3);
  const user = usec - sys;
  return [
    `used_cpu_sys:${t(sys)}`,
    `used_cpu_user:${t(user)}`,
    'used_cpu_sys_children:0.000000',
    'used_cpu_user_children:0.000000',
    `used_cpu_sys_main_thread:${t(sys)}`,
    `used_cpu_user_main_thread:${t(user)}`,
  ];
}

/** Commands with statistics, parents before their subcommands, in the command table's order. */
function statNames(server: RedisServer): string[] {
  const out: string[] = [];
  for (const meta of server.commands.all()) {
    if (server.stats.commands.has(meta.name)) out.push(meta.name);
    for (const sub of meta.subcommands?.values() ?? []) if (server.stats.commands.has(sub.name)) out.push(sub.name);
  }
  return out;
}

/** The modelled duration of one call, in microseconds. */
function callUsec(server: RedisServer, name: string): number {
  const stat = server.stats.commands.get(name);
  if (stat && stat.calls > 0 && stat.usec > 0) return Math.max(1, Math.round(stat.usec / stat.calls));
  const meta = server.lookupCommand(name.split('|'));
  return meta?.flags.has('fast') ? 2 : 6;
}

function commandstatsSection(server: RedisServer): string[] {
  const out: string[] = [];
  for (const name of statNames(server)) {
    const s = server.stats.commands.get(name)!;
    if (!s.calls && !s.failedCalls && !s.rejectedCalls) continue;
    const usec = s.usec > 0 ? s.usec : s.calls * callUsec(server, name);
    const perCall = s.calls === 0 ? 0 : usec / s.calls;
    out.push(`cmdstat_${name}:calls=${s.calls},usec=${usec},usec_per_call=${perCall.toFixed(2)},rejected_calls=${s.rejectedCalls},failed_calls=${s.failedCalls}`);
  }
  return out;
}

/**
 * The value `hdr_value_at_percentile` reports for a sample of `ns` nanoseconds in a histogram
 * of 2 significant digits: the highest value equivalent to it.
 */
export function hdrHighestEquivalent(ns: number): number {
  if (ns < 256) return ns;
  const bucket = Math.floor(Math.log2(ns)) - 7;
  const unit = 2 ** bucket;
  return Math.floor(ns / unit) * unit + unit - 1;
}

function latencystatsSection(server: RedisServer): string[] {
  const percentiles = cfg(server, 'latency-tracking-info-percentiles', '50 99 99.9').split(' ').filter(Boolean);
  const out: string[] = [];
  for (const name of statNames(server)) {
    const s = server.stats.commands.get(name)!;
    if (!s.calls) continue;
    const v = (hdrHighestEquivalent(callUsec(server, name) * 1000) / 1000).toFixed(3);
    out.push(`latency_percentiles_usec_${name}:${percentiles.map((p) => `p${Number(p)}=${v}`).join(',')}`);
  }
  return out;
}

function errorstatsSection(server: RedisServer): string[] {
  return [...server.stats.errors.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, n]) => `errorstat_${code.replace(/[#:\n\r]/g, '_')}:count=${n}`);
}

function keyspaceSection(server: RedisServer): string[] {
  const out: string[] = [];
  for (const db of server.dbs) {
    const keys = db.keys.size;
    const expires = db.expires.size;
    if (!keys && !expires) continue;
    let ttlSum = 0;
    let ttlCount = 0;
    for (const when of db.expires.values()) {
      const ttl = when - server.nowMs;
      if (ttl > 0) {
        ttlSum += ttl;
        ttlCount++;
      }
    }
    const avgTtl = ttlCount ? Math.floor(ttlSum / ttlCount) : 0;
    out.push(`db${db.id}:keys=${keys},expires=${expires},avg_ttl=${avgTtl}`);
  }
  return out;
}

/**
 * The INFO text for a selection (`genRedisInfoString`). `caller` is the client asking (its
 * own buffers are not counted in mem_clients_normal, as in Redis).
 */
export function genInfoString(server: RedisServer, sel: InfoSelection, caller?: Client): string {
  const all = sel.all || sel.everything;
  const want = (...names: string[]) => all || names.some((n) => sel.names.has(n));
  const sections: [string, () => string[]][] = [];
  if (want('server')) sections.push(['Server', () => serverSection(server)]);
  if (want('clients')) sections.push(['Clients', () => clientsSection(server)]);
  if (want('memory')) sections.push(['Memory', () => memorySection(server, caller)]);
  if (want('persistence')) sections.push(['Persistence', () => server.persistence.info()]);
  if (want('stats')) sections.push(['Stats', () => statsSection(server)]);
  if (want('replication')) sections.push(['Replication', () => server.replication.info()]);
  if (want('cpu')) sections.push(['CPU', () => cpuSection(server)]);
  if (want('module_list', 'modules')) sections.push(['Modules', () => []]);
  if (want('commandstats')) sections.push(['Commandstats', () => commandstatsSection(server)]);
  if (want('errorstats')) sections.push(['Errorstats', () => errorstatsSection(server)]);
  if (want('latencystats')) sections.push(['Latencystats', () => latencystatsSection(server)]);
  if (want('cluster')) sections.push(['Cluster', () => ['cluster_enabled:0']]);
  if (want('keyspace')) sections.push(['Keyspace', () => keyspaceSection(server)]);
  return sections.map(([title, lines]) => [`# ${title}`, ...lines()].map((l) => l + '\r\n').join('')).join('\r\n');
}
