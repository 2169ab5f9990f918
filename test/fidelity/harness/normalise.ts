/**
 * The one normalisation applied to both sides of a fidelity comparison (real bash + real Redis,
 * and the headless lab). It rewrites only what is random by nature or depends on the host
 * machine: process ids, run ids / replication ids, wall-clock timestamps and unix times, uptimes
 * and durations, ephemeral client ports, the ports the harness picked, memory figures, the
 * scratch directory, and the host warnings of the recording machine. Everything else must match
 * byte for byte (including the `\r` that ends every INFO line).
 *
 * Every rule is listed in RULES (text rules, applied in order) and INFO_FIELDS (INFO values); the
 * README of this folder documents both. Never add a rule to make a comparison pass: a rule is
 * right only when the value differs between two runs of real Redis or between two machines.
 */

/** What a normalised value is replaced by: the kind of randomness it had. */
export type Placeholder = '<pid>' | '<id>' | '<time>' | '<unixtime>' | '<usec>' | '<n>' | '<v>' | '<port>';

/**
 * How an INFO value is compared:
 * - `exact`: byte for byte (deterministic for a given script);
 * - `pid`, `id`, `unixtime`: replaced by `<pid>`, `<id>` (unless all zeros), `<unixtime>`;
 * - `n`: a figure that depends on timing or the machine (memory, CPU, uptime, durations,
 *   sampled rates, sizes of files carrying timestamps) → `<n>`;
 * - `v`: a machine-dependent string (kernel version) → `<v>`.
 */
export type InfoRule = 'exact' | 'pid' | 'id' | 'unixtime' | 'n' | 'v';

/**
 * INFO fields of Redis 7.0.15, section by section, with how their VALUE is compared. The field
 * NAMES and their order are always compared exactly (they stay in the text). A field that is
 * not listed here is compared exactly. Values only: a lab field that real Redis does not print
 * shows up in the diff whatever its rule.
 */
