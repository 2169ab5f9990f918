/**
 * A Redis server process in standalone mode: the state Redis keeps in `struct redisServer`,
 * the path every command takes from bytes to reply, and the timers of `serverCron`.
 *
 * Counterpart in Redis: server.c (`main`, `initServer`, `processCommand`, `call`,
 * `serverCron`, `prepareForShutdown`) and networking.c (client creation, reading requests,
 * writing replies, freeing clients). It is sans-I/O: `handle` and `cron` return the outputs the
 * host must carry out. Replication and persistence live in their own modules and are reached
 * through the hooks named below (`propagate`, `outgoing`, `persistence`).
 */
import type { Addr, Bytes, ConnId, Disk, LogLevel, NodeInput, NodeOutput, Rng } from '../types.ts';
import type { EngineNode, NodeEnv } from '../node.ts';
import { encodeReply, error as errorReply, type Reply } from '../resp/reply.ts';
import { formatLogLine, logLevelEnabled, type LogRole } from '../log.ts';
import { ServerConfig } from '../config/server-config.ts';
import { formatConfigError, loadConfigText, optionsFromArgv } from '../config/load.ts';
import { commandTable, type CommandMeta, type CommandTable } from '../commands/table.ts';
import { REDIS_VERSION } from '../commands/table.generated.ts';
import { ReplyError, Errors, type CommandContext, type CommandHandler } from '../commands/command.ts';
import { lookupHandler } from '../commands/registry.ts';
import { Client } from './client.ts';
import { Db, type ExpiryContext } from './db.ts';
import { absolutePath } from '../util/path.ts';
import { randomHex } from '../util/random.ts';
import { ASCII_LOGO } from './ascii-logo.ts';
import { Persistence } from '../persistence/persistence.ts';
import { Replication } from '../replication/replication.ts';
import { Stats } from './stats.ts';
import { serverHooks } from '../commands/server/hooks.ts';
import { Sentinel } from '../sentinel/sentinel.ts';
import { maxmemoryChanged, performEvictions, warnSmallMaxmemory } from './evict.ts';

/** Handler of an outgoing connection this node opened (its link to a primary, a sentinel's links). */
export interface OutgoingHandler {
  onConnected(local: Addr, nowMs: number): void;
  onConnectFailed(error: string, nowMs: number): void;
  onData(bytes: Bytes, nowMs: number): void;
  onClosed(nowMs: number): void;
}

/** One step of serverCron's work, run every `everyMs` (Redis's `run_with_period`). */
interface Timer {
  everyMs: number;
  nextMs: number;
  run(nowMs: number): void;
}

export class RedisServer implements EngineNode {
  readonly pid: number;
  readonly disk: Disk;
  readonly rng: Rng;
  readonly cwd: string;
  readonly config = new ServerConfig();
  /** `standalone`, or `sentinel` for `redis-sentinel` / `--sentinel` (server.sentinel_mode). */
  readonly mode: 'standalone' | 'sentinel';
  /** Sentinel's state (sentinel.c `struct sentinelState`), in sentinel mode only. */
  readonly sentinel: Sentinel | null = null;
  /** The command table of the mode: sentinel mode knows only Sentinel's 15 commands. */
  readonly commands: CommandTable;
  /** The absolute path of the config file, or '' when started without one. */
  configFile = '';
  runId = '';
  startedMs: number;
  nowMs: number;
  port = 0;
  exited = false;
  dbs: Db[] = [];
  readonly clients = new Map<ConnId, Client>();
  readonly stats = new Stats();
  readonly persistence: Persistence;
  readonly replication: Replication;
  /** Channel → subscribed clients, and pattern → clients (pubsub.c). */
  readonly channels = new Map<Bytes, Set<Client>>();
  readonly patterns = new Map<Bytes, Set<Client>>();
  readonly monitors = new Set<Client>();
  /** Changes since the last successful save (`server.dirty`). */
  dirty = 0;
  /** Set while a command runs inside EXEC (propagation wraps the block in MULTI/EXEC). */
  inExec = false;
  /** DEBUG SLEEP: the whole event loop is frozen until then; inputs wait in `frozenInputs`. */
  frozenUntilMs = 0;
  private readonly frozenInputs: NodeInput[] = [];
  private shutdownRequested: 'TERM' | 'INT' | null = null;
  private out: NodeOutput[] = [];
  /** Client ids start at 3: Redis 7.0 creates two internal clients before the first connection. */
  private nextClientId = 3;
  private nextOutgoingConn = 1_000_000;
  private readonly outgoing = new Map<ConnId, OutgoingHandler>();
  private readonly usedFds = new Set<number>();
  private readonly fdOf = new Map<ConnId, number>();
  private timers: Timer[] = [];
  /** True once the config is loaded: the log goes to `logfile` from then on. */
  private configLoaded = false;
  /** True once the server is initialised (`initServer`): log lines carry M/S instead of C. */
  private initialized = false;
  readonly program: string;
  private readonly stdoutIsTty: boolean;

