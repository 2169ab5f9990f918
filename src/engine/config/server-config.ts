/**
 * The configuration of a server: the current value of every directive Redis 7.0 knows, and
 * the three ways to change it — redis.conf and the command line (through load.ts), CONFIG SET
 * (several pairs, all or nothing), and the engine itself (REPLICAOF, Sentinel).
 *
 * Counterpart in Redis: config.c (`configs` dict, `configSetCommand`, `configGetCommand`,
 * `rewriteConfig`) and the `server.*` fields the configs point at. Other modules react to
 * changes through {@link ServerConfig.onChange} (Redis's `apply` functions) and may keep the
 * live state of a directive themselves through {@link ServerConfig.bindLive}.
 */
import type { Disk } from '../types.ts';
import { absolutePath, dirname } from '../util/path.ts';
import { globMatch } from '../util/glob.ts';
import { DIRECTIVES, type DirectiveSpec, type ReplicaOf, type SetContext } from './directives.ts';
import { RewriteState } from './rewrite.ts';
import { sha256Hex } from './sha256.ts';

/** Where a value comes from: the file (and command line) or CONFIG SET. */
export type ConfigSource = 'file' | 'set';

/** What a config needs from its process: the working directory it starts in, and its disk. */
export interface ConfigHost {
  cwd: string;
  disk?: Pick<Disk, 'exists' | 'isDirectory' | 'read' | 'list'>;
}

/**
 * Called after CONFIG SET changed a directive (Redis's `apply`): `value` is CONFIG GET's text.
 * Returning a string fails the whole CONFIG SET with that reason and restores every value.
 */
export type ChangeListener = (value: string, name: string) => string | null | void;

/** The outcome of CONFIG SET: null on success, else the whole error line to reply. */
export type ConfigSetError = string | null;

const BY_NAME = new Map<string, DirectiveSpec>();
/** Every registered name (directives and aliases) in table order, each alias after its directive. */
const ALL_NAMES: [string, DirectiveSpec][] = [];
for (const spec of DIRECTIVES) {
  BY_NAME.set(spec.name, spec);
  ALL_NAMES.push([spec.name, spec]);
  if (spec.alias) {
    BY_NAME.set(spec.alias, spec);
    ALL_NAMES.push([spec.alias, spec]);
  }
}

export class ServerConfig {
  private readonly values = new Map<string, unknown>();
  private readonly live = new Map<string, () => unknown>();
  private readonly listeners = new Map<string, ChangeListener[]>();
  private host: ConfigHost = { cwd: '/' };
  /**
   * `rename-command FROM TO` lines of the file, in order (TO empty: the command is removed).
   * The server's command lookup applies them (Redis edits its command table while loading).
   */
  readonly renamedCommands: [string, string][] = [];
  /** Directives given in the file or on the command line, by canonical name. */
  readonly explicit = new Set<string>();
  /** True while the file and the options are read (the `save` directive behaves differently). */
  private readingFile = false;
  private saveLoaded = false;
  /** `user …` lines a rewrite writes; replaced by the ACL module when it exists. */
  describeUsers: () => string[] = () => {
    const pass = this.values.get('requirepass') as string | null;
    return [`user default on ${pass === null ? 'nopass' : '#' + sha256Hex(pass)} ~* &* +@all`];
  };

  /** A fresh server's configuration; `dir` is the process's working directory. */
  constructor(host?: ConfigHost) {
    for (const spec of DIRECTIVES) this.values.set(spec.name, spec.initial());
    if (host) this.setHost(host);
  }

  /** Tells the config where the process runs: `dir` becomes `cwd`, `dir` checks use `disk`. */
  setHost(host: ConfigHost): void {
    this.host = host;
    this.values.set('dir', absolutePath('/', host.cwd));
  }

  /** The directive for a name or alias, case-insensitively. */
  static lookup(name: string): DirectiveSpec | undefined {
    return BY_NAME.get(name.toLowerCase());
  }

  private spec(name: string): DirectiveSpec {
    const spec = ServerConfig.lookup(name);
    if (!spec) throw new Error(`unknown config ${name}`);
    return spec;
  }

  /** The internal value of a directive (booleans, bigints, arrays… see directives.ts). */
  value<T = unknown>(name: string): T {
    const spec = this.spec(name);
    const getter = this.live.get(spec.name);
    return (getter ? getter() : this.values.get(spec.name)) as T;
  }

  /** The text CONFIG GET prints for a directive (by name or alias). */
  get(name: string): string {
    const spec = this.spec(name);
    return spec.get(this.value(spec.name));
  }

  /** A numeric directive as a JS number. */
  int(name: string): number {
    return Number(this.get(name).replace(/%$/, ''));
  }

  /** A yes/no directive. */
  bool(name: string): boolean {
    return this.get(name) === 'yes';
  }

  /** The working directory (`dir`): where relative file names (logfile, dbfilename…) live. */
  dir(): string {
    return this.value<string>('dir');
  }

