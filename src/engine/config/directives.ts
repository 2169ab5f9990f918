/**
 * The table of Redis 7.0's configuration directives: name, alias, type, bounds, default and
 * mutability, as `standardConfig` in config.c declares them.
 *
 * A directive's `parse` turns the words after its name into the canonical value CONFIG GET
 * prints, or returns `{ error }` with Redis's text for the FATAL CONFIG FILE ERROR block and
 * CONFIG SET.
 */
import type { ServerConfig } from './server-config.ts';

export type ParseOutcome = string | { error: string };

export interface DirectiveSpec {
  name: string;
  alias?: string;
  default: string;
  /** CONFIG SET refuses it ("can't set immutable config"). */
  immutable?: boolean;
  /** Not listed by CONFIG GET. */
  hidden?: boolean;
  /** Takes several words (`save 3600 1 300 100`, `replicaof host port`). */
  multiArg?: boolean;
  parse(args: string[], config: ServerConfig): ParseOutcome;
}

const single = (args: string[]): string | { error: string } =>
  args.length === 1 ? args[0] : { error: 'wrong number of arguments' };

function bool(name: string, def: boolean, extra: Partial<DirectiveSpec> = {}): DirectiveSpec {
  return {
    name, default: def ? 'yes' : 'no', ...extra,
    parse(args) {
      const v = single(args);
      if (typeof v !== 'string') return v;
      const l = v.toLowerCase();
      if (l === 'yes' || l === 'no') return l;
      return { error: "argument must be 'yes' or 'no'" };
    },
  };
}

function int(name: string, def: number, min: number, max: number, extra: Partial<DirectiveSpec> = {}): DirectiveSpec {
  return {
    name, default: String(def), ...extra,
    parse(args) {
      const v = single(args);
      if (typeof v !== 'string') return v;
      if (!/^-?(0|[1-9][0-9]*)$/.test(v)) return { error: "argument couldn't be parsed into an integer" };
      const n = Number(v);
      if (n < min || n > max) return { error: `argument must be between ${min} and ${max} inclusive` };
      return String(n);
    },
  };
}

function str(name: string, def: string, extra: Partial<DirectiveSpec> = {}): DirectiveSpec {
  return {
    name, default: def, ...extra,
    parse(args) {
      return single(args);
    },
  };
}

function enumeration(name: string, def: string, values: string[], extra: Partial<DirectiveSpec> = {}): DirectiveSpec {
  return {
    name, default: def, ...extra,
    parse(args) {
      const v = single(args);
      if (typeof v !== 'string') return v;
      const l = v.toLowerCase();
      if (values.includes(l)) return l;
      return { error: `argument(s) must be one of the following: ${values.join(', ')}` };
    },
  };
}

/** Memory values: `1mb`, `512k`, `1gb`… canonical form is the number of bytes. */
export function parseMemory(v: string): number | null {
  const m = /^(\d+)(b|k|kb|m|mb|g|gb)?$/i.exec(v);
  if (!m) return null;
  const unit = (m[2] ?? 'b').toLowerCase();
  const mul: Record<string, number> = { b: 1, k: 1000, kb: 1024, m: 1000 ** 2, mb: 1024 ** 2, g: 1000 ** 3, gb: 1024 ** 3 };
  return Number(m[1]) * mul[unit];
}

function memory(name: string, def: number, extra: Partial<DirectiveSpec> = {}): DirectiveSpec {
  return {
    name, default: String(def), ...extra,
    parse(args) {
      const v = single(args);
      if (typeof v !== 'string') return v;
      const n = parseMemory(v);
      if (n === null) return { error: 'argument must be a memory value' };
      return String(n);
    },
  };
}

export const DIRECTIVES: DirectiveSpec[] = [
  str('bind', '* -::*', { multiArg: true, parse: (args) => (args.length === 0 ? { error: 'wrong number of arguments' } : args.join(' ')) }),
  int('port', 6379, 0, 65535),
  bool('protected-mode', true),
  bool('daemonize', false, { immutable: true }),
  enumeration('loglevel', 'notice', ['debug', 'verbose', 'notice', 'warning', 'nothing']),
  str('logfile', '', { immutable: true }),
  int('databases', 16, 1, 2147483647, { immutable: true }),
  str('dir', '/', { parse: (args) => single(args) }),
  str('dbfilename', 'dump.rdb'),
  str('save', '3600 1 300 100 60 10000', { multiArg: true, parse: (args) => args.join(' ') }),
  bool('appendonly', false),
  str('appendfilename', 'appendonly.aof', { immutable: true }),
  str('appenddirname', 'appendonlydir', { immutable: true }),
  enumeration('appendfsync', 'everysec', ['always', 'everysec', 'no']),
  str('requirepass', ''),
  str('masterauth', ''),
  str('masteruser', ''),
  str('replicaof', '', { multiArg: true, hidden: true, alias: 'slaveof', parse: (args) => (args.length === 2 ? args.join(' ') : { error: 'wrong number of arguments' }) }),
  bool('replica-read-only', true, { alias: 'slave-read-only' }),
  bool('replica-serve-stale-data', true, { alias: 'slave-serve-stale-data' }),
  int('replica-priority', 100, 0, 2147483647, { alias: 'slave-priority' }),
  int('min-replicas-to-write', 0, 0, 2147483647, { alias: 'min-slaves-to-write' }),
  int('min-replicas-max-lag', 10, 0, 2147483647, { alias: 'min-slaves-max-lag' }),
  memory('repl-backlog-size', 1048576),
  int('repl-timeout', 60, 1, 2147483647),
  int('repl-ping-replica-period', 10, 1, 2147483647, { alias: 'repl-ping-slave-period' }),
  bool('repl-diskless-sync', true),
  int('repl-diskless-sync-delay', 5, 0, 2147483647),
  enumeration('enable-debug-command', 'no', ['no', 'yes', 'local'], { immutable: true }),
  memory('maxmemory', 0),
  int('hz', 10, 0, 2147483647),
];