export const INFO_FIELDS: Readonly<Record<string, InfoRule>> = {
  // # Server
  redis_version: 'exact', redis_git_sha1: 'exact', redis_git_dirty: 'exact', redis_build_id: 'exact',
  redis_mode: 'exact',
  os: 'v', // "Linux <kernel release> x86_64": the host's kernel
  arch_bits: 'exact', monotonic_clock: 'exact', multiplexing_api: 'exact', atomicvar_api: 'exact',
  gcc_version: 'exact',
  process_id: 'pid',
  process_supervised: 'exact',
  run_id: 'id',
  tcp_port: 'exact',
  server_time_usec: 'unixtime',
  uptime_in_seconds: 'n', uptime_in_days: 'n',
  hz: 'exact', configured_hz: 'exact',
  lru_clock: 'n', // a clock, in LRU units
  executable: 'exact', config_file: 'exact', io_threads_active: 'exact',
  // # Clients
  connected_clients: 'exact', cluster_connections: 'exact', maxclients: 'exact',
  client_recent_max_input_buffer: 'n', client_recent_max_output_buffer: 'n', // sampled by cron
  blocked_clients: 'exact', tracking_clients: 'exact', clients_in_timeout_table: 'exact',
  // # Memory: every figure depends on the allocator and the machine; names, order and the
  // configured limits stay exact.
  used_memory: 'n', used_memory_human: 'n', used_memory_rss: 'n', used_memory_rss_human: 'n',
  used_memory_peak: 'n', used_memory_peak_human: 'n', used_memory_peak_perc: 'n',
  used_memory_overhead: 'n', used_memory_startup: 'n', used_memory_dataset: 'n',
  used_memory_dataset_perc: 'n', allocator_allocated: 'n', allocator_active: 'n',
  allocator_resident: 'n', total_system_memory: 'n', total_system_memory_human: 'n',
  used_memory_lua: 'n', used_memory_vm_eval: 'n', used_memory_lua_human: 'n',
  used_memory_scripts_eval: 'n', number_of_cached_scripts: 'exact', number_of_functions: 'exact',
  number_of_libraries: 'exact', used_memory_vm_functions: 'n', used_memory_vm_total: 'n',
  used_memory_vm_total_human: 'n', used_memory_functions: 'n', used_memory_scripts: 'n',
  used_memory_scripts_human: 'n',
  maxmemory: 'exact', maxmemory_human: 'exact', maxmemory_policy: 'exact',
  allocator_frag_ratio: 'n', allocator_frag_bytes: 'n', allocator_rss_ratio: 'n',
  allocator_rss_bytes: 'n', rss_overhead_ratio: 'n', rss_overhead_bytes: 'n',
  mem_fragmentation_ratio: 'n', mem_fragmentation_bytes: 'n', mem_not_counted_for_evict: 'n',
  mem_replication_backlog: 'n', mem_total_replication_buffers: 'n', mem_clients_slaves: 'n',
  mem_clients_normal: 'n', mem_cluster_links: 'n', mem_aof_buffer: 'n',
  mem_allocator: 'exact', active_defrag_running: 'exact', lazyfree_pending_objects: 'exact',
  lazyfreed_objects: 'exact',
  // # Persistence
  loading: 'exact', async_loading: 'exact',
  current_cow_peak: 'n', current_cow_size: 'n', current_cow_size_age: 'n', current_fork_perc: 'n',
  current_save_keys_processed: 'n', current_save_keys_total: 'n',
  rdb_changes_since_last_save: 'exact', rdb_bgsave_in_progress: 'exact',
  rdb_last_save_time: 'unixtime',
  rdb_last_bgsave_status: 'exact',
  rdb_last_bgsave_time_sec: 'n', rdb_current_bgsave_time_sec: 'n', // durations
  rdb_saves: 'exact', rdb_last_cow_size: 'n',
  rdb_last_load_keys_expired: 'exact', rdb_last_load_keys_loaded: 'exact',
  aof_enabled: 'exact', aof_rewrite_in_progress: 'exact', aof_rewrite_scheduled: 'exact',
  aof_last_rewrite_time_sec: 'n', aof_current_rewrite_time_sec: 'n', // durations
  aof_last_bgrewrite_status: 'exact', aof_rewrites: 'exact', aof_rewrites_consecutive_failures: 'exact',
  aof_last_write_status: 'exact', aof_last_cow_size: 'n',
  module_fork_in_progress: 'exact', module_fork_last_cow_size: 'n',
  // (appendonly yes) file sizes include the RDB preamble, which carries the save time
  aof_current_size: 'n', aof_base_size: 'n', aof_pending_rewrite: 'exact',
  aof_buffer_length: 'n', aof_pending_bio_fsync: 'n', aof_delayed_fsync: 'n',
  // (while loading)
  loading_start_time: 'unixtime', loading_total_bytes: 'n', loading_rdb_used_mem: 'n',
  loading_loaded_bytes: 'n', loading_loaded_perc: 'n', loading_eta_seconds: 'n',
  // # Stats
  total_connections_received: 'exact', total_commands_processed: 'exact',
  instantaneous_ops_per_sec: 'n',
  total_net_input_bytes: 'exact',
  total_net_output_bytes: 'n', // includes earlier INFO replies, whose memory figures vary in length
  total_net_repl_input_bytes: 'exact', total_net_repl_output_bytes: 'exact',
  instantaneous_input_kbps: 'n', instantaneous_output_kbps: 'n',
  instantaneous_input_repl_kbps: 'n', instantaneous_output_repl_kbps: 'n',
  rejected_connections: 'exact', sync_full: 'exact', sync_partial_ok: 'exact', sync_partial_err: 'exact',
  // active expiry runs on the server's clock: whether a key died in a cycle or on access is timing
  expired_keys: 'n', expired_stale_perc: 'n', expired_time_cap_reached_count: 'n',
  expire_cycle_cpu_milliseconds: 'n',
  evicted_keys: 'exact', evicted_clients: 'exact',
  total_eviction_exceeded_time: 'n', current_eviction_exceeded_time: 'n',
  keyspace_hits: 'exact', keyspace_misses: 'exact',
  pubsub_channels: 'exact', pubsub_patterns: 'exact', pubsubshard_channels: 'exact',
  latest_fork_usec: 'n', total_forks: 'exact',
  migrate_cached_sockets: 'exact', slave_expires_tracked_keys: 'exact',
  active_defrag_hits: 'exact', active_defrag_misses: 'exact', active_defrag_key_hits: 'exact',
  active_defrag_key_misses: 'exact', total_active_defrag_time: 'n', current_active_defrag_time: 'n',
  tracking_total_keys: 'exact', tracking_total_items: 'exact', tracking_total_prefixes: 'exact',
  unexpected_error_replies: 'exact', total_error_replies: 'exact', dump_payload_sanitizations: 'exact',
  total_reads_processed: 'n', total_writes_processed: 'n', // TCP segmentation
  io_threaded_reads_processed: 'exact', io_threaded_writes_processed: 'exact',
  reply_buffer_shrinks: 'n', reply_buffer_expands: 'n', // resized by cron
  // # Replication (primary side; replica and sentinel fields come with their issues)
  role: 'exact', connected_slaves: 'exact', master_failover_state: 'exact',
  master_replid: 'id', master_replid2: 'id',
  master_repl_offset: 'exact', second_repl_offset: 'exact', repl_backlog_active: 'exact',
  repl_backlog_size: 'exact', repl_backlog_first_byte_offset: 'exact', repl_backlog_histlen: 'exact',
  // # CPU: all CPU times
  used_cpu_sys: 'n', used_cpu_user: 'n', used_cpu_sys_children: 'n', used_cpu_user_children: 'n',
  used_cpu_sys_main_thread: 'n', used_cpu_user_main_thread: 'n',
  // # Cluster
  cluster_enabled: 'exact',
};

