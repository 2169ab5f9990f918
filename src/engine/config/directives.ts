/**
 * The table of Redis 7.0.15's configuration directives: every config `CONFIG GET *` lists, with
 * its alias, type, bounds, default, flags, and how it is parsed, printed and rewritten.
 *
 * Counterpart in Redis: the `static_configs` table of config.c with its typed families (bool,
 * string, enum, numeric) and the special configs (`dir`, `save`, `bind`, `replicaof`,
 * `client-output-buffer-limit`, …). Values live in {@link ServerConfig}; a spec only knows how to
 * turn words into a value (with Redis's error text), a value into CONFIG GET's text, and a value
 * into CONFIG REWRITE's lines. The declaration order below is Redis's; it is also the order in
 * which CONFIG GET and CONFIG REWRITE visit directives (Redis walks a hash table whose order
 * changes with every process; a fixed order is our deterministic stand-in).
 */
import type { RewriteState } from './rewrite.ts';
import { catRepr } from '../util/repr.ts';

/** Flags of a directive, as config.c's `*_CONFIG` flags. */
export interface DirectiveFlags {
  /** CONFIG SET refuses it: "can't set immutable config". */
  immutable?: boolean;
  /** CONFIG SET refuses it unless `enable-protected-configs` allows: "can't set protected config". */
  protected?: boolean;
  /** Not matched by CONFIG GET patterns (an exact name still works). */
  hidden?: boolean;
  /** CONFIG SET refuses it while the dataset is loading (LOADING error). */
  denyLoading?: boolean;
  /** Its value is redacted from MONITOR and the slow log. */
  sensitive?: boolean;
  /** Takes several words (`save 3600 1 300 100`, `replicaof host port`). */
  multiArg?: boolean;
  /** CONFIG SET counts as a change even when the value is the same (TLS files). */
  volatile?: boolean;
}

/** What setting a directive produced: its new internal value, or Redis's error text. */
export type SetOutcome = { value: unknown } | { error: string };

/** The facts a setter may need besides the words: the working directory and the disk (for `dir`). */
export interface SetContext {
  /** The current value of this directive. */
  current: unknown;
  /** True while redis.conf and command-line options are being read (not CONFIG SET). */
  readingFile: boolean;
  /** True once a `save` line has been read from the file (the first one drops the defaults). */
  saveLoaded: boolean;
  /** Resolves a path against the working directory. */
  resolve(path: string): string;
  /** 'dir' | 'file' | 'missing' for an absolute path on the node's disk. */
  pathKind(path: string): 'dir' | 'file' | 'missing';
}

export type DirectiveType = 'bool' | 'string' | 'enum' | 'numeric' | 'special';

export interface DirectiveSpec {
  name: string;
  alias: string | null;
  type: DirectiveType;
  flags: DirectiveFlags;
  /** The value a fresh server has. */
  initial(): unknown;
  /** Parses the words after the directive's name. */
  set(args: string[], ctx: SetContext): SetOutcome;
  /** The text CONFIG GET prints. */
  get(value: unknown): string;
  /** Writes the directive's lines into a rewrite (config.c `rewriteConfig*Option`). */
  rewrite(value: unknown, state: RewriteState): void;
}

// ---------------------------------------------------------------------------------------------
// Bool
// ---------------------------------------------------------------------------------------------

/** `yesnotoi`: yes/no in any case. */
function yesNo(s: string): boolean | null {
  const l = s.toLowerCase();
  return l === 'yes' ? true : l === 'no' ? false : null;
}