  constructor(env: NodeEnv) {
    this.pid = env.process.pid;
    this.disk = env.disk;
    this.rng = env.rng;
    this.cwd = env.process.cwd;
    this.config.setHost({ cwd: env.process.cwd, disk: env.disk });
    this.program = env.process.program;
    this.stdoutIsTty = env.process.stdoutIsTty;
    this.startedMs = env.nowMs;
    this.nowMs = env.nowMs;
    this.persistence = new Persistence(this);
    this.replication = new Replication(this);
    this.mode = env.process.program === 'redis-sentinel' || env.process.argv.includes('--sentinel') ? 'sentinel' : 'standalone';
    this.commands = commandTable(this.mode === 'sentinel' ? 'sentinel' : 'server');
    if (this.mode === 'sentinel') this.sentinel = new Sentinel(this);
  }

  /** Starts the process: reads its config, logs the startup lines, loads data, listens. */
  static start(env: NodeEnv): { node: RedisServer; outputs: NodeOutput[] } {
    const node = new RedisServer(env);
    node.boot(env);
    return { node, outputs: node.drain() };
  }

  // ---------------------------------------------------------------------------------------
  // Startup and shutdown
  // ---------------------------------------------------------------------------------------

  private boot(env: NodeEnv): void {
    const argv = env.process.argv;
    let fileArg: string | null = null;
    let rest = argv;
    if (argv.length > 0 && !argv[0].startsWith('-')) {
      fileArg = argv[0];
      rest = argv.slice(1);
    }
    let text = '';
    if (fileArg !== null) {
      const abs = absolutePath(this.cwd, fileArg);
      const content = this.disk.read(abs);
      if (content === null || this.disk.isDirectory(abs)) {
        this.log('warning', `Fatal error, can't open config file '${this.cwd.replace(/\/$/, '')}/${fileArg}': No such file or directory`);
        this.exit(1);
        return;
      }
      this.configFile = abs;
      text = content;
    }
    const options = optionsFromArgv(rest);
    const full = options.length ? text + '\n' + options : text;
    const sentinel = this.sentinel;
    // Sentinel mode: Sentinel's defaults first (initSentinelConfig), `sentinel …` lines queued.
    if (sentinel) sentinel.initConfig();
    const err = loadConfigText(this.config, full, sentinel ? sentinel.loadOptions() : {});
    const sentinelErr = !err && sentinel && argv.length > 0 ? sentinel.loadQueuedConfig() : null;
    if (err || sentinelErr) {
      const e = (err ?? sentinelErr)!;
      if (e.logLine) this.log('warning', e.logLine);
      else this.emit({ kind: 'stderr', text: formatConfigError(e, REDIS_VERSION) });
      this.exit(1);
      return;
    }
    this.configLoaded = true;
    if (sentinel && this.configFile === '') {
      this.log('warning', 'Sentinel needs config file on disk to save state. Exiting...');
      this.exit(1);
      return;
    }
    this.runId = randomHex(this.rng, 40);
    this.log('warning', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
    this.log('warning', `Redis version=${REDIS_VERSION}, bits=64, commit=00000000, modified=0, pid=${this.pid}, just started`);
    if (argv.length === 0) {
      this.log('warning', `Warning: no config file specified, using the default config. In order to specify a config file use ${this.program} /path/to/redis.conf`);
    } else {
      this.log('warning', 'Configuration loaded');
    }
    this.initialized = true;
    if (!sentinel) this.replication.configure();
    this.log('notice', 'monotonic clock: POSIX clock_gettime');
    this.port = this.config.int('port');
    for (const host of this.bindAddresses()) {
      if (!env.canBind(host, this.port)) {
        const shown = host === '*' ? '*' : host;
        this.log('warning', `Warning: Could not create server TCP listening socket ${shown}:${this.port}: bind: Address already in use`);
        this.log('warning', `Failed listening on port ${this.port} (TCP), aborting.`);
        this.exit(1);
        return;
      }
    }
    this.dbs = Array.from({ length: this.config.int('databases') }, (_, i) => new Db(i));
    this.createPidFile();
    const showLogo = this.config.get('logfile') === '' && this.stdoutIsTty;
    if (showLogo) {
      this.writeLogRaw(ASCII_LOGO(REDIS_VERSION, this.mode, this.port, this.pid));
    } else {
      this.log('notice', `Running mode=${this.mode}, port=${this.port}.`);
    }
    if (sentinel) {
      // Sentinel mode loads no data: it picks (and persists) its id and announces its masters.
      sentinel.isRunning();
      this.emit({ kind: 'event', event: { type: 'listening', port: this.port, mode: 'sentinel' } });
      this.emit({ kind: 'event', event: { type: 'role', role: 'sentinel' } });
      this.installTimers();
      return;
    }
    this.log('warning', 'Server initialized');
    if (!this.persistence.loadAtStartup()) {
      this.exit(1);
      return;
    }
    this.log('notice', 'Ready to accept connections');
    warnSmallMaxmemory(this);
    this.config.onChange('maxmemory', () => maxmemoryChanged(this));
    this.emit({ kind: 'event', event: { type: 'listening', port: this.port, mode: 'standalone' } });
    this.installTimers();
  }

  /** The addresses of the `bind` directive (`* -::*` → the wildcard). */
  bindAddresses(): string[] {
    const words = this.config.get('bind').split(' ').filter((w) => w !== '' && !w.startsWith('-'));
    return words.length ? words.map((w) => (w === '*' ? '*' : w.replace(/^-/, ''))) : ['*'];
  }

  private installTimers(): void {
    const hz = Math.max(1, Math.min(500, this.config.int('hz')));
    const at = (everyMs: number, run: (now: number) => void): Timer => ({ everyMs, nextMs: this.nowMs + everyMs, run });
    const sentinel = this.sentinel;
    if (sentinel) {
      // serverCron in sentinel mode: shutdown requests, then sentinelTimer, at the hz that
      // sentinelTimer itself re-randomises after every run (1000/hz ms until the next tick).
      // As initServer does, the first serverCron runs 1 ms after startup.
      const cron: Timer = { ...at(Math.floor(1000 / hz), () => {}), nextMs: this.nowMs + 1 };
      cron.run = (now) => {
        if (this.shutdownRequested) {
          this.shutdownRequested = null;
          this.log('warning', 'User requested shutdown...');
          this.shutdown({ save: false });
          return;
        }
        sentinel.timer(now);
        cron.everyMs = Math.floor(1000 / sentinel.hz);
        cron.nextMs = now + cron.everyMs;
      };
      this.timers = [cron];
      return;
    }
    this.timers = [
      at(1000 / hz, (now) => this.serverCron(now)),
      at(1000, (now) => this.replication.cron(now)),
      at(1000, (now) => this.persistence.everySecond(now)),
    ];
  }

  /** The work serverCron does at every tick (expiry, client timeouts, save points, shutdown). */
  private serverCron(nowMs: number): void {
    if (this.shutdownRequested) {
      const sig = this.shutdownRequested;
      this.shutdownRequested = null;
      this.log('warning', 'User requested shutdown...');
      this.shutdown({ save: null, signal: sig });
      return;
    }
    const ctx = this.expiryContext();
    for (const db of this.dbs) if (db.expires.size) db.activeExpire(ctx);
    this.persistence.cron(nowMs);
    this.checkBlockedClients(nowMs);
  }

  /**
   * Shuts the server down as `prepareForShutdown` does: replicas first, then the AOF fsync, a
   * final RDB save when save points exist (or SAVE is forced), and the farewell line.
   * Returns an error text when the save fails and the shutdown is aborted.
   */
  shutdown(opts: { save: boolean | null; signal?: 'TERM' | 'INT' }): string | null {
    if (this.mode === 'sentinel') {
      // Sentinel mode forces NOSAVE and has no replicas or data files to finish.
      this.removePidFile();
      this.log('warning', 'Sentinel is now ready to exit, bye bye...');
      this.exit(0);
      return null;
    }
    const err = this.replication.beforeShutdown();
    if (err) return err;
    const ok = this.persistence.beforeShutdown(opts.save);
    if (!ok) return 'Errors trying to SHUTDOWN. Check logs.';
    this.removePidFile();
    this.log('warning', 'Redis is now ready to exit, bye bye...');
    this.exit(0);
    return null;
  }

  /**
   * `pidfile`: main() writes the process id and a newline to it once the listening sockets are
   * up, best effort (a failure is silent), in both modes (server.c, createPidFile). This lab
   * never daemonizes, so only a configured pidfile is written.
   */
  private createPidFile(): void {
    const path = this.config.get('pidfile');
    if (path === '') return;
    try {
      this.disk.write(this.config.resolvePath(path), `${this.pid}\n`);
    } catch {
      // Best effort, as in Redis.
    }
  }

  /** prepareForShutdown's last file step: "Removing the pid file." and the unlink (best effort). */
  removePidFile(): void {
    const path = this.config.get('pidfile');
    if (path === '') return;
    this.log('notice', 'Removing the pid file.');
    try {
      this.disk.remove(this.config.resolvePath(path));
    } catch {
      // unlink's failure is ignored by Redis too.
    }
  }

  /** Ends the process: every connection closes. */
  exit(code: number): void {
    if (this.exited) return;
    for (const c of this.clients.values()) this.emit({ kind: 'close', conn: c.conn });
    for (const conn of this.outgoing.keys()) this.emit({ kind: 'close', conn });
    this.clients.clear();
    this.outgoing.clear();
    this.exited = true;
    this.emit({ kind: 'exit', code });
  }

  // ---------------------------------------------------------------------------------------
  // The host's interface
  // ---------------------------------------------------------------------------------------

  handle(input: NodeInput, nowMs: number): NodeOutput[] {
    if (this.exited) return [];
    this.nowMs = Math.max(this.nowMs, nowMs);
    if (this.frozenUntilMs > this.nowMs) {
      this.frozenInputs.push(input);
      return [];
    }
    this.dispatchInput(input);
    if (!this.exited) this.replication.beforeSleep(this.nowMs);
    return this.drain();
  }

  cron(nowMs: number): NodeOutput[] {
    if (this.exited) return [];
    this.nowMs = Math.max(this.nowMs, nowMs);
    if (this.frozenUntilMs > this.nowMs) return [];
    if (this.frozenUntilMs !== 0) {
      // DEBUG SLEEP is over: the event loop processes what arrived meanwhile, in order.
      this.frozenUntilMs = 0;
      this.persistence.afterFreeze(this.nowMs);
      serverHooks.freezeEnded(this);
      const pending = this.frozenInputs.splice(0);
      for (const input of pending) {
        if (this.exited) break;
        this.dispatchInput(input);
        if (this.frozenUntilMs > this.nowMs) {
          this.frozenInputs.unshift(...pending.slice(pending.indexOf(input) + 1));
          return this.drain();
        }
      }
    }
    if (!this.exited) this.replication.tick(this.nowMs);
    for (const t of this.timers) {
      if (this.exited) break;
      if (t.nextMs <= this.nowMs) {
        // Like Redis, a late timer runs once and is rescheduled from now.
        t.nextMs = Math.max(t.nextMs + t.everyMs, this.nowMs + 1);
        t.run(this.nowMs);
      }
    }
    if (!this.exited) this.replication.beforeSleep(this.nowMs);
    return this.drain();
  }

  nextWakeMs(): number {
    if (this.exited) return Infinity;
    if (this.frozenUntilMs > this.nowMs) return this.frozenUntilMs;
    let next = Infinity;
    for (const t of this.timers) next = Math.min(next, t.nextMs);
    next = Math.min(next, this.replication.nextWakeMs());
    return next;
  }

  private dispatchInput(input: NodeInput): void {
    switch (input.kind) {
      case 'accept':
        this.acceptClient(input.conn, input.peer, input.local);
        break;
      case 'data': {
        const out = this.outgoing.get(input.conn);
        if (out) out.onData(input.bytes, this.nowMs);
        else this.readFromClient(input.conn, input.bytes);
        break;
      }
      case 'closed': {
        const out = this.outgoing.get(input.conn);
        if (out) {
          this.outgoing.delete(input.conn);
          out.onClosed(this.nowMs);
        } else {
          const c = this.clients.get(input.conn);
          if (c && !c.closed && logLevelEnabled('verbose', this.config.get('loglevel') as LogLevel | 'nothing')) {
            this.log('verbose', `Client closed connection ${this.clientInfoLine(c)}`);
          }
          if (c) this.freeClient(c, false);
        }
        break;
      }
      case 'connected':
        this.outgoing.get(input.conn)?.onConnected(input.local, this.nowMs);
        break;
      case 'connectFailed': {
        const out = this.outgoing.get(input.conn);
        this.outgoing.delete(input.conn);
        out?.onConnectFailed(input.error, this.nowMs);
        break;
      }
      case 'signal':
        this.writeLogRaw(`${this.pid}:signal-handler (${Math.floor(this.nowMs / 1000)}) Received SIG${input.signal} scheduling shutdown...\n`);
        this.shutdownRequested = input.signal;
        break;
    }
  }

  /** Opens an outgoing connection handled by `handler`; returns its id. */
  connect(host: string, port: number, handler: OutgoingHandler): ConnId {
    const conn = this.nextOutgoingConn++;
    this.outgoing.set(conn, handler);
    this.emit({ kind: 'connect', conn, host, port });
    return conn;
  }

  /** Closes an outgoing connection without calling its handler back. */
  closeOutgoing(conn: ConnId): void {
    if (this.outgoing.delete(conn)) this.emit({ kind: 'close', conn });
  }

  /** Forgets an outgoing connection whose socket was already closed by `freeClient` (replication's primary link). */
  forgetOutgoing(conn: ConnId): void {
    this.outgoing.delete(conn);
  }

  /**
   * Registers a client on an outgoing connection this node opened (a replica's link to its
   * primary becomes the client flagged `M`); its input still goes to the outgoing handler.
   */
  attachClient(conn: ConnId, peer: Addr, local: Addr): Client {
    const c = new Client(this.nextClientId++, conn, peer, local, this.nowMs, true);
    const fd = this.allocateFd();
    this.fdOf.set(conn, fd);
    this.clients.set(conn, c);
    return c;
  }

  send(conn: ConnId, bytes: Bytes): void {
    this.emit({ kind: 'send', conn, bytes });
  }

  emit(o: NodeOutput): void {
    this.out.push(o);
  }

  /** The end of an event-loop iteration: AOF writes (`beforeSleep`), then the outputs go out. */
  drain(): NodeOutput[] {
    if (!this.exited) this.persistence.beforeSleep();
    const o = this.out;
    this.out = [];
    return o;
  }

  // ---------------------------------------------------------------------------------------
  // Logging
  // ---------------------------------------------------------------------------------------

  /** The role character of log lines: C before initialisation, S on a replica, M otherwise. */
  logRole(): LogRole {
    if (this.mode === 'sentinel') return 'X';
    if (!this.initialized) return 'C';
    return this.replication.isReplica ? 'S' : 'M';
  }

  log(level: LogLevel, message: string, role: LogRole = this.logRole()): void {
    if (!logLevelEnabled(level, this.config.get('loglevel') as LogLevel | 'nothing')) return;
    const line = formatLogLine(this.pid, role, this.nowMs, level, message);
    this.writeLogRaw(line + '\n');
    this.emit({ kind: 'event', event: { type: 'log', level, line } });
  }

  /** Writes text to the log file, or to standard output when `logfile` is empty. */
  writeLogRaw(text: string): void {
    const logfile = this.configLoaded ? this.config.get('logfile') : '';
    if (logfile === '') {
      this.emit({ kind: 'stdout', text });
    } else {
      this.disk.append(this.config.resolvePath(logfile), text);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Clients
  // ---------------------------------------------------------------------------------------

  private acceptClient(conn: ConnId, peer: Addr, local: Addr): Client {
    const authenticated = this.config.get('requirepass') === '';
    const c = new Client(this.nextClientId++, conn, peer, local, this.nowMs, authenticated);
    const fd = this.allocateFd();
    this.fdOf.set(conn, fd);
    this.clients.set(conn, c);
    this.stats.totalConnectionsReceived++;
    this.log('verbose', `Accepted ${peer.host}:${peer.port}`);
    return c;
  }

  /** The CLIENT LIST line of a client, optionally while it runs `argv` (log lines name the requester). */
  clientInfoLine(c: Client, argv?: Bytes[]): string {
    return serverHooks.clientInfoLine(this, c, argv);
  }

  /**
   * The lowest free file descriptor, as the kernel hands them out. Measured on Redis 7.0.15: with
   * one listening socket and no AOF the first client gets fd 7; each further listening socket
   * (the default bind `* -::*` opens two) and an open AOF incr file take one more.
   */
  private allocateFd(): number {
    const sockets = this.config.get('bind').split(' ').filter((w) => w !== '').length; // `-::*` binds too on a host with IPv6
    const base = 6 + Math.max(1, sockets) + (this.config.get('appendonly') === 'yes' ? 1 : 0);
    let fd = base;
    while (this.usedFds.has(fd)) fd++;
    this.usedFds.add(fd);
    return fd;
  }

  /** The file descriptor CLIENT LIST shows for a connection (the lowest free one, as the kernel picks). */
  fd(c: Client): number {
    return this.fdOf.get(c.conn) ?? -1;
  }

  /** Frees a client: it leaves its channels, its blocked state, and (when we close) the socket. */
  freeClient(c: Client, closeSocket: boolean): void {
    if (c.closed) return;
    c.closed = true;
    this.unsubscribeAll(c);
    this.monitors.delete(c);
    serverHooks.clientFreed(c);
    this.replication.onClientFreed(c);
    this.clients.delete(c.conn);
    const fd = this.fdOf.get(c.conn);
    if (fd !== undefined) this.usedFds.delete(fd);
    this.fdOf.delete(c.conn);
    if (closeSocket) this.emit({ kind: 'close', conn: c.conn });
  }

  private unsubscribeAll(c: Client): void {
    for (const ch of c.channels) {
      const set = this.channels.get(ch);
      set?.delete(c);
      if (set && set.size === 0) this.channels.delete(ch);
    }
    for (const p of c.patterns) {
      const set = this.patterns.get(p);
      set?.delete(c);
      if (set && set.size === 0) this.patterns.delete(p);
    }
    c.channels.clear();
    c.patterns.clear();
  }

  private readFromClient(conn: ConnId, bytes: Bytes): void {
    const c = this.clients.get(conn);
    if (!c || c.closed) return;
    c.parser.push(bytes);
    this.stats.netInputBytes += bytes.length;
    this.processInputBuffer(c);
  }

  /** Runs every complete request in the client's buffer, stopping while it is blocked. */
  processInputBuffer(c: Client): void {
    while (!c.closed && !c.blocked && !c.closeAfterReply && !this.exited && this.frozenUntilMs <= this.nowMs) {
      if (this.replication.consumesInput(c)) return;
      const r = c.parser.next(c.authenticated || c.kind === 'primary');
      if (r === null) return;
      if (r.kind === 'error') {
        this.addReply(c, errorReply(`ERR ${r.message}`));
        c.closeAfterReply = true;
        this.freeClient(c, true);
        return;
      }
      c.lastInteractionMs = this.nowMs;
      this.processCommand(c, r.argv, r.bytes);
    }
  }

  /** Sends a reply to a client (networking.c `addReply`). */
  addReply(c: Client, reply: Reply): void {
    if (c.closed) return;
    if (c.kind === 'primary') {
      if (reply.type === 'error') this.stats.errorReply(reply.value);
      return; // replies to our primary's stream are suppressed
    }
    const bytes = encodeReply(reply);
    if (!serverHooks.beforeReply(this, c, reply, bytes.length)) return;
    this.stats.netOutputBytes += bytes.length;
    this.emit({ kind: 'send', conn: c.conn, bytes });
  }

  // ---------------------------------------------------------------------------------------
  // Commands
  // ---------------------------------------------------------------------------------------

  /** Resolves argv to the table entry of the command or subcommand, as `lookupCommand` does. */
  lookupCommand(argv: Bytes[]): CommandMeta | undefined {
    const base = this.commands.get(argv[0]);
    if (!base || !base.subcommands || argv.length < 2) return base;
    return base.subcommands.get(argv[1].toLowerCase());
  }

  /**
   * The checks `processCommand` makes before running a command, in Redis's order, then the call
   * (or the queueing inside MULTI).
   */
  processCommand(c: Client, argv: Bytes[], _bytes = 0): void {
    const base = this.commands.get(argv[0]);
    const meta = this.lookupCommand(argv);
    c.lastCommand = meta?.name ?? 'NULL'; // CLIENT LIST's cmd= names what was last looked up, queued or refused
    const reject = (message: string) => {
      this.stats.rejectedCalls++;
      if (meta) this.stats.command(meta.name).rejectedCalls++;
      if (c.multi) c.multi.dirty = true;
      this.addReply(c, errorReply(serverHooks.execRejected(c, meta, message) ?? message));
    };
    if (!meta) {
      if (base && base.subcommands && argv.length >= 2) {
        return reject(`ERR unknown subcommand '${truncate(argv[1], 128)}'. Try ${base.name.toUpperCase()} HELP.`);
      }
      let args = '';
      for (let i = 1; i < argv.length && args.length < 128; i++) args += `'${truncate(argv[i], 128 - args.length)}' `;
      return reject(`ERR unknown command '${truncate(argv[0], 128)}', with args beginning with: ${args}`);
    }
    if ((meta.arity > 0 && argv.length !== meta.arity) || argv.length < -meta.arity) {
      return reject(`ERR wrong number of arguments for '${meta.name}' command`);
    }
    if (base?.name === 'debug' && !this.allowDebug(c)) {
      return reject(
        'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
      );
    }
    const isExec = meta.name === 'exec';
    const queuedFlags = (flag: string) => isExec && c.multi !== null && c.multi.queue.some((q) => this.lookupCommand(q.argv)?.flags.has(flag));
    const isWrite = meta.flags.has('write') || queuedFlags('write');
    const denyStale = !meta.flags.has('stale') || (isExec && c.multi !== null && c.multi.queue.some((q) => !this.lookupCommand(q.argv)?.flags.has('stale')));
    const denyLoading = !meta.flags.has('loading');
    const obeyClient = c.kind === 'primary';
    if (!c.authenticated && !obeyClient && !meta.flags.has('no_auth')) return reject(Errors.noAuth);
    if (c.multi && meta.flags.has('no_multi')) return reject('ERR Command not allowed inside a transaction');
    // maxmemory: evict what the policy allows; when memory stays over the limit, refuse what may
    // grow it (and anything queued in MULTI except EXEC, DISCARD, QUIT and RESET).
    if (this.config.get('maxmemory') !== '0' && performEvictions(this) === 'fail') {
      const denyoom = meta.flags.has('denyoom') || queuedFlags('denyoom');
      if (denyoom || (c.multi && !['exec', 'discard', 'quit', 'reset'].includes(meta.name))) return reject(Errors.oom);
    }
    if (isWrite && !obeyClient && !this.replication.goodReplicasOk(this.nowMs)) return reject(Errors.noReplicas);
    if (this.replication.isReplica && this.config.bool('replica-read-only') && !obeyClient && isWrite) return reject(Errors.readOnly);
    if (c.subscriptionCount > 0 && c.resp === 2 && !['ping', 'subscribe', 'ssubscribe', 'unsubscribe', 'sunsubscribe', 'psubscribe', 'punsubscribe', 'quit', 'reset'].includes(meta.name)) {
      return reject(`ERR Can't execute '${meta.name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`);
    }
    if (this.replication.isReplica && !this.replication.linkUp && !this.config.bool('replica-serve-stale-data') && denyStale) {
      return reject(Errors.masterDown);
    }
    if (this.persistence.loading && denyLoading) return reject(Errors.loading);
    // MONITOR turns a client into a replica-like one (CLIENT_SLAVE|CLIENT_MONITOR): no keyspace access.
    if ((c.kind === 'replica' || c.monitor) && (meta.flags.has('write') || meta.flags.has('readonly') || meta.flags.has('may_replicate'))) {
      return reject("ERR Replica can't interact with the keyspace");
    }
    // A FAILOVER pauses writes: the command waits and runs again when the pause ends.
    if (this.replication.postponeCommand(c, argv, isWrite || meta.flags.has('may_replicate') || queuedFlags('may_replicate'))) return;
    if (c.multi && !['exec', 'discard', 'multi', 'watch', 'quit', 'reset'].includes(meta.name)) {
      // Only the checks above (existence, arity, auth…) flag the transaction; a syntax error of
      // the command itself shows up later, as one element of EXEC's reply (multi.c queueMultiCommand).
      c.multi.queue.push({ argv, name: meta.name });
      this.addReply(c, { type: 'simple', value: 'QUEUED' });
      return;
    }
    this.call(c, meta, argv);
    this.afterCommand(c);
  }

  /** Whether DEBUG may run for this client under `enable-debug-command`. */
  private allowDebug(c: Client): boolean {
    const mode = this.config.get('enable-debug-command');
    if (mode === 'yes') return true;
    if (mode === 'local') return c.addr.host === '127.0.0.1' || c.addr.host === '::1' || c.addr.host === 'localhost';
    return false;
  }

  /** The context a command runs in. */
  context(c: Client): CommandContext {
    return { server: this, client: c, db: this.dbs[c.db], nowMs: this.nowMs };
  }

  /**
   * Runs one command: parse, apply, statistics, MONITOR feed, and propagation of what it
   * changed (Redis's `call`). Returns the reply it produced (null while the client blocks).
   */
  call(c: Client, meta: CommandMeta, argv: Bytes[], opts: { replyTo?: Client | null } = {}): Reply | null {
    const handler = lookupHandler(meta.name, this.mode);
    const dirtyBefore = this.dirty;
    this.replication.beginCommand();
    let reply: Reply | null;
    if (!handler) {
      reply = errorReply(`ERR '${meta.name.toUpperCase().replace('|', ' ')}' is not available in this lab`);
    } else {
      try {
        const parsed = (handler as CommandHandler<unknown>).parse(argv);
        serverHooks.beforeCommand(this, c, meta, argv);
        const result = handler.apply(this.context(c), parsed);
        reply = result.type === 'blocked' ? null : result;
      } catch (e) {
        if (!(e instanceof ReplyError)) throw e;
        reply = errorReply(e.message);
      }
    }
    // (looked up after the command ran: CONFIG RESETSTAT counts itself in the fresh statistics)
    const stat = this.stats.command(meta.name);
    stat.calls++;
    this.stats.totalCommandsProcessed++;
    if (reply?.type === 'error') stat.failedCalls++;
    c.lastCommand = meta.name;
    const changed = this.dirty - dirtyBefore;
    serverHooks.afterCommand(this, c, meta, argv, changed > 0);
    this.replication.endCommand(c, argv, changed > 0 && meta.flags.has('write'));
    // WAIT waits for the offset as of the client's last top-level command (processCommand sets
    // woff after `call`): commands run by EXEC do not move it.
    if (!this.inExec) c.woff = this.replication.offset;
    if (reply !== null && opts.replyTo !== null) this.addReply(opts.replyTo ?? c, reply);
    // MONITOR sees a command once it ran (after its reply), administrative ones never.
    if (!meta.flags.has('skip_monitor') && !meta.flags.has('admin')) this.feedMonitors(c, argv);
    return reply;
  }

  /** After a command: unblock clients it may have served, close a client that asked to. */
  private afterCommand(c: Client): void {
    if (c.closeAfterReply) this.freeClient(c, true);
  }

  /** Counts a change to the dataset (`server.dirty++`). */
  markDirty(n = 1): void {
    this.dirty += n;
  }

  /** The expiry rules for lookups now: only a primary deletes expired keys. */
  expiryContext(): ExpiryContext {
    return {
      nowMs: this.nowMs,
      mayExpire: !this.replication.isReplica,
      onExpired: (db, key) => {
        this.stats.expiredKeys++;
        serverHooks.keyExpired(db, key);
        this.replication.propagateExpire(db.id, key);
      },
    };
  }

  private feedMonitors(c: Client, argv: Bytes[]): void {
    if (this.monitors.size === 0 || this.persistence.loading) return;
    const secs = Math.floor(this.nowMs / 1000);
    const micros = String((this.nowMs % 1000) * 1000).padStart(6, '0');
    const args = argv.map(catRepr).join(' ');
    const line = `${secs}.${micros} [${c.db} ${c.addr.host}:${c.addr.port}] ${args}`;
    for (const m of this.monitors) this.addReply(m, { type: 'simple', value: line });
  }

  // ---------------------------------------------------------------------------------------
  // Blocked clients
  // ---------------------------------------------------------------------------------------

  /** Re-checks every blocked client (WAIT's acknowledgements and timeouts). */
  checkBlockedClients(nowMs: number): void {
    for (const c of this.clients.values()) {
      if (!c.blocked) continue;
      const reply = this.replication.tryUnblock(c, nowMs);
      if (reply) {
        c.blocked = null;
        this.addReply(c, reply);
        this.processInputBuffer(c);
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Pub/Sub
  // ---------------------------------------------------------------------------------------

  /** Delivers a message to channel subscribers and matching patterns; returns the receiver count. */
  publish(channel: Bytes, message: Bytes): number {
    let receivers = 0;
    for (const c of this.channels.get(channel) ?? []) {
      this.addReply(c, { type: 'array', value: [bulkOf('message'), bulkOf(channel), bulkOf(message)] });
      receivers++;
    }
    for (const [pattern, clients] of this.patterns) {
      if (!globMatch(pattern, channel)) continue;
      for (const c of clients) {
        this.addReply(c, { type: 'array', value: [bulkOf('pmessage'), bulkOf(pattern), bulkOf(channel), bulkOf(message)] });
        receivers++;
      }
    }
    return receivers;
  }
}

const bulkOf = (s: Bytes): Reply => ({ type: 'bulk', value: s });

/** A string as C's `%.Ns` prints it: at most n bytes, and nothing from the first NUL on. */
function truncate(s: string, n: number): string {
  const nul = s.indexOf('\0');
  const t = nul >= 0 ? s.slice(0, nul) : s;
  return t.length > n ? t.slice(0, Math.max(0, n)) : t;
}


export { globMatch } from '../util/glob.ts';
import { globMatch } from '../util/glob.ts';
import { catRepr } from '../util/repr.ts';