/**
 * INFO fields whose names are families (one line per command, per error, per database). Their
 * values are `key=value` lists; the listed keys get the rule, the others stay exact.
 */
export const INFO_FAMILIES: ReadonlyArray<{ pattern: RegExp; keys: Readonly<Record<string, InfoRule>> }> = [
  // cmdstat_set:calls=1,usec=9,usec_per_call=9.00,rejected_calls=0,failed_calls=0
  { pattern: /^cmdstat_/, keys: { usec: 'n', usec_per_call: 'n' } },
  // latency_percentiles_usec_set:p50=9.023,p99=9.023,p99.9=9.023
  { pattern: /^latency_percentiles_usec_/, keys: { p50: 'n', p99: 'n', 'p99.9': 'n' } },
  // errorstat_ERR:count=1
  { pattern: /^errorstat_/, keys: {} },
  // db0:keys=1,expires=1,avg_ttl=99950 (the average TTL left, measured at the time of INFO)
  { pattern: /^db\d+$/, keys: { avg_ttl: 'n' } },
];

/**
 * Host warnings of the recording machine, dropped from the output of both sides. The lab models
 * a host that is configured the way Redis recommends, so it never prints them:
 * - `WARNING Memory overcommit must be enabled!`: the recording VM has vm.overcommit_memory=0;
 * - `WARNING you have Transparent Huge Pages (THP) support enabled`: THP set to `always`.
 */
const HOST_WARNINGS: readonly RegExp[] = [
  /^<pid>:[CMSX] <time> # WARNING Memory overcommit must be enabled!.*\n/gm,
  /^<pid>:[CMSX] <time> # WARNING you have Transparent Huge Pages \(THP\) support enabled.*\n/gm,
];