function bool(name: string, alias: string | null, def: boolean, flags: DirectiveFlags = {}): DirectiveSpec {
  return {
    name, alias, type: 'bool', flags,
    initial: () => def,
    set(args) {
      const v = yesNo(args[0]);
      if (v === null) return { error: "argument must be 'yes' or 'no'" };
      return { value: v };
    },
    get: (v) => (v ? 'yes' : 'no'),
    rewrite(v, state) {
      state.rewriteLine(name, `${name} ${v ? 'yes' : 'no'}`, v !== def);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Strings. `def === null` means Redis stores an empty string as NULL (EMPTY_STRING_IS_NULL): such a
// directive disappears from a rewritten file when empty, and is written whenever it is set.
// ---------------------------------------------------------------------------------------------

type Validator = (v: string) => string | null;

function str(name: string, alias: string | null, def: string | null, flags: DirectiveFlags = {}, valid?: Validator): DirectiveSpec {
  return {
    name, alias, type: 'string', flags,
    initial: () => def,
    set(args) {
      const err = valid?.(args[0]);
      if (err) return { error: err };
      return { value: def === null && args[0] === '' ? null : args[0] };
    },
    get: (v) => (v as string | null) ?? '',
    rewrite(v, state) {
      rewriteString(state, name, v as string | null, def);
    },
  };
}

/** `rewriteConfigStringOption`: quoted with sdscatrepr, written unless equal to the default. */
function rewriteString(state: RewriteState, name: string, value: string | null, def: string | null): void {
  if (value === null) {
    state.markProcessed(name);
    return;
  }
  const force = !(def !== null && value === def);
  state.rewriteLine(name, `${name} ${catRepr(value)}`, force);
}

const isBaseName = (v: string) => !v.includes('/');

const isValidDBfilename: Validator = (v) => (isBaseName(v) ? null : "dbfilename can't be a path, just a filename");
const isValidAOFfilename: Validator = (v) =>
  v === '' ? "appendfilename can't be empty" : isBaseName(v) ? null : "appendfilename can't be a path, just a filename";
const isValidAOFdirname: Validator = (v) =>
  v === '' ? "appenddirname can't be empty" : isBaseName(v) ? null : "appenddirname can't be a path, just a dirname";
const isValidAnnouncedHostname: Validator = (v) => {
  if (v.length >= 256) return 'Hostnames must be less than 256 characters';
  if (!/^[A-Za-z0-9.-]*$/.test(v)) return 'Hostnames may only contain alphanumeric characters, hyphens or dots';
  return null;
};
const PROC_TITLE_VARIABLES = ['title', 'listen-addr', 'server-mode', 'port', 'tls-port', 'unixsocket', 'config-file'];
const isValidProcTitleTemplate: Validator = (v) => {
  const bad = () => 'template format is invalid or contains unknown variables';
  let rest = v;
  for (;;) {
    const open = rest.indexOf('{');
    const close = rest.indexOf('}');
    if (open < 0) return close < 0 && v.trim() !== '' ? null : bad();
    if (close < open) return bad();
    if (!PROC_TITLE_VARIABLES.includes(rest.slice(open + 1, close))) return bad();
    rest = rest.slice(close + 1);
  }
};

// ---------------------------------------------------------------------------------------------
// Enums. A multi-arg enum (`shutdown-on-sigterm nosave now`) is a set of bit flags.
// ---------------------------------------------------------------------------------------------

type EnumTable = readonly (readonly [string, number])[];

export const LOGLEVEL: EnumTable = [['debug', 0], ['verbose', 1], ['notice', 2], ['warning', 3]];
const MAXMEMORY_POLICY: EnumTable = [
  ['volatile-lru', 1], ['volatile-lfu', 258], ['volatile-random', 768], ['volatile-ttl', 512],
  ['allkeys-lru', 1029], ['allkeys-lfu', 1286], ['allkeys-random', 1540], ['noeviction', 1792],
];
const SYSLOG_FACILITY: EnumTable = [
  ['user', 8], ['local0', 128], ['local1', 136], ['local2', 144], ['local3', 152], ['local4', 160], ['local5', 168], ['local6', 176], ['local7', 184],
];
const SUPERVISED: EnumTable = [['upstart', 3], ['systemd', 2], ['auto', 1], ['no', 0]];
const AOF_FSYNC: EnumTable = [['everysec', 2], ['always', 1], ['no', 0]];
const SHUTDOWN_ON_SIG: EnumTable = [['default', 0], ['save', 1], ['nosave', 2], ['now', 4], ['force', 8]];
const REPL_DISKLESS_LOAD: EnumTable = [['disabled', 0], ['on-empty-db', 1], ['swapdb', 2]];
const TLS_AUTH_CLIENTS: EnumTable = [['no', 0], ['yes', 1], ['optional', 2]];
const OOM_SCORE_ADJ: EnumTable = [['no', 0], ['yes', 1], ['relative', 1], ['absolute', 2]];
const ACL_PUBSUB_DEFAULT: EnumTable = [['allchannels', 8], ['resetchannels', 0]];
const SANITIZE_DUMP_PAYLOAD: EnumTable = [['no', 0], ['yes', 1], ['clients', 2]];
const PROTECTED_ACTION: EnumTable = [['no', 0], ['yes', 1], ['local', 2]];
const CLUSTER_ENDPOINT_TYPE: EnumTable = [['ip', 0], ['hostname', 1], ['unknown-endpoint', 2]];
const PROPAGATION_ERROR_BEHAVIOR: EnumTable = [['ignore', 0], ['panic', 1], ['panic-on-replicas', 2]];

/** `configEnumGetName`: the name of a value, or for bit flags the names that cover it. */
function enumName(table: EnumTable, value: number, bitflags: boolean): string {
  const names: string[] = [];
  let unmatched = value;
  for (const [name, v] of table) {
    if (v === value) return name;
    if (bitflags && v !== 0 && (unmatched & v) === v) {
      names.push(name);
      unmatched &= ~v;
    }
  }
  return names.length === 0 || unmatched !== 0 ? 'unknown' : names.join(' ');
}

function enumeration(name: string, alias: string | null, table: EnumTable, defName: string, flags: DirectiveFlags = {}): DirectiveSpec {
  const bitflags = !!flags.multiArg;
  const def = table.find(([n]) => n === defName)![1];
  return {
    name, alias, type: 'enum', flags,
    initial: () => def,
    set(args) {
      let value = 0;
      let ok = args.length > 0 && (bitflags || args.length === 1);
      for (const a of ok ? args : []) {
        const hit = table.find(([n]) => n === a.toLowerCase());
        if (!hit) {
          ok = false;
          break;
        }
        value |= hit[1];
      }
      if (!ok) return { error: `argument(s) must be one of the following: ${table.map(([n]) => n).join(', ')}` };
      if (bitflags && value & 1 && value & 2) return { error: "shutdown options SAVE and NOSAVE can't be used simultaneously" };
      return { value };
    },
    get: (v) => enumName(table, v as number, bitflags),
    rewrite(v, state) {
      state.rewriteLine(name, `${name} ${enumName(table, v as number, bitflags)}`, v !== def);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Numbers, held as 64-bit BigInts so that Redis's bounds and overflow behave the same.
// ---------------------------------------------------------------------------------------------

/**
 * `string2ll`: a strict decimal (optional `-`, no `+`, no leading zeros, no spaces) within the
 * signed 64-bit range, or null.
 */
export function string2ll(s: string): bigint | null {
  if (s.length === 0 || s.length >= 21) return null;
  if (s === '0') return 0n;
  if (!/^-?[1-9][0-9]*$/.test(s)) return null;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return null;
  return v;
}

/**
 * `memtoull`: digits and an optional unit (b, k, kb, m, mb, g, gb in any case); a leading `-`
 * or an unknown unit is an error. No digits counts as 0, as strtoull sees it.
 */
export function memtoull(s: string): bigint | null {
  if (s.startsWith('-')) return null;
  const m = /^([0-9]*)(.*)$/s.exec(s)!;
  const units: Record<string, bigint> = { '': 1n, b: 1n, k: 1000n, kb: 1024n, m: 1000000n, mb: 1048576n, g: 1000000000n, gb: 1073741824n };
  const mul = units[m[2].toLowerCase()];
  if (mul === undefined || m[1].length >= 128) return null;
  let digits = m[1] === '' ? 0n : BigInt(m[1]);
  if (digits > 18446744073709551615n) digits = 18446744073709551615n; // strtoull saturates
  return BigInt.asUintN(64, digits * mul);
}

/** `strtoll` as Redis uses it for `save` and buffer limits: leading spaces and a sign allowed, rest must be digits. */
function strtollFull(s: string): bigint | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/.exec(s);
  if (!m) return s.trim() === '' || /^[ \t\n\v\f\r]*[+-]?$/.test(s) ? (s.length === 0 ? 0n : null) : null;
  let v = BigInt(m[2]);
  if (m[1] === '-') v = -v;
  if (v > 9223372036854775807n) return 9223372036854775807n;
  if (v < -9223372036854775808n) return -9223372036854775808n;
  return v;
}

/** `rewriteConfigFormatMemory`: the largest of gb, mb, kb that divides the value exactly. */
export function formatMemory(bytes: bigint): string {
  const gb = 1073741824n, mb = 1048576n, kb = 1024n;
  if (bytes !== 0n && bytes % gb === 0n) return `${bytes / gb}gb`;
  if (bytes !== 0n && bytes % mb === 0n) return `${bytes / mb}mb`;
  if (bytes !== 0n && bytes % kb === 0n) return `${bytes / kb}kb`;
  return String(bytes);
}

type NumericKind = '' | 'unsigned' | 'memory' | 'unsigned memory' | 'unsigned octal' | 'memory percent';

function numeric(name: string, alias: string | null, def: bigint, lower: bigint, upper: bigint, kind: NumericKind, flags: DirectiveFlags = {}): DirectiveSpec {
  const isMemory = kind.includes('memory');
  const isPercent = kind.includes('percent');
  const isOctal = kind.includes('octal');
  const isUnsigned = kind.includes('unsigned');
  const u64 = (v: bigint) => BigInt.asUintN(64, v);
  return {
    name, alias, type: 'numeric', flags,
    initial: () => def,
    set(args) {
      const s = args[0];
      let v: bigint | null = null;
      if (isMemory) {
        const m = memtoull(s);
        if (m !== null) v = BigInt.asIntN(64, m);
      }
      if (v === null && isPercent && s.length > 1 && s.endsWith('%')) {
        const p = string2ll(s.slice(0, -1));
        if (p !== null && p >= 0n) v = -p;
      }
      if (v === null && isOctal && /^[ \t\n\v\f\r]*[+-]?[0-7]+$/.test(s)) {
        const t = s.trim();
        v = t.startsWith('-') ? -BigInt('0o' + t.slice(1)) : BigInt('0o' + t.replace(/^\+/, ''));
      }
      if (v === null && kind === '' || v === null && kind === 'unsigned') v = string2ll(s);
      if (v === null) {
        if (isMemory && isPercent) return { error: 'argument must be a memory or percent value' };
        if (isMemory) return { error: 'argument must be a memory value' };
        if (isOctal) return { error: "argument couldn't be parsed as an octal number" };
        return { error: "argument couldn't be parsed into an integer" };
      }
      if (isUnsigned) {
        if (u64(v) > u64(upper) || u64(v) < u64(lower)) {
          return { error: isOctal ? `argument must be between ${u64(lower).toString(8)} and ${u64(upper).toString(8)} inclusive` : `argument must be between ${u64(lower)} and ${u64(upper)} inclusive` };
        }
      } else if (isPercent && v < 0n) {
        if (v < lower) return { error: `percentage argument must be less or equal to ${-lower}` };
      } else if (v > upper || v < lower) {
        return { error: `argument must be between ${lower} and ${upper} inclusive` };
      }
      return { value: v };
    },
    get(value) {
      const v = value as bigint;
      if (isPercent && v < 0n) return `${-v}%`;
      if (isMemory) return String(u64(v));
      if (isOctal) return v.toString(8);
      return String(v);
    },
    rewrite(value, state) {
      const v = value as bigint;
      let text: string;
      if (isPercent && v < 0n) text = `${-v}%`;
      else if (isMemory) text = formatMemory(v);
      else if (isOctal) text = v.toString(8);
      else text = String(v);
      state.rewriteLine(name, `${name} ${text}`, v !== def);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Special directives
// ---------------------------------------------------------------------------------------------

const ENOENT = 'No such file or directory';
const ENOTDIR = 'Not a directory';

/** `dir`: the process's working directory. Setting it is a chdir, which must succeed. */
const dirSpec: DirectiveSpec = {
  name: 'dir', alias: null, type: 'special', flags: { protected: true, denyLoading: true },
  initial: () => '/',
  set(args, ctx) {
    if (args.length !== 1) return { error: 'wrong number of arguments' };
    const target = ctx.resolve(args[0]);
    // chdir walks the path: a file in the middle is ENOTDIR, a missing component ENOENT.
    const parts = target.split('/').filter(Boolean);
    let walked = '';
    for (const p of parts) {
      walked += '/' + p;
      const kind = ctx.pathKind(walked);
      if (kind === 'missing') return { error: ENOENT };
      if (kind === 'file') return { error: ENOTDIR };
    }
    if (args[0] === '') return { error: ENOENT };
    return { value: target };
  },
  get: (v) => v as string,
  rewrite(v, state) {
    rewriteString(state, 'dir', v as string, null);
  },
};

type SaveParams = [number, number][];

/** `save`: snapshot points as pairs of seconds and changes. */
const saveSpec: DirectiveSpec = {
  name: 'save', alias: null, type: 'special', flags: { multiArg: true },
  initial: (): SaveParams => [[3600, 1], [300, 100], [60, 10000]],
  set(args, ctx) {
    let words = args;
    // A single empty word (`save ""`) clears every save point, in a file as well.
    const reset = words.length === 1 && words[0] === '';
    if (reset) words = [];
    if (words.length % 2 === 1) return { error: 'Invalid save parameters' };
    const nums: number[] = [];
    for (let j = 0; j < words.length; j++) {
      const v = strtollFull(words[j]);
      if (v === null || (j % 2 === 0 && v < 1n) || (j % 2 === 1 && v < 0n)) return { error: 'Invalid save parameters' };
      nums.push(j % 2 === 0 ? Number(v) : Number(BigInt.asIntN(32, v)));
    }
    // In a file, the first save line replaces the defaults and the next ones add to it.
    const base: SaveParams = ctx.readingFile && ctx.saveLoaded && !reset ? [...(ctx.current as SaveParams)] : [];
    for (let j = 0; j < nums.length; j += 2) base.push([nums[j], nums[j + 1]]);
    return { value: base };
  },
  get: (v) => (v as SaveParams).map(([s, c]) => `${s} ${c}`).join(' '),
  rewrite(v, state) {
    const params = v as SaveParams;
    if (state.sentinelMode) {
      state.markProcessed('save');
      return;
    }
    if (params.length === 0) state.rewriteLine('save', 'save ""', true);
    for (const [s, c] of params) state.rewriteLine('save', `save ${s} ${c}`, true);
    state.markProcessed('save');
  },
};

interface BufferLimit {
  hard: bigint;
  soft: bigint;
  seconds: bigint;
}
const OBUF_CLASSES = ['normal', 'slave', 'pubsub'] as const;
const OBUF_DEFAULTS: BufferLimit[] = [
  { hard: 0n, soft: 0n, seconds: 0n },
  { hard: 268435456n, soft: 67108864n, seconds: 60n },
  { hard: 33554432n, soft: 8388608n, seconds: 60n },
];

/** `client-output-buffer-limit <class> <hard> <soft> <seconds>`, repeated per class. */
const clientOutputBufferLimitSpec: DirectiveSpec = {
  name: 'client-output-buffer-limit', alias: null, type: 'special', flags: { multiArg: true },
  initial: () => OBUF_DEFAULTS.map((l) => ({ ...l })),
  set(args, ctx) {
    if (args.length % 4 !== 0) return { error: 'Wrong number of arguments in buffer limit configuration.' };
    const next = (ctx.current as BufferLimit[]).map((l) => ({ ...l }));
    const updates: [number, BufferLimit][] = [];
    for (let j = 0; j < args.length; j += 4) {
      const cls = args[j].toLowerCase();
      const idx = cls === 'normal' ? 0 : cls === 'slave' || cls === 'replica' ? 1 : cls === 'pubsub' ? 2 : -1;
      if (idx < 0) return { error: 'Invalid client class specified in buffer limit configuration.' };
      const hard = memtoull(args[j + 1]);
      const soft = memtoull(args[j + 2]);
      const secs = /^[ \t\n\v\f\r]*[+-]?[0-9]*$/.test(args[j + 3]) ? (strtollFull(args[j + 3]) ?? 0n) : null;
      if (hard === null || soft === null || secs === null || BigInt.asIntN(32, secs) < 0n) {
        return { error: 'Error in hard, soft or soft_seconds setting in buffer limit configuration.' };
      }
      updates.push([idx, { hard, soft, seconds: BigInt.asIntN(32, secs) }]);
    }
    for (const [idx, l] of updates) next[idx] = l;
    return { value: next };
  },
  get: (v) => (v as BufferLimit[]).map((l, i) => `${OBUF_CLASSES[i]} ${l.hard} ${l.soft} ${l.seconds}`).join(' '),
  rewrite(v, state) {
    (v as BufferLimit[]).forEach((l, i) => {
      const d = OBUF_DEFAULTS[i];
      const force = l.hard !== d.hard || l.soft !== d.soft || l.seconds !== d.seconds;
      const cls = OBUF_CLASSES[i] === 'slave' ? 'replica' : OBUF_CLASSES[i];
      state.rewriteLine('client-output-buffer-limit', `client-output-buffer-limit ${cls} ${formatMemory(l.hard)} ${formatMemory(l.soft)} ${l.seconds}`, force);
    });
  },
};

/** `oom-score-adj-values <primary> <replica> <bgchild>`. */
const oomScoreAdjValuesSpec: DirectiveSpec = {
  name: 'oom-score-adj-values', alias: null, type: 'special', flags: { multiArg: true },
  initial: () => [0, 200, 800],
  set(args) {
    if (args.length !== 3) return { error: 'wrong number of arguments' };
    const values: number[] = [];
    for (const a of args) {
      const v = strtollFull(a);
      if (v === null || v < -2000n || v > 2000n) return { error: 'Invalid oom-score-adj-values, elements must be between -2000 and 2000.' };
      values.push(Number(v));
    }
    return { value: values };
  },
  get: (v) => (v as number[]).join(' '),
  rewrite(v, state) {
    const values = v as number[];
    const force = values[0] !== 0 || values[1] !== 200 || values[2] !== 800;
    state.rewriteLine('oom-score-adj-values', `oom-score-adj-values ${values.join(' ')}`, force);
  },
};

const NOTIFY = { K: 1, E: 2, g: 4, $: 8, l: 16, s: 32, h: 64, z: 128, x: 256, e: 512, t: 1024, m: 2048, d: 8192, n: 16384 } as const;
const NOTIFY_ALL = 4 | 8 | 16 | 32 | 64 | 128 | 256 | 512 | 1024 | 8192;

/** `keyspaceEventsFlagsToString`. */
function notifyFlagsToString(flags: number): string {
  let out = '';
  if ((flags & NOTIFY_ALL) === NOTIFY_ALL) out += 'A';
  else for (const c of ['g', '$', 'l', 's', 'h', 'z', 'x', 'e', 't', 'd', 'n'] as const) if (flags & NOTIFY[c]) out += c;
  if (flags & NOTIFY.K) out += 'K';
  if (flags & NOTIFY.E) out += 'E';
  if (flags & NOTIFY.m) out += 'm';
  return out;
}

/** `notify-keyspace-events`: the event classes, as a string of flag letters. */
const notifyKeyspaceEventsSpec: DirectiveSpec = {
  name: 'notify-keyspace-events', alias: null, type: 'special', flags: {},
  initial: () => 0,
  set(args) {
    if (args.length !== 1) return { error: 'wrong number of arguments' };
    let flags = 0;
    for (const c of args[0]) {
      if (c === 'A') flags |= NOTIFY_ALL;
      else if (c in NOTIFY) flags |= NOTIFY[c as keyof typeof NOTIFY];
      else return { error: "Invalid event class character. Use 'Ag$lshzxeKEtmdn'." };
    }
    return { value: flags };
  },
  get: (v) => notifyFlagsToString(v as number),
  rewrite(v, state) {
    state.rewriteLine('notify-keyspace-events', `notify-keyspace-events ${catRepr(notifyFlagsToString(v as number))}`, v !== 0);
  },
};

const DEFAULT_BIND = ['*', '-::*'];

/** `bind`: up to 16 addresses (`-` marks one that may fail to bind). */
const bindSpec: DirectiveSpec = {
  name: 'bind', alias: null, type: 'special', flags: { multiArg: true },
  initial: () => [...DEFAULT_BIND],
  set(args) {
    if (args.length > 16) return { error: 'Too many bind addresses specified.' };
    return { value: args.length === 1 && args[0] === '' ? [] : [...args] };
  },
  get: (v) => (v as string[]).join(' '),
  rewrite(v, state) {
    const addrs = v as string[];
    if (addrs.length === DEFAULT_BIND.length && addrs.every((a, i) => a === DEFAULT_BIND[i])) {
      state.markProcessed('bind');
      return;
    }
    state.rewriteLine('bind', `bind ${addrs.length ? addrs.join(' ') : '""'}`, true);
  },
};

/** The primary a replica follows (`replicaof host port`), or null on a primary. */
export interface ReplicaOf {
  host: string;
  port: number;
}

/** `replicaof` / `slaveof`: immutable for CONFIG SET (REPLICAOF is the command for that). */
const replicaofSpec: DirectiveSpec = {
  name: 'replicaof', alias: 'slaveof', type: 'special', flags: { immutable: true, multiArg: true },
  initial: (): ReplicaOf | null => null,
  set(args) {
    if (args.length !== 2) return { error: 'wrong number of arguments' };
    if (args[0].toLowerCase() === 'no' && args[1].toLowerCase() === 'one') return { value: null };
    const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/.exec(args[1]);
    const port = m ? Number(m[1] === '-' ? -BigInt(m[2]) : BigInt(m[2])) : args[1] === '' ? 0 : NaN;
    if (!(port >= 0 && port <= 65535)) return { error: 'Invalid master port' };
    return { value: { host: args[0], port } satisfies ReplicaOf };
  },
  get: (v) => (v ? `${(v as ReplicaOf).host} ${(v as ReplicaOf).port}` : ''),
  rewrite(v, state) {
    if (!v) {
      state.markProcessed('replicaof');
      return;
    }
    const r = v as ReplicaOf;
    state.rewriteLine('replicaof', `replicaof ${r.host} ${r.port}`, true);
  },
};

/** `%f` then trailing zeros (and a trailing dot) removed, as `trimDoubleString`. */
function formatPercentile(p: number): string {
  const s = p.toFixed(6);
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/** `strtod` as `string2d` accepts it: the whole string, no leading space, not NaN. */
function string2d(s: string): number | null {
  if (s.length === 0 || /^\s/.test(s)) return null;
  if (!/^[+-]?(([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|inf|infinity)$/i.test(s)) return null;
  const v = Number(s.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'));
  return Number.isNaN(v) ? null : v;
}

/** `latency-tracking-info-percentiles`: the percentiles INFO latencystats reports. */
const latencyPercentilesSpec: DirectiveSpec = {
  name: 'latency-tracking-info-percentiles', alias: null, type: 'special', flags: { multiArg: true },
  initial: () => [50, 99, 99.9],
  set(args) {
    if (args.length === 1 && args[0] === '') return { value: [] };
    const values: number[] = [];
    for (const a of args) {
      const v = string2d(a);
      if (v === null) return { error: 'Invalid latency-tracking-info-percentiles parameters' };
      if (v > 100 || v < 0) return { error: 'latency-tracking-info-percentiles parameters should sit between [0.0,100.0]' };
      values.push(v);
    }
    return { value: values };
  },
  get: (v) => (v as number[]).map(formatPercentile).join(' '),
  rewrite(v, state) {
    const values = v as number[];
    const line = values.length ? `latency-tracking-info-percentiles ${values.map(formatPercentile).join(' ')}` : 'latency-tracking-info-percentiles ""';
    state.rewriteLine('latency-tracking-info-percentiles', line, true);
  },
};

/** Every directive of Redis 7.0.15 (built with TLS, as Debian's package is), in Redis's order. */
export const DIRECTIVES: readonly DirectiveSpec[] = [
  bool('rdbchecksum', null, true, { immutable: true }),
  bool('daemonize', null, false, { immutable: true }),
  bool('io-threads-do-reads', null, false, { immutable: true }),
  bool('always-show-logo', null, false, { immutable: true }),
  bool('protected-mode', null, true),
  bool('rdbcompression', null, true),
  bool('rdb-del-sync-files', null, false),
  bool('activerehashing', null, true),
  bool('stop-writes-on-bgsave-error', null, true),
  bool('set-proc-title', null, true, { immutable: true }),
  bool('dynamic-hz', null, true),
  bool('lazyfree-lazy-eviction', null, false),
  bool('lazyfree-lazy-expire', null, false),
  bool('lazyfree-lazy-server-del', null, false),
  bool('lazyfree-lazy-user-del', null, false),
  bool('lazyfree-lazy-user-flush', null, false),
  bool('repl-disable-tcp-nodelay', null, false),
  bool('repl-diskless-sync', null, true),
  bool('aof-rewrite-incremental-fsync', null, true),
  bool('no-appendfsync-on-rewrite', null, false),
  bool('cluster-require-full-coverage', null, true),
  bool('rdb-save-incremental-fsync', null, true),
  bool('aof-load-truncated', null, true),
  bool('aof-use-rdb-preamble', null, true),
  bool('aof-timestamp-enabled', null, false),
  bool('cluster-replica-no-failover', 'cluster-slave-no-failover', false),
  bool('replica-lazy-flush', 'slave-lazy-flush', false),
  bool('replica-serve-stale-data', 'slave-serve-stale-data', true),
  bool('replica-read-only', 'slave-read-only', true),
  bool('replica-ignore-maxmemory', 'slave-ignore-maxmemory', true),
  bool('jemalloc-bg-thread', null, true),
  bool('activedefrag', null, false),
  bool('syslog-enabled', null, false, { immutable: true }),
  bool('cluster-enabled', null, false, { immutable: true }),
  bool('appendonly', null, false, { denyLoading: true }),
  bool('cluster-allow-reads-when-down', null, false),
  bool('cluster-allow-pubsubshard-when-down', null, true),
  bool('crash-log-enabled', null, true),
  bool('crash-memcheck-enabled', null, true),
  bool('use-exit-on-panic', null, false, { hidden: true }),
  bool('disable-thp', null, true, { immutable: true }),
  bool('cluster-allow-replica-migration', null, true),
  bool('replica-announced', null, true),
  bool('latency-tracking', null, true),
  bool('aof-disable-auto-gc', null, false),
  bool('replica-ignore-disk-write-errors', null, false),
  str('aclfile', null, '', { immutable: true }),
  str('unixsocket', null, null, { immutable: true }),
  str('pidfile', null, null, { immutable: true }),
  str('replica-announce-ip', 'slave-announce-ip', null),
  str('masteruser', null, null, { sensitive: true }),
  str('cluster-announce-ip', null, null),
  str('cluster-config-file', null, 'nodes.conf', { immutable: true }),
  str('cluster-announce-hostname', null, null, {}, isValidAnnouncedHostname),
  str('syslog-ident', null, 'redis', { immutable: true }),
  str('dbfilename', null, 'dump.rdb', { protected: true }, isValidDBfilename),
  str('appendfilename', null, 'appendonly.aof', { immutable: true }, isValidAOFfilename),
  str('appenddirname', null, 'appendonlydir', { immutable: true }, isValidAOFdirname),
  str('server_cpulist', null, null, { immutable: true }),
  str('bio_cpulist', null, null, { immutable: true }),
  str('aof_rewrite_cpulist', null, null, { immutable: true }),
  str('bgsave_cpulist', null, null, { immutable: true }),
  str('ignore-warnings', null, ''),
  str('proc-title-template', null, '{title} {listen-addr} {server-mode}', {}, isValidProcTitleTemplate),
  str('bind-source-addr', null, null),
  str('logfile', null, '', { immutable: true }),
  str('masterauth', null, null, { sensitive: true }),
  str('requirepass', null, null, { sensitive: true }),
  enumeration('supervised', null, SUPERVISED, 'no', { immutable: true }),
  enumeration('syslog-facility', null, SYSLOG_FACILITY, 'local0', { immutable: true }),
  enumeration('repl-diskless-load', null, REPL_DISKLESS_LOAD, 'disabled', { denyLoading: true }),
  enumeration('loglevel', null, LOGLEVEL, 'notice'),
  enumeration('maxmemory-policy', null, MAXMEMORY_POLICY, 'noeviction'),
  enumeration('appendfsync', null, AOF_FSYNC, 'everysec'),
  enumeration('oom-score-adj', null, OOM_SCORE_ADJ, 'no'),
  enumeration('acl-pubsub-default', null, ACL_PUBSUB_DEFAULT, 'resetchannels'),
  enumeration('sanitize-dump-payload', null, SANITIZE_DUMP_PAYLOAD, 'no'),
  enumeration('enable-protected-configs', null, PROTECTED_ACTION, 'no', { immutable: true }),
  enumeration('enable-debug-command', null, PROTECTED_ACTION, 'no', { immutable: true }),
  enumeration('enable-module-command', null, PROTECTED_ACTION, 'no', { immutable: true }),
  enumeration('cluster-preferred-endpoint-type', null, CLUSTER_ENDPOINT_TYPE, 'ip'),
  enumeration('propagation-error-behavior', null, PROPAGATION_ERROR_BEHAVIOR, 'ignore'),
  enumeration('shutdown-on-sigint', null, SHUTDOWN_ON_SIG, 'default', { multiArg: true }),
  enumeration('shutdown-on-sigterm', null, SHUTDOWN_ON_SIG, 'default', { multiArg: true }),
  numeric('databases', null, 16n, 1n, 2147483647n, '', { immutable: true }),
  numeric('port', null, 6379n, 0n, 65535n, ''),
  numeric('io-threads', null, 1n, 1n, 128n, '', { immutable: true }),
  numeric('auto-aof-rewrite-percentage', null, 100n, 0n, 2147483647n, ''),
  numeric('cluster-replica-validity-factor', 'cluster-slave-validity-factor', 10n, 0n, 2147483647n, ''),
  numeric('list-max-listpack-size', 'list-max-ziplist-size', -2n, -2147483648n, 2147483647n, ''),
  numeric('tcp-keepalive', null, 300n, 0n, 2147483647n, ''),
  numeric('cluster-migration-barrier', null, 1n, 0n, 2147483647n, ''),
  numeric('active-defrag-cycle-min', null, 1n, 1n, 99n, ''),
  numeric('active-defrag-cycle-max', null, 25n, 1n, 99n, ''),
  numeric('active-defrag-threshold-lower', null, 10n, 0n, 1000n, ''),
  numeric('active-defrag-threshold-upper', null, 100n, 0n, 1000n, ''),
  numeric('lfu-log-factor', null, 10n, 0n, 2147483647n, ''),
  numeric('lfu-decay-time', null, 1n, 0n, 2147483647n, ''),
  numeric('replica-priority', 'slave-priority', 100n, 0n, 2147483647n, ''),
  numeric('repl-diskless-sync-delay', null, 5n, 0n, 2147483647n, ''),
  numeric('maxmemory-samples', null, 5n, 1n, 2147483647n, ''),
  numeric('maxmemory-eviction-tenacity', null, 10n, 0n, 100n, ''),
  numeric('timeout', null, 0n, 0n, 2147483647n, ''),
  numeric('replica-announce-port', 'slave-announce-port', 0n, 0n, 65535n, ''),
  numeric('tcp-backlog', null, 511n, 0n, 2147483647n, '', { immutable: true }),
  numeric('cluster-port', null, 0n, 0n, 65535n, '', { immutable: true }),
  numeric('cluster-announce-bus-port', null, 0n, 0n, 65535n, ''),
  numeric('cluster-announce-port', null, 0n, 0n, 65535n, ''),
  numeric('cluster-announce-tls-port', null, 0n, 0n, 65535n, ''),
  numeric('repl-timeout', null, 60n, 1n, 2147483647n, ''),
  numeric('repl-ping-replica-period', 'repl-ping-slave-period', 10n, 1n, 2147483647n, ''),
  numeric('list-compress-depth', null, 0n, 0n, 2147483647n, ''),
  numeric('rdb-key-save-delay', null, 0n, -2147483648n, 2147483647n, '', { hidden: true }),
  numeric('key-load-delay', null, 0n, -2147483648n, 2147483647n, '', { hidden: true }),
  numeric('active-expire-effort', null, 1n, 1n, 10n, ''),
  numeric('hz', null, 10n, 0n, 2147483647n, ''),
  numeric('min-replicas-to-write', 'min-slaves-to-write', 0n, 0n, 2147483647n, ''),
  numeric('min-replicas-max-lag', 'min-slaves-max-lag', 10n, 0n, 2147483647n, ''),
  numeric('watchdog-period', null, 0n, 0n, 2147483647n, '', { hidden: true }),
  numeric('shutdown-timeout', null, 10n, 0n, 2147483647n, ''),
  numeric('repl-diskless-sync-max-replicas', null, 0n, 0n, 2147483647n, ''),
  numeric('maxclients', null, 10000n, 1n, 4294967295n, 'unsigned'),
  numeric('unixsocketperm', null, 0n, 0n, 511n, 'unsigned octal', { immutable: true }),
  numeric('socket-mark-id', null, 0n, 0n, 4294967295n, 'unsigned', { immutable: true }),
  numeric('active-defrag-max-scan-fields', null, 1000n, 1n, 9223372036854775807n, ''),
  numeric('slowlog-max-len', null, 128n, 0n, 9223372036854775807n, ''),
  numeric('acllog-max-len', null, 128n, 0n, 9223372036854775807n, ''),
  numeric('busy-reply-threshold', 'lua-time-limit', 5000n, 0n, 9223372036854775807n, ''),
  numeric('cluster-node-timeout', null, 15000n, 0n, 9223372036854775807n, ''),
  numeric('slowlog-log-slower-than', null, 10000n, -1n, 9223372036854775807n, ''),
  numeric('latency-monitor-threshold', null, 0n, 0n, 9223372036854775807n, ''),
  numeric('proto-max-bulk-len', null, 536870912n, 1048576n, 9223372036854775807n, 'memory'),
  numeric('stream-node-max-entries', null, 100n, 0n, 9223372036854775807n, ''),
  numeric('repl-backlog-size', null, 1048576n, 1n, 9223372036854775807n, 'memory'),
  numeric('maxmemory', null, 0n, 0n, 18446744073709551615n, 'unsigned memory'),
  numeric('cluster-link-sendbuf-limit', null, 0n, 0n, 18446744073709551615n, 'unsigned memory'),
  numeric('hash-max-listpack-entries', 'hash-max-ziplist-entries', 512n, 0n, 9223372036854775807n, 'unsigned'),
  numeric('set-max-intset-entries', null, 512n, 0n, 9223372036854775807n, 'unsigned'),
  numeric('zset-max-listpack-entries', 'zset-max-ziplist-entries', 128n, 0n, 9223372036854775807n, 'unsigned'),
  numeric('active-defrag-ignore-bytes', null, 104857600n, 1n, 9223372036854775807n, 'unsigned memory'),
  numeric('hash-max-listpack-value', 'hash-max-ziplist-value', 64n, 0n, 9223372036854775807n, 'unsigned memory'),
  numeric('stream-node-max-bytes', null, 4096n, 0n, 9223372036854775807n, 'unsigned memory'),
  numeric('zset-max-listpack-value', 'zset-max-ziplist-value', 64n, 0n, 9223372036854775807n, 'unsigned memory'),
  numeric('hll-sparse-max-bytes', null, 3000n, 0n, 9223372036854775807n, 'unsigned memory'),
  numeric('tracking-table-max-keys', null, 1000000n, 0n, 9223372036854775807n, 'unsigned'),
  numeric('client-query-buffer-limit', null, 1073741824n, 1048576n, 9223372036854775807n, 'unsigned memory'),
  numeric('maxmemory-clients', null, 0n, -100n, 9223372036854775807n, 'memory percent'),
  numeric('repl-backlog-ttl', null, 3600n, 0n, 9223372036854775807n, ''),
  numeric('auto-aof-rewrite-min-size', null, 67108864n, 0n, 9223372036854775807n, 'memory'),
  numeric('loading-process-events-interval-bytes', null, 2097152n, 1024n, 2147483647n, '', { hidden: true }),
  numeric('tls-port', null, 0n, 0n, 65535n, ''),
  numeric('tls-session-cache-size', null, 20480n, 0n, 2147483647n, ''),
  numeric('tls-session-cache-timeout', null, 300n, 0n, 2147483647n, ''),
  bool('tls-cluster', null, false),
  bool('tls-replication', null, false),
  enumeration('tls-auth-clients', null, TLS_AUTH_CLIENTS, 'yes'),
  bool('tls-prefer-server-ciphers', null, false),
  bool('tls-session-caching', null, true),
  str('tls-cert-file', null, null, { volatile: true }),
  str('tls-key-file', null, null, { volatile: true }),
  str('tls-key-file-pass', null, null),
  str('tls-client-cert-file', null, null, { volatile: true }),
  str('tls-client-key-file', null, null, { volatile: true }),
  str('tls-client-key-file-pass', null, null),
  str('tls-dh-params-file', null, null, { volatile: true }),
  str('tls-ca-cert-file', null, null, { volatile: true }),
  str('tls-ca-cert-dir', null, null, { volatile: true }),
  str('tls-protocols', null, null),
  str('tls-ciphers', null, null),
  str('tls-ciphersuites', null, null),
  dirSpec,
  saveSpec,
  clientOutputBufferLimitSpec,
  oomScoreAdjValuesSpec,
  notifyKeyspaceEventsSpec,
  bindSpec,
  replicaofSpec,
  latencyPercentilesSpec,
];
