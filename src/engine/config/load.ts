/**
 * Reading redis.conf and command-line options into a {@link ServerConfig}, with the report
 * Redis prints when a line is wrong.
 *
 * Counterpart in Redis: `loadServerConfigFromString` and `loadServerConfig` (config.c) and the
 * argv handling of `main()` (server.c). Command-line options are turned into config lines
 * (`--port 6380` → `port "6380"`) and appended after the file's text and a newline, so an error
 * in them is reported with a line number past the file's (`redis-server --port abc`: line 2).
 */
import { splitArgs } from '../util/split-args.ts';
import { globMatch } from '../util/glob.ts';
import { absolutePath, basename, dirname } from '../util/path.ts';
import { ServerConfig } from './server-config.ts';
import { catRepr } from '../util/repr.ts';
import { commandTable } from '../commands/table.ts';

export { catRepr } from '../util/repr.ts';

/**
 * Why the configuration could not be loaded. Usually a FATAL CONFIG FILE ERROR block on stderr
 * (`lineNumber`/`line` are absent for the checks made after the last line); with `logLine`,
 * a log line instead (an `include` that cannot be opened). Either way the process exits 1.
 */
export interface ConfigError {
  lineNumber?: number;
  line?: string;
  message: string;
  /** Set when Redis logs the error (`# Fatal error, can't open config file …`) instead. */
  logLine?: string;
}

/** The exact block redis-server writes to stderr before exiting with status 1. */
export function formatConfigError(e: ConfigError, version: string): string {
  let out = `\n*** FATAL CONFIG FILE ERROR (Redis ${version}) ***\n`;
  if (e.lineNumber !== undefined) out += `Reading the configuration file, at line ${e.lineNumber}\n>>> '${e.line}'\n`;
  return out + `${e.message}\n`;
}

/**
 * Splits redis-server's arguments as `main()` does: the first one is the config file unless it
 * starts with `-`; the rest become the options text ({@link optionsFromArgv}).
 */
export function splitServerArgv(argv: readonly string[]): { configFile: string | null; options: string } {
  if (argv.length > 0 && !argv[0].startsWith('-')) return { configFile: argv[0], options: optionsFromArgv(argv.slice(1), false) };
  return { configFile: null, options: optionsFromArgv(argv, true) };
}

/**
 * Builds the options text from the arguments after the config file, as `main()` does: each
 * `--name` starts a new line, the words after it are quoted with {@link catRepr}. A `--name`
 * right after a `--name` that got no value is taken as that option's value; `--save` followed
 * by another option (or last) means `save ""`; `--sentinel` takes no value. `-` (read the config
 * from stdin) is accepted and ignored: the lab has no stdin for a server.
 */
export function optionsFromArgv(args: readonly string[], first = false): string {
  let out = '';
  let handledLast = true;
  for (let j = 0; j < args.length; j++) {
    const a = args[j];
    const last = j === args.length - 1;
    const nextIsOption = !last && args[j + 1].startsWith('--');
    if (a === '-' && ((first && j === 0) || last)) continue;
    if (handledLast && a.startsWith('--')) {
      if (out.length) out += '\n';
      out += a.slice(2) + ' ';
      const words = splitArgs(a);
      if (words !== null && words.length === 1) {
        handledLast = false;
        const name = a.toLowerCase();
        if (name === '--save' && nextIsOption) {
          out += '""';
          handledLast = true;
        } else if (name === '--save' && last) {
          out += '""';
        } else if (name === '--sentinel' && nextIsOption) {
          handledLast = true;
        }
      } else {
        handledLast = true;
      }
    } else {
      out += catRepr(a) + ' ';
      handledLast = true;
    }
  }
  return out;
}

/** The whole text Redis parses: the file, then (when there are arguments) a newline and the options. */
export function buildConfigText(fileText: string | null, options: string, hasArgs: boolean): string {
  const text = fileText ?? '';
  return hasArgs ? text + '\n' + options : text;
}

/** Directives of older versions that 7.0 still accepts and ignores, with their word counts. */
const DEPRECATED: Record<string, [number, number]> = {
  'list-max-ziplist-entries': [2, 2],
  'list-max-ziplist-value': [2, 2],
  'lua-replicate-commands': [2, 2],
};

export interface LoadOptions {
  /** Sentinel mode: `sentinel …` lines go to `onSentinelLine` instead of being refused. */
  isSentinel?: boolean;
  /** Handles one `sentinel …` line (words after `sentinel`); returns an error text or null. */
  onSentinelLine?: (args: string[], lineNumber: number, line: string) => string | null;
  /**
   * Whether a command exists, for `rename-command` (default: Redis 7.0's command table of the
   * mode). Accepted renames are recorded in {@link ServerConfig.renamedCommands}.
   */
  commandExists?: (name: string) => boolean;
  /** A `user` line (all its words), for the ACL module; returns an error text or null. */
  onUser?: (args: string[]) => string | null;
  /** Reads a file for `include` (absolute path), or null when it cannot be opened. */
  readFile?: (path: string) => string | null;
  /** Lists a directory (names), for `include` with a wildcard. */
  listDir?: (path: string) => string[];
}

