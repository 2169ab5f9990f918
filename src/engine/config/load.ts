/**
 * Reading redis.conf and command-line options into a {@link ServerConfig}, with the report
 * Redis prints when a line is wrong.
 *
 * Counterpart in Redis: `loadServerConfigFromString` and the argv handling of `main()`.
 * Command-line options are turned into config lines (`--port 6380` → `port 6380`) and appended
 * after the file's lines, so an error in them is reported with a line number past the file's.
 */
import { splitArgs } from '../util/split-args.ts';
import { ServerConfig } from './server-config.ts';

/** A FATAL CONFIG FILE ERROR: where, and Redis's reason. */
export interface ConfigError {
  lineNumber: number;
  line: string;
  message: string;
}

/** The exact block redis-server writes to stderr before exiting with status 1. */
export function formatConfigError(e: ConfigError, version: string): string {
  return `\n*** FATAL CONFIG FILE ERROR (Redis ${version}) ***\nReading the configuration file, at line ${e.lineNumber}\n>>> '${e.line}'\n${e.message}\n`;
}

/** Quotes an argument the way `sdscatrepr` does when Redis turns argv into config lines. */
export function catRepr(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '\\' || ch === '"') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (c < 32 || c >= 127) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/**
 * Builds the options text from the arguments after the config file: each `--name` starts a
 * new line, the words after it are quoted with {@link catRepr}.
 */
export function optionsFromArgv(args: string[]): string {
  let out = '';
  for (const a of args) {
    if (a.startsWith('--') && a.length > 2) {
      if (out.length) out += '\n';
      out += a.slice(2) + ' ';
    } else {
      out += catRepr(a) + ' ';
    }
  }
  return out;
}

/**
 * Applies config text to `config`. Returns the first error, as Redis stops at the first one.
 * `isSentinel` accepts `sentinel …` lines (handed to `onSentinelLine`) instead of refusing them.
 */
export function loadConfigText(
  config: ServerConfig,
  text: string,
  opts: { isSentinel?: boolean; onSentinelLine?: (args: string[]) => string | null } = {},
): ConfigError | null {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const trimmed = raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const fail = (message: string): ConfigError => ({ lineNumber: i + 1, line: trimmed, message });
    let args = splitArgs(trimmed);
    if (args === null) return fail('Unbalanced quotes in configuration line');
    if (args.length === 0) continue;
    const name = args[0].toLowerCase();
    args[0] = name;
    if (name === 'sentinel') {
      if (!opts.isSentinel) return fail('sentinel directive while not in sentinel mode');
      const err = opts.onSentinelLine?.(args.slice(1)) ?? null;
      if (err) return fail(err);
      continue;
    }
    const spec = ServerConfig.lookup(name);
    if (!spec) return fail('Bad directive or wrong number of arguments');
    if (!spec.multiArg && args.length !== 2) return fail('wrong number of arguments');
    if (spec.multiArg && args.length === 2 && args[1].length > 0) {
      // A multi-word directive given as one quoted word (`--replicaof "127.0.0.1 6379"`).
      const split = splitArgs(args[1]);
      if (split === null) return fail('Unbalanced quotes in configuration line');
      args = [args[0], ...split];
    }
    const err = config.set(name, args.slice(1), 'file');
    if (err) return fail(err);
  }
  return null;
}