export interface NormaliseContext {
  /** Absolute path of the run's working directory (the temp dir, or the lab's virtual cwd). */
  dir: string;
  /** Absolute directory the script was run from (bash names it in `$0`); removed from paths. */
  scriptDir?: string;
  /** The ports the harness chose, by variable name (`P1` → 40123); shown as `<P1>`. */
  ports?: Readonly<Record<string, number>>;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ID = /\b(?!0{40}\b)[0-9a-f]{40}\b/g;

function applyInfoRule(rule: InfoRule, value: string): string {
  switch (rule) {
    case 'exact': return value;
    case 'pid': return '<pid>';
    case 'id': return /^0{40}$/.test(value) ? value : '<id>';
    case 'unixtime': return '<unixtime>';
    case 'n': return '<n>';
    case 'v': return '<v>';
    default: {
      const never: never = rule;
      throw new Error(`unknown INFO rule ${String(never)}`);
    }
  }
}

/** Normalises one `name:value` INFO line (the `\r` stays); other lines come back unchanged. */
export function normaliseInfoLine(line: string): string {
  const m = /^([a-z][a-z0-9_.|-]*):(.*?)(\r?)$/.exec(line);
  if (!m) return line;
  const [, name, value, cr] = m;
  const rule = INFO_FIELDS[name];
  if (rule !== undefined) return `${name}:${applyInfoRule(rule, value)}${cr}`;
  const family = INFO_FAMILIES.find((f) => f.pattern.test(name));
  if (!family) return line;
  // A database without volatile keys always reports avg_ttl=0: only a real average is volatile.
  if (/^db\d+$/.test(name) && /(^|,)expires=0(,|$)/.test(value)) return line;
  const parts = value.split(',').map((kv) => {
    const eq = kv.indexOf('=');
    if (eq < 0) return kv;
    const key = kv.slice(0, eq);
    const r = family.keys[key];
    return r === undefined ? kv : `${key}=${applyInfoRule(r, kv.slice(eq + 1))}`;
  });
  return `${name}:${parts.join(',')}${cr}`;
}

/**
 * CLIENT LIST / CLIENT INFO fields that vary between runs: the client's ephemeral port, ages,
 * and every buffer or memory figure. `id=`, `fd=`, `name=`, `flags=`, `db=`, `cmd=` … stay exact.
 */
const CLIENT_FIELDS_N = ['age', 'idle', 'qbuf', 'qbuf-free', 'argv-mem', 'multi-mem', 'rbs', 'rbp', 'obl', 'oll', 'omem', 'tot-mem'];

/**
 * Fields of SENTINEL MASTER / REPLICAS / SENTINELS replies whose value is random by nature:
 * run ids and sentinel ids (`name` of a sentinel is its id) → `<id>`; times since the last
 * PING, PONG, INFO or hello, the commands in flight on the link at that instant, and a
 * replica's offset (it grows with every hello a sentinel publishes) → `<n>`.
 */
export const SENTINEL_FIELDS: Readonly<Record<string, 'id' | 'n'>> = {
  name: 'id', runid: 'id', leader: 'id', 'voted-leader': 'id',
  'last-ping-sent': 'n', 'last-ok-ping-reply': 'n', 'last-ping-reply': 'n', 'info-refresh': 'n',
  'role-reported-time': 'n', 'last-hello-message': 'n', 'link-pending-commands': 'n', 'slave-repl-offset': 'n',
};

/**
 * A field/value reply (SENTINEL MASTER, REPLICAS, SENTINELS) as redis-cli prints it, human
 * (` 7) "runid"` then ` 8) "…"`) or raw (`runid` then the value): the value after a field of
 * SENTINEL_FIELDS is replaced (ids only when they are 40 hex digits).
 */
function normaliseSentinelFields(t: string): string {
  const lines = t.split('\n');
  const field = /^((?:\s*\d+\) )+)?"?([a-z-]+)"?$/;
  for (let i = 0; i + 1 < lines.length; i++) {
    const m = field.exec(lines[i]);
    if (!m || (m[1] === undefined) !== (lines[i] === m[2])) continue;
    const rule = SENTINEL_FIELDS[m[2]];
    if (rule === undefined) continue;
    const v = /^(\s*\d+\) "|)(.*?)("?)$/.exec(lines[i + 1])!;
    if ((v[1] === '') !== (m[1] === undefined)) continue;
    if (rule === 'id' && /^[0-9a-f]{40}$/.test(v[2])) lines[i + 1] = `${v[1]}<id>${v[3]}`;
    if (rule === 'n' && /^-?\d+$/.test(v[2])) lines[i + 1] = `${v[1]}<n>${v[3]}`;
  }
  return lines.join('\n');
}