  /** Resolves a file name against `dir`, as the process's open() would. */
  resolvePath(name: string): string {
    return absolutePath(this.dir(), name);
  }

  /** Reads a file of the host's disk (for `include`), or null when it cannot be opened. */
  readHostFile(path: string): string | null {
    const disk = this.host.disk;
    if (!disk || disk.isDirectory(path)) return null;
    return disk.read(path);
  }

  /** The names inside a directory of the host's disk (for `include` with a wildcard). */
  listHostDir(path: string): string[] {
    const disk = this.host.disk;
    return disk && disk.isDirectory(path) ? disk.list(path) : [];
  }

  /** The `save` points: [seconds, changes] pairs, in order. */
  saveParams(): [number, number][] {
    return this.value<[number, number][]>('save');
  }

  /** The primary named by `replicaof`, or null. */
  replicaOf(): ReplicaOf | null {
    return this.value<ReplicaOf | null>('replicaof');
  }

  /**
   * Sets an internal value directly, bypassing parsing, immutability and listeners: for state
   * the engine changes itself (REPLICAOF updating `replicaof`, Sentinel forcing its defaults).
   */
  setValue(name: string, value: unknown): void {
    this.values.set(this.spec(name).name, value);
  }

  /**
   * Makes `getter` the source of a directive's value: CONFIG GET, `value()` and CONFIG REWRITE
   * read it instead of the stored one. For state that lives in another module (the replication
   * link's `replicaof`). `getter` returns the internal value (e.g. a {@link ReplicaOf} or null).
   */
  bindLive(name: string, getter: () => unknown): void {
    this.live.set(this.spec(name).name, getter);
  }

  /**
   * Registers `fn` to run after CONFIG SET changed `name` (or its alias); Redis's `apply`
   * functions. Returns a function that unregisters it.
   */
  onChange(name: string, fn: ChangeListener): () => void {
    const key = this.spec(name).name;
    const list = this.listeners.get(key) ?? [];
    list.push(fn);
    this.listeners.set(key, list);
    return () => {
      const l = this.listeners.get(key);
      if (l) l.splice(l.indexOf(fn), 1);
    };
  }

  private setContext(spec: DirectiveSpec): SetContext {
    const disk = this.host.disk;
    return {
      current: this.value(spec.name),
      readingFile: this.readingFile,
      saveLoaded: this.saveLoaded,
      resolve: (p) => absolutePath(this.dir(), p),
      pathKind: (p) => (!disk ? 'dir' : disk.isDirectory(p) ? 'dir' : disk.exists(p) ? 'file' : 'missing'),
    };
  }

  /**
   * Sets a directive from its words (the words after its name). Returns null on success, or
   * Redis's error text (`argument must be 'yes' or 'no'`). `file` is how redis.conf and the
   * command line set values; `set` refuses immutable directives as CONFIG SET does.
   */
  set(name: string, args: string[], source: ConfigSource): string | null {
    const spec = ServerConfig.lookup(name);
    if (!spec) return 'Bad directive or wrong number of arguments';
    if (source === 'set' && spec.flags.immutable) return "can't set immutable config";
    const outcome = spec.set(args, this.setContext(spec));
    if ('error' in outcome) return outcome.error;
    this.values.set(spec.name, outcome.value);
    if (spec.name === 'save' && this.readingFile) this.saveLoaded = true;
    if (source === 'file') this.explicit.add(spec.name);
    return null;
  }

  /** Marks the start and end of reading redis.conf and the command line (load.ts). */
  beginLoading(): void {
    this.readingFile = true;
  }

  /**
   * The checks Redis makes once the whole file is read: the log file must be openable, and
   * `hz` is brought within 1..500. Returns an error text for the FATAL CONFIG FILE ERROR block.
   */
  endLoading(): string | null {
    this.readingFile = false;
    this.clampHz();
    const logfile = this.get('logfile');
    if (logfile !== '' && this.host.disk) {
      const path = this.resolvePath(logfile);
      const parent = dirname(path);
      if (this.host.disk.isDirectory(path)) return "Can't open the log file: Is a directory";
      if (!this.host.disk.isDirectory(parent)) {
        return `Can't open the log file: ${this.host.disk.exists(parent) ? 'Not a directory' : 'No such file or directory'}`;
      }
    }
    return null;
  }

  /** `updateHZ`: Redis accepts any hz but runs (and reports) it within 1..500. */
  private clampHz(): void {
    const hz = this.values.get('hz') as bigint;
    if (hz < 1n) this.values.set('hz', 1n);
    if (hz > 500n) this.values.set('hz', 500n);
  }