/**
 * Applies config text to `config`, line by line, stopping at the first error as Redis does
 * (it exits there). Returns that error, or null.
 */
export function loadConfigText(config: ServerConfig, text: string, opts: LoadOptions = {}): ConfigError | null {
  config.beginLoading();
  const err = loadLines(config, text, opts, 0);
  if (err) return err;
  const after = config.endLoading();
  return after ? { message: after } : null;
}

function loadLines(config: ServerConfig, text: string, opts: LoadOptions, depth: number): ConfigError | null {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i].replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const fail = (message: string): ConfigError => ({ lineNumber: i + 1, line: trimmed, message });
    const argv = splitArgs(trimmed);
    if (argv === null) return fail('Unbalanced quotes in configuration line');
    if (argv.length === 0) continue;
    const name = argv[0].toLowerCase();
    const spec = ServerConfig.lookup(name);
    if (spec) {
      if (!spec.flags.multiArg && argv.length !== 2) return fail('wrong number of arguments');
      let args = argv.slice(1);
      if (spec.flags.multiArg && args.length === 1 && args[0].length > 0) {
        // A multi-word directive given as one word (`--replicaof "127.0.0.1 6379"`) is split again.
        args = splitArgs(args[0]) ?? [];
      }
      const err = config.set(name, args, 'file');
      if (err) return fail(err);
      continue;
    }
    const deprecated = DEPRECATED[name];
    if (deprecated && argv.length >= deprecated[0] && argv.length <= deprecated[1]) continue;
    if (name === 'include' && argv.length === 2) {
      const err = include(config, argv[1], opts, depth);
      if (err) return err;
    } else if (name === 'rename-command' && argv.length === 3) {
      const err = renameCommand(config, argv[1], argv[2], opts);
      if (err) return fail(err);
    } else if (name === 'user' && argv.length >= 2) {
      const err = opts.onUser?.(argv.slice(1)) ?? null;
      if (err) return fail(err);
    } else if (name === 'loadmodule' && argv.length >= 2) {
      // Modules cannot exist in the lab; the line is accepted as Redis's parser accepts it.
    } else if (name.includes('.')) {
      if (argv.length < 2) return fail('Module config specified without value');
    } else if (name === 'sentinel') {
      // A bare `sentinel` line is the mode switch main() already handled.
      if (argv.length !== 1) {
        if (!opts.isSentinel) return fail('sentinel directive while not in sentinel mode');
        const err = opts.onSentinelLine?.(argv.slice(1), i + 1, trimmed) ?? null;
        if (err) return fail(err);
      }
    } else {
      return fail('Bad directive or wrong number of arguments');
    }
  }
  return null;
}

/**
 * `rename-command FROM TO`: FROM must name a command (after earlier renames), TO must not (an
 * empty TO removes the command). The server applies `config.renamedCommands` to its table.
 */
function renameCommand(config: ServerConfig, from: string, to: string, opts: LoadOptions): string | null {
  const table = commandTable(opts.isSentinel ? 'sentinel' : 'server');
  const exists = (n: string): boolean => {
    let present = opts.commandExists ? opts.commandExists(n) : table.get(n) !== undefined;
    for (const [f, t] of config.renamedCommands) {
      if (f.toLowerCase() === n.toLowerCase()) present = false;
      if (t.toLowerCase() === n.toLowerCase()) present = true;
    }
    return present;
  };
  if (!exists(from)) return 'No such command in rename-command';
  if (to !== '' && exists(to)) return 'Target command name already exists';
  config.renamedCommands.push([from, to]);
  return null;
}

/** `include PATH`: the file's lines are loaded at this point (its errors name its own lines). */
function include(config: ServerConfig, path: string, opts: LoadOptions, depth: number): ConfigError | null {
  if (depth > 16) return { message: 'include nesting too deep' };
  const abs = config.resolvePath(path);
  const read = opts.readFile ?? ((p: string) => config.readHostFile(p));
  const cannotOpen = (shown: string): ConfigError => ({
    message: `Fatal error, can't open config file '${shown}': No such file or directory`,
    logLine: `Fatal error, can't open config file '${shown}': No such file or directory`,
  });
  if (/[*?[]/.test(path)) {
    // With a wildcard, no match is fine (an empty conf.d): Redis's glob() finds nothing to read.
    const dir = dirname(abs);
    const names = (opts.listDir ?? ((d: string) => config.listHostDir(d)))(dir).filter((n) => globMatch(basename(abs), n)).sort();
    let text = '';
    for (const n of names) {
      const content = read(absolutePath(dir, n));
      if (content === null) return cannotOpen(absolutePath(dir, n));
      text += content;
    }
    return names.length ? loadLines(config, text, opts, depth + 1) : null;
  }
  const content = read(abs);
  if (content === null) return cannotOpen(path);
  return loadLines(config, content, opts, depth + 1);
}