/**
 * SENTINEL REPLICAS / SENTINELS list instances from a hash table whose seed is random per process:
 * the entries of such a reply (human format: `1)  1) "name"` and the indented lines under it)
 * are sorted and renumbered.
 */
function sortSentinelEntries(t: string): string {
  return t.replace(/^(?:\d+\) {2}1\) "name"\n(?: +\d+\) .*\n)+)+/gm, (run) => {
    const blocks = run.split(/^(?=\d+\) {2}1\) "name"$)/m).map((b) => b.replace(/^\d+\)/, ''));
    blocks.sort();
    return blocks.map((b, i) => `${i + 1})${b}`).join('');
  });
}

/**
 * The text rules, in the order they are applied. Each names what it removes and why that value
 * is random by nature.
 */
export function normalise(text: string, ctx: NormaliseContext): string {
  let t = text;
  // The scratch directory (real: a fresh mktemp dir; lab: its fixed virtual cwd).
  t = t.split(ctx.dir).join('<dir>');
  // bash names the script by the path it was given (`/…/scenarios/05-x.sh: line 9: …`).
  if (ctx.scriptDir) t = t.split(ctx.scriptDir.replace(/\/?$/, '/')).join('');
  // Log line prefix: `12307:M 27 Nov 2026 19:52:56.203 * ` → `<pid>:M <time> * `.
  t = t.replace(/^\d+:([CMSX]) \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2}\.\d{3} ([*#.-]) /gm, '<pid>:$1 <time> $2 ');
  // SIGTERM/SIGINT line: `12333:signal-handler (1795809189) Received SIGTERM …`.
  t = t.replace(/^\d+:signal-handler \(\d+\) /gm, '<pid>:signal-handler (<unixtime>) ');
  // Inside log lines: run ids / replids, child pids, load durations, RDB age, memory figures.
  t = t.replace(/^<pid>:[CMSX] <time> [*#.-] .*$/gm, (line) => line
    .replace(ID, '<id>')
    .replace(/\bby pid \d+/g, 'by pid <pid>')
    .replace(/\btemp-rewriteaof-bg-\d+\.aof/g, 'temp-rewriteaof-bg-<pid>.aof') // named after the child's pid
    .replace(/: \d+\.\d{3} seconds/g, ': <n> seconds')
    .replace(/\bRDB age \d+ seconds/g, 'RDB age <n> seconds')
    .replace(/\bRDB memory usage when created \d+\.\d+ Mb/g, 'RDB memory usage when created <n> Mb')
    .replace(/\bcurrent \d+ MB, peak \d+ MB, average \d+ MB/g, 'current <n> MB, peak <n> MB, average <n> MB')
    // CONFIG SET maxmemory below the memory in use: the memory figure depends on the allocator
    .replace(/\bsmaller than the current memory usage \(\d+\)/g, 'smaller than the current memory usage (<n>)')
    // loglevel verbose: `Accepted 127.0.0.1:54752` names the client's ephemeral port
    .replace(/\bAccepted ([0-9.]+|[0-9a-f:]+):\d+$/, 'Accepted $1:<port>'));
  // Host warnings of the recording machine (see HOST_WARNINGS).
  for (const re of HOST_WARNINGS) t = t.replace(re, '');
  // `pid=12307` (startup line) and bash's job reports `x.sh: line 9: 13161 Killed   …`.
  t = t.replace(/\bpid=\d+/g, 'pid=<pid>');
  // (bash pads the pid to 5 columns, so the padding goes with it)
  t = t.replace(/^(.*: line \d+: ) *\d+( (?:Killed|Terminated|Stopped|Done|Aborted|Segmentation fault|Exit \d+|Hangup|Interrupt|Quit|User defined signal \d)\b)/gm, '$1<pid>$2');
  // INFO lines (`name:value\r`), per INFO_FIELDS / INFO_FAMILIES.
  t = t.split('\n').map(normaliseInfoLine).join('\n');
  // CLIENT LIST / CLIENT INFO, and the `'id=… addr=…'` quoted in log lines.
  t = t.replace(/\baddr=([0-9.]+|\[[0-9a-f:]+\]):\d+/g, 'addr=$1:<port>');
  for (const f of CLIENT_FIELDS_N) t = t.replace(new RegExp(`(^|[ '])${escapeRe(f)}=\\d+`, 'gm'), `$1${f}=<n>`);
  // Sentinel: ids in the rewritten sentinel.conf (`sentinel myid …`, `known-sentinel … <id>`)
  // and the volatile values of SENTINEL replies (their hash-table order: after the ports); before
  // the unix-time rule, which would take an id's leading digits for a time.
  t = t.replace(/^(sentinel myid )[0-9a-f]{40}$/gm, '$1<id>');
  t = t.replace(/^(sentinel known-sentinel \S+ \S+ \d+ )[0-9a-f]{40}$/gm, '$1<id>');
  t = normaliseSentinelFields(t);
  // Unix times as replies (LASTSAVE, TIME, EXPIRETIME …): 10 digits (seconds, 2017–2033),
  // 13 (ms), 16 (µs); TIME's second element is the microseconds within the second.
  t = t.replace(/(^|[^0-9.])1[5-9]\d{8}(\d{3}|\d{6})?(?![0-9.])/gm, '$1<unixtime>');
  t = t.replace(/^(1\) "<unixtime>"\n2\) ")\d{1,6}"$/gm, '$1<usec>"');
  t = t.replace(/^(<unixtime>\n)\d{1,6}$/gm, '$1<usec>');
  // INFO commandstats / latencystats list commands in the order of the command table, a hash
  // table whose seed is random per process: each run of such lines is sorted.
  for (const prefix of ['cmdstat_', 'latency_percentiles_usec_']) {
    t = t.replace(new RegExp(`(?:^${prefix}[^\n]*\n)+`, 'gm'), (run) => `${run.slice(0, -1).split('\n').sort().join('\n')}\n`);
  }
  // CONFIG REWRITE appends the directives it had no line for in the order of a hash table whose
  // seed is random per process (different at every run): that appended block is sorted.
  t = t.replace(/^# Generated by CONFIG REWRITE\n((?:[a-z][a-z0-9-]*(?: .*)?\n)+)/gm, (_m, block: string) =>
    `# Generated by CONFIG REWRITE\n${block.trimEnd().split('\n').sort().join('\n')}\n`);
  // redis-cli's `(1.06s)` after a slow command (interactive and stdin-batch modes).
  t = t.replace(/^\(\d+\.\d{2}s\)$/gm, '(<t>s)');
  // The ports the harness chose: `40123` → `<P1>` (whole numbers only).
  for (const [name, port] of Object.entries(ctx.ports ?? {})) {
    t = t.replace(new RegExp(`(^|[^0-9])${port}(?![0-9])`, 'gm'), `$1<${name}>`);
  }
  // Sentinel writes known-replica / known-sentinel lines and lists SENTINEL REPLICAS / SENTINELS
  // entries from hash tables: sorted (once ports and ids are placeholders, so that the order
  // does not depend on the port numbers the harness picked).
  t = t.replace(/^(?:sentinel known-(replica|sentinel) .*\n(?:\n(?=sentinel known-\1 ))?)+/gm, (run) => {
    const sep = run.includes('\n\n') ? '\n\n' : '\n';
    return `${run.trimEnd().split(/\n+/).sort().join(sep)}\n`;
  });
  t = sortSentinelEntries(t);
  return t;
}