  /**
   * CONFIG SET with one or more name/value pairs, all or nothing, as `configSetCommand` does.
   * `pairs` come as typed; the reply on failure is the whole error line.
   */
  configSet(pairs: [string, string][], opts: { loading?: boolean; allowProtected?: boolean } = {}): ConfigSetError {
    let invalidArgName: string | null = null;
    let errArgName: string | null = null;
    let errstr: string | null = null;
    let invalid = false;
    let denyLoading = false;
    const specs: DirectiveSpec[] = [];
    for (const [name] of pairs) {
      const spec = ServerConfig.lookup(name);
      if (!spec) {
        if (!invalid) {
          invalidArgName = name;
          invalid = true;
        }
        continue;
      }
      if (invalid) continue;
      if (spec.flags.immutable || (spec.flags.protected && !opts.allowProtected)) {
        errstr = spec.flags.immutable ? "can't set immutable config" : "can't set protected config";
        errArgName = name;
        invalid = true;
        continue;
      }
      if (opts.loading && spec.flags.denyLoading) {
        denyLoading = true;
        invalid = true;
        continue;
      }
      if (specs.includes(spec)) {
        errstr = 'duplicate parameter';
        errArgName = name;
        invalid = true;
      }
      specs.push(spec);
    }
    const fail = (): string => {
      if (denyLoading) return 'LOADING Redis is loading the dataset in memory';
      if (invalidArgName !== null) return `ERR Unknown option or number of arguments for CONFIG SET - '${invalidArgName}'`;
      if (errstr !== null) return `ERR CONFIG SET failed (possibly related to argument '${errArgName}') - ${errstr}`;
      return `ERR CONFIG SET failed (possibly related to argument '${errArgName}')`;
    };
    if (invalid) return fail();

    const old = specs.map((s) => this.values.get(s.name));
    const restore = () => specs.forEach((s, i) => this.values.set(s.name, old[i]));
    const changed: DirectiveSpec[] = [];
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i];
      const value = pairs[i][1];
      // A multi-word directive's value is split on single spaces (empty fields kept).
      const args = spec.flags.multiArg ? (value === '' ? [] : value.split(' ')) : [value];
      const before = spec.get(this.value(spec.name));
      const outcome = spec.set(args, this.setContext(spec));
      if ('error' in outcome) {
        restore();
        errstr = outcome.error;
        errArgName = spec.name;
        return fail();
      }
      this.values.set(spec.name, outcome.value);
      if (spec.flags.volatile || spec.get(outcome.value) !== before) changed.push(spec);
    }
    if (changed.some((s) => s.name === 'hz')) this.clampHz();
    for (const spec of changed) {
      for (const fn of this.listeners.get(spec.name) ?? []) {
        const err = fn(this.get(spec.name), spec.name);
        if (typeof err === 'string') {
          restore();
          for (const s of changed) for (const f of this.listeners.get(s.name) ?? []) f(this.get(s.name), s.name);
          errstr = err;
          errArgName = spec.name;
          return fail();
        }
      }
    }
    return null;
  }

  /**
   * CONFIG GET: the name/value pairs matching any of the patterns, as `configGetCommand`
   * builds them. A pattern without `*`, `?` or `[` is an exact (case-insensitive) name and
   * is answered under the name as typed, hidden directives included; a glob matches
   * directives and aliases, case-insensitively, hidden ones excepted. Each name appears once.
   */
  configGet(patterns: string[]): [string, string][] {
    const out: [string, string, DirectiveSpec][] = [];
    const seen = (name: string) => out.some(([n]) => n.toLowerCase() === name.toLowerCase());
    for (const pattern of patterns) {
      if (!/[[*?]/.test(pattern)) {
        if (seen(pattern)) continue;
        const spec = ServerConfig.lookup(pattern);
        if (spec) out.push([pattern, '', spec]);
        continue;
      }
      for (const [name, spec] of ALL_NAMES) {
        if (spec.flags.hidden || seen(name)) continue;
        if (globMatch(pattern, name, true)) out.push([name, '', spec]);
      }
    }
    return out.map(([name, , spec]) => [name, spec.get(this.value(spec.name))]);
  }

  /**
   * CONFIG REWRITE: the new text of the config file whose current text is `oldText` (null when
   * the file does not exist). `sentinel` lets Sentinel add its `sentinel …` lines to the same
   * state before orphaned lines are blanked (Redis's `rewriteConfigSentinelOption`).
   */
  rewrite(oldText: string | null, opts: { sentinelMode?: boolean; sentinel?: (state: RewriteState) => void } = {}): string {
    const state = new RewriteState(oldText, {
      sentinelMode: opts.sentinelMode,
      canonicalName: (name) => ServerConfig.lookup(name)?.name ?? null,
    });
    for (const spec of DIRECTIVES) spec.rewrite(this.value(spec.name), state);
    if (this.get('aclfile') === '') for (const line of this.describeUsers()) state.rewriteLine('user', line, true);
    state.markProcessed('user');
    state.markProcessed('loadmodule');
    opts.sentinel?.(state);
    state.removeOrphaned();
    return state.content();
  }

  /** Every directive and alias name, in table order (for completion and tests). */
  static names(): string[] {
    return ALL_NAMES.map(([n]) => n);
  }
}

export type { ReplicaOf } from './directives.ts';
export type { RewriteState } from './rewrite.ts';
