/**
 * Persistence of a server: RDB snapshots (SAVE, BGSAVE, `save` points, the final save at
 * shutdown, the RDB of a full sync) and Redis 7's multi-part append-only file, on the node's
 * virtual disk, with Redis's log lines.
 *
 * Counterpart in Redis: rdb.c (`rdbSave`, `rdbSaveBackground`, `backgroundSaveDoneHandler`,
 * `rdbLoad`, `bgsaveCommand`, `saveCommand`), aof.c (`aofLoadManifestFromDisk`,
 * `loadAppendOnlyFiles`, `loadSingleAppendOnlyFile`, `aofOpenIfNeededOnServerStart`,
 * `feedAppendOnlyFile`, `flushAppendOnlyFile`, `rewriteAppendOnlyFileBackground`,
 * `openNewIncrAofForAppend`, `backgroundRewriteDoneHandler`, `startAppendOnly`,
 * `stopAppendOnly`, `bgrewriteaofCommand`), server.c (`loadDataFromDisk`, the save points and
 * child checks of `serverCron`, `finishShutdown`, the `# Persistence` section of INFO).
 *
 * Models, stated once:
 * - A forked child (BGSAVE, AOF rewrite, and replication's RDB transfer through
 *   {@link Persistence.forkChild}) is a job. Its pid is the server's pid plus a counter. It
 *   sees the dataset as of the fork (the RDB is encoded at fork time), runs for
 *   `2 ms + 1 ms per 1000 keys + 1 ms per 200 KB` of RDB, logs its own lines (role `C`, its
 *   pid, stamped at its exit time), and the parent notices its exit at the next serverCron
 *   tick, as `checkChildrenDone` does — so "terminated with success" comes up to 1000/hz ms
 *   later, as in the reference logs. Files appear when the job ends (no partial temp files).
 * - The AOF's loss windows, as in Redis. Commands fed during an event are buffered and written
 *   (`write()`, through the page cache) at the end of that event (`beforeSleep`), so a process
 *   killed with `kill -9` loses nothing it acknowledged. What a *machine crash* loses depends on
 *   `appendfsync`: `always` fsyncs each write at once, `everysec` fsyncs once a second
 *   (`everySecond`), `no` leaves it to the kernel, modelled as Linux's dirty-page writeback (the
 *   data becomes durable once its oldest byte is 30 s old, `dirty_expire_centisecs`). The disk
 *   tracks the durable prefix of each file (`Disk.fsync`), and a host's power-cut fault truncates
 *   files to it.
 * - Loading takes no virtual time; the seconds printed in "DB loaded…" are modelled as 1 µs
 *   per key plus 2 ns per byte, so they stay `0.000` at lab sizes, as in the reference.
 */
import type { Bytes, LogLevel } from '../types.ts';
import type { RedisServer } from '../server/server.ts';
import type { RedisValue } from '../server/db.ts';
import { Client } from '../server/client.ts';
import { ReplyError } from '../commands/command.ts';
import { lookupHandler } from '../commands/registry.ts';
import { REDIS_VERSION } from '../commands/table.generated.ts';
import { ServerConfig } from '../config/server-config.ts';
import { encodeCommand } from '../resp/reply.ts';
import { formatLogLine, logLevelEnabled } from '../log.ts';
import { absolutePath } from '../util/path.ts';
import { decodeRdbColumns, encodeRdb, RdbError, type DecodedRdbColumns, type RdbDbSource, type RdbSaveInfo } from './rdb.ts';
import {
  cloneManifest, emptyManifest, formatManifest, isManifestError, markRewrittenIncrAsHistory, newBaseFile, newIncrFile,
  parseManifest, readAofCommands, tempIncrFile, type AofCommand, type AofManifest,
} from './aof.ts';

export type { RdbSaveInfo } from './rdb.ts';

/** `server.aof_state`. */
export type AofState = 'AOF_OFF' | 'AOF_ON' | 'AOF_WAIT_REWRITE';

/** `server.child_type`: what the forked child (at most one) is doing. */
export type ChildType = 'CHILD_TYPE_RDB' | 'CHILD_TYPE_AOF';

/** Outcome of loading AOF files (aof.c's `AOF_*` return codes). */
type AofLoadStatus = 'AOF_OK' | 'AOF_NOT_EXIST' | 'AOF_EMPTY' | 'AOF_OPEN_ERR' | 'AOF_FAILED' | 'AOF_TRUNCATED';

/** A forked child as the parent tracks it. */
interface ChildProcess {
  type: ChildType;
  pid: number;
  startMs: number;
  /** When the child exits (virtual time). */
  exitMs: number;
  /** The child's own log lines, printed with its pid at `exitMs`. */
  lines: { level: LogLevel; message: string }[];
  linesLogged: boolean;
  /** The parent's handling of the exit, at the cron tick that notices it. */
  onExit(nowMs: number): void;
  /** Called instead of onExit when the parent kills the child. */
  onKill?(): void;
}

/** What replication may provide (issue 3): the repl-* fields to save, and the startup hook. */
interface ReplicationHooks {
  /** `rdbPopulateSaveInfo`: the replication info to save in an RDB, or null (none). */
  rdbSaveInfo(): RdbSaveInfo | null;
  /** After the startup RDB load found valid replication info (`loadDataFromDisk`). */
  restoreFromRdb(info: RdbSaveInfo): void;
  /** A child exited and no other is active (`replicationStartPendingFork`). */
  startPendingFork(nowMs: number): void;
}

/** `CONFIG_BGSAVE_RETRY_DELAY`: seconds between BGSAVE attempts after a failure. */
const BGSAVE_RETRY_DELAY_SEC = 5;
/** Linux's `dirty_expire_centisecs` (30 s), for `appendfsync no`. */
const KERNEL_WRITEBACK_MS = 30_000;
/** A fresh Redis 7.0 process's `used_memory` (the base RDB of an empty server says 0.84 Mb). */
const BASE_USED_MEMORY = 880_000;

export class Persistence {
  private readonly server: RedisServer;
  /** True while the dataset is being loaded (commands get -LOADING). */
  loading = false;
  /** `server.lastsave`: when the dataset was last saved successfully (Unix ms). */
  lastSaveMs = 0;

  // RDB state
  private lastBgsaveTryMs = 0;
  private lastBgsaveOk = true;
  private dirtyBeforeBgsave = 0;
  private rdbSaveTimeLastSec = -1;
  private rdbSaveTimeStartMs = 0;
  private rdbBgsaveScheduled = false;
  private statRdbSaves = 0;
  private rdbLastLoadKeysLoaded = 0;
  private rdbLastLoadKeysExpired = 0;
  private lastLoadedRsi: RdbSaveInfo | null = null;

  // Children
  private child: ChildProcess | null = null;
  private forkCounter = 0;

  // AOF state
  private aofState: AofState = 'AOF_OFF';
  private manifest: AofManifest = emptyManifest();
  /** The incr file commands are appended to (a name inside appenddirname), or null. */
  private aofIncrName: string | null = null;
  private aofSelectedDb = -1;
  /** Fed during the current event and not yet written (Redis's `aof_buf`). */
  private aofBuf: Bytes = '';
  /** Since when written data awaits an fsync (null when everything written is durable). */
  private aofUnsyncedSinceMs: number | null = null;
  private aofCurrentSize = 0;
  private aofRewriteBaseSize = 0;
  private aofRewriteScheduled = false;
  private aofRewriteTimeLastSec = -1;
  private aofRewriteTimeStartMs = 0;
  private aofLastBgrewriteOk = true;
  private statAofRewrites = 0;
  private statAofrwConsecutiveFailures = 0;
  /** Set once startup loading is done: config changes apply from then on. */
  private started = false;

  constructor(server: RedisServer) {
    this.server = server;
    // CONFIG SET appendonly applies at once (Redis's `updateAppendonly`); feed(), cron() and
    // info() also reconcile, should the value change by another path.
    server.config.onChange('appendonly', () => this.syncAppendonlyConfig());
  }

  // ---------------------------------------------------------------------------------------
  // Paths and small helpers
  // ---------------------------------------------------------------------------------------

  /** The working directory of the data files (`dir`: Redis chdir()s there). */
  dataDir(): string {
    return this.server.config.dir();
  }

  private rdbPath(): string {
    return absolutePath(this.dataDir(), this.server.config.get('dbfilename'));
  }

  private aofDir(): string {
    return absolutePath(this.dataDir(), this.server.config.get('appenddirname'));
  }

  private aofPath(name: string): string {
    return `${this.aofDir()}/${name}`;
  }

  private appendFilename(): string {
    return this.server.config.get('appendfilename');
  }

  private log(level: LogLevel, message: string): void {
    this.server.log(level, message);
  }

  /** A line in the log as a forked child writes it: its own pid, role `C`. */
  private childLog(pid: number, atMs: number, level: LogLevel, message: string): void {
    if (!logLevelEnabled(level, this.server.config.get('loglevel') as LogLevel | 'nothing')) return;
    const line = formatLogLine(pid, 'C', atMs, level, message);
    this.server.writeLogRaw(line + '\n');
    this.server.emit({ kind: 'event', event: { type: 'log', level, line } });
  }

  private replicationHooks(): Partial<ReplicationHooks> {
    return this.server.replication as unknown as Partial<ReplicationHooks>;
  }

  /** `rdbPopulateSaveInfo`, from replication when it provides it. */
  private saveInfo(): RdbSaveInfo | null {
    const hooks = this.replicationHooks();
    return typeof hooks.rdbSaveInfo === 'function' ? hooks.rdbSaveInfo.call(this.server.replication) : null;
  }

  private unixSec(ms = this.server.nowMs): number {
    return Math.floor(ms / 1000);
  }

  private configBool(name: string, fallback: boolean): boolean {
    return ServerConfig.lookup(name) ? this.server.config.bool(name) : fallback;
  }

  /** `used_memory` for the RDB's used-mem field: the server's own figure when it has one. */
  usedMemory(): number {
    const own = (this.server as unknown as { usedMemory?: () => number }).usedMemory;
    if (typeof own === 'function') return own.call(this.server);
    let bytes = BASE_USED_MEMORY;
    for (const db of this.server.dbs) {
      db.keys.forEach((v, key) => {
        bytes += 72 + key.length + valueBytes(v);
      });
      bytes += db.expires.size * 32;
    }
    return bytes;
  }

  /**
   * The dataset as RDB databases, read in place by the encoder (no copy of the key space).
   * Logically expired keys are saved too, as Redis does.
   */
  private datasetForRdb(): RdbDbSource[] {
    return this.server.dbs;
  }

  private keyCount(): number {
    let n = 0;
    for (const db of this.server.dbs) n += db.keys.size;
    return n;
  }

  /** An RDB file of the dataset now. */
  private encodeDataset(rsi: RdbSaveInfo | null, aofBase: boolean): Bytes {
    return encodeRdb(this.datasetForRdb(), {
      redisVersion: REDIS_VERSION,
      ctimeSec: this.unixSec(),
      usedMem: this.usedMemory(),
      rsi,
      aofBase,
    });
  }

  /** The modelled run time of a child that writes `bytes` of RDB for `keys` keys. */
  private childDurationMs(keys: number, bytes: number): number {
    return 2 + Math.floor(keys / 1000) + Math.floor(bytes / 200_000);
  }

  private loadSeconds(keys: number, bytes: number): string {
    return (keys * 1e-6 + bytes * 2e-9).toFixed(3);
  }

  // ---------------------------------------------------------------------------------------
  // Startup
  // ---------------------------------------------------------------------------------------

  /** Loads the AOF or the RDB at startup, logging as Redis does. Returns false on a fatal error. */
  loadAtStartup(): boolean {
    this.lastSaveMs = this.server.nowMs;
    this.aofState = this.server.config.bool('appendonly') ? 'AOF_ON' : 'AOF_OFF';
    if (!this.loadManifestFromDisk()) return false;
    if (!this.loadDataFromDisk()) return false;
    if (!this.aofOpenIfNeededOnServerStart()) return false;
    this.aofDelHistoryFiles();
    this.started = true;
    return true;
  }

  /** `aofLoadManifestFromDisk`: reads the manifest when the AOF directory and file exist. */
  private loadManifestFromDisk(): boolean {
    this.manifest = emptyManifest();
    const dir = this.aofDir();
    if (!this.server.disk.isDirectory(dir)) return true;
    const text = this.server.disk.read(this.aofPath(`${this.appendFilename()}.manifest`));
    if (text === null) return true;
    const am = parseManifest(text);
    if (isManifestError(am)) {
      this.log('warning', '\n*** FATAL AOF MANIFEST FILE ERROR ***\n');
      if (am.line) {
        this.log('warning', `Reading the manifest file, at line ${am.line.number}\n`);
        this.log('warning', `>>> '${am.line.text}'\n`);
      }
      this.log('warning', `${am.error}\n`);
      return false;
    }
    this.manifest = am;
    return true;
  }

  /** `loadDataFromDisk`: the AOF when appendonly is on, else the RDB file. */
  private loadDataFromDisk(): boolean {
    if (this.aofState === 'AOF_ON') {
      const ret = this.loadAppendOnlyFiles();
      if (ret === 'AOF_FAILED' || ret === 'AOF_OPEN_ERR') return false;
      if (ret !== 'AOF_NOT_EXIST') {
        this.log('notice', `DB loaded from append only file: ${this.lastLoadSeconds} seconds`);
      }
      return true;
    }
    const data = this.server.disk.read(this.rdbPath());
    if (data === null || this.server.disk.isDirectory(this.rdbPath())) return true;
    const loaded = this.loadRdb(data, { fromAofBase: false, replication: false });
    if (!loaded.ok) {
      if (loaded.fatalText) this.log('warning', `Fatal error loading the DB: ${loaded.fatalText}. Exiting.`);
      return false;
    }
    this.log('notice', `DB loaded from disk: ${this.loadSeconds(loaded.keys, data.length)} seconds`);
    const rsi = this.lastLoadedRsi;
    if (rsi) {
      const hooks = this.replicationHooks();
      if (typeof hooks.restoreFromRdb === 'function') hooks.restoreFromRdb.call(this.server.replication, rsi);
    }
    return true;
  }

  private lastLoadSeconds = '0.000';

  /**
   * Loads an RDB image into the (already empty) databases, logging the AUX lines and the
   * summary as `rdbLoadRio` does. A primary drops keys already expired, unless the file is
   * an AOF base or a replica loads its primary's payload.
   */
  private loadRdb(
    data: Bytes,
    opts: { fromAofBase: boolean; replication: boolean },
  ): { ok: true; keys: number; expired: number; end: number } | { ok: false; fatalText?: string } {
    this.rdbLastLoadKeysLoaded = 0;
    this.rdbLastLoadKeysExpired = 0;
    let decoded: DecodedRdbColumns;
    try {
      decoded = decodeRdbColumns(data);
    } catch (e) {
      if (!(e instanceof RdbError)) throw e;
      this.logAux(e.aux);
      return this.reportRdbError(e, opts);
    }
    this.logAux(decoded.aux);
    const rsi = rsiFromAux(decoded.aux);
    this.lastLoadedRsi = opts.fromAofBase ? null : rsi;
    const dropExpired = !this.server.replication.isReplica && !opts.fromAofBase && !opts.replication;
    const now = this.server.nowMs;
    for (const rdbDb of decoded.dbs) {
      const db = this.server.dbs[rdbDb.id];
      if (!db) {
        this.server.writeLogRaw(`FATAL: Data file was created with a Redis server configured to handle more than ${this.server.dbs.length} databases. Exiting\n`);
        return { ok: false };
      }
      const { keys, values, expireMs } = rdbDb;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const when = expireMs[i];
        if (dropExpired && when !== null && when < now) {
          // Redis also feeds a DEL for it to the (still empty) replication backlog, so that a
          // replica resyncing partially across the restart deletes it too.
          this.server.replication.feedExpiredOnLoad(rdbDb.id, key);
          this.rdbLastLoadKeysExpired++;
          continue;
        }
        db.set(key, values[i]);
        if (when !== null) db.setExpire(key, when);
        this.rdbLastLoadKeysLoaded++;
      }
    }
    this.log('notice', `Done loading RDB, keys loaded: ${this.rdbLastLoadKeysLoaded}, keys expired: ${this.rdbLastLoadKeysExpired}.`);
    return { ok: true, keys: this.rdbLastLoadKeysLoaded, expired: this.rdbLastLoadKeysExpired, end: decoded.end };
  }

  /** The notice lines Redis prints for the AUX fields it knows, in file order. */
  private logAux(aux: [Bytes, Bytes][]): void {
    for (const [k, v] of aux) {
      const key = k.toLowerCase();
      if (k.startsWith('%')) this.log('notice', `RDB '${k}': ${v}`);
      else if (key === 'redis-ver') this.log('notice', `Loading RDB produced by version ${v}`);
      else if (key === 'ctime') this.log('notice', `RDB age ${Math.max(0, this.unixSec() - (Number.parseInt(v, 10) || 0))} seconds`);
      else if (key === 'used-mem') this.log('notice', `RDB memory usage when created ${((Number.parseInt(v, 10) || 0) / (1024 * 1024)).toFixed(2)} Mb`);
      else if (key === 'aof-preamble' && (Number.parseInt(v, 10) || 0) !== 0) this.log('notice', 'RDB has an AOF tail');
      else if (key === 'aof-base' && (Number.parseInt(v, 10) || 0) !== 0) this.log('notice', 'RDB is base AOF');
    }
  }

  /** Redis's report of an unreadable RDB (`rdbReportError` and the callers' lines). */
  private reportRdbError(e: RdbError, opts: { fromAofBase: boolean; replication: boolean }): { ok: false; fatalText?: string } {
    switch (e.kind) {
      case 'signature':
        this.log('warning', e.message);
        return { ok: false, fatalText: 'Invalid argument' };
      case 'version':
        this.log('warning', e.message);
        return { ok: false, fatalText: 'Invalid argument' };
      case 'eof':
      case 'corrupt':
      case 'checksum':
      case 'unsupported': {
        if (e.kind === 'eof') this.log('warning', 'Short read or OOM loading DB. Unrecoverable error, aborting now.');
        if (e.kind === 'checksum') this.log('warning', e.message);
        const reason = e.kind === 'checksum' ? 'RDB CRC error' : e.message;
        // Line numbers as the Debian 7.0.15 build reports them (eof and CRC recorded).
        const line = e.kind === 'eof' ? 3249 : e.kind === 'checksum' ? 3225 : 2326;
        const msg = `Internal error in RDB reading offset 0, function at rdb.c:${line} -> ${reason}`;
        if (opts.replication) {
          this.log('warning', `${msg}. Failure loading rdb format`);
        } else if (!opts.fromAofBase) {
          // Redis then runs redis-check-rdb on the file (its report goes to stdout) and exits.
          this.log('warning', msg);
        } else {
          this.log('warning', msg);
        }
        return { ok: false };
      }
    }
  }

  /** `loadAppendOnlyFiles`: the base file, then each incr file, in manifest order. */
  private loadAppendOnlyFiles(): AofLoadStatus {
    const am = this.manifest;
    if (!am.base && am.incr.length === 0) return 'AOF_NOT_EXIST';
    const files = [...(am.base ? [am.base] : []), ...am.incr];
    let totalSize = 0;
    for (const f of files) {
      const data = this.server.disk.read(this.aofPath(f.fileName));
      if (data === null) {
        this.log('warning', `Unable to obtain the AOF file ${f.fileName} length. stat: No such file or directory`);
        return 'AOF_FAILED';
      }
      totalSize += data.length;
    }
    if (totalSize === 0) return 'AOF_EMPTY';
    this.loading = true;
    let ret: AofLoadStatus = 'AOF_OK';
    let baseSize = 0;
    let keys = 0;
    try {
      for (let n = 0; n < files.length; n++) {
        const f = files[n];
        const isBase = am.base !== null && n === 0;
        const lastFile = n === files.length - 1;
        if (isBase) baseSize = this.server.disk.read(this.aofPath(f.fileName))?.length ?? 0;
        const result = this.loadSingleAppendOnlyFile(f.fileName);
        ret = result.status;
        keys += result.keys;
        if (ret === 'AOF_OK' || (ret === 'AOF_TRUNCATED' && lastFile)) {
          this.log('notice', `DB loaded from ${isBase ? 'base' : 'incr'} file ${f.fileName}: ${this.loadSeconds(result.keys, result.bytes)} seconds`);
        }
        if (!isBase && ret === 'AOF_EMPTY') ret = 'AOF_OK';
        if (ret === 'AOF_TRUNCATED' && !lastFile) {
          ret = 'AOF_FAILED';
          this.log('warning', 'Fatal error: the truncated file is not the last file');
        }
        if (ret === 'AOF_OPEN_ERR' || ret === 'AOF_FAILED') return ret;
      }
    } finally {
      this.loading = false;
    }
    this.aofCurrentSize = totalSize;
    this.aofRewriteBaseSize = baseSize;
    this.lastLoadSeconds = this.loadSeconds(keys, totalSize);
    return ret;
  }

  /** `loadSingleAppendOnlyFile`: an RDB base (or preamble) and/or commands in RESP. */
  private loadSingleAppendOnlyFile(fileName: string): { status: AofLoadStatus; keys: number; bytes: number } {
    const path = this.aofPath(fileName);
    const data = this.server.disk.read(path);
    if (data === null) {
      this.log('warning', `The append log file ${fileName} doesn't exist: No such file or directory`);
      return { status: 'AOF_NOT_EXIST', keys: 0, bytes: 0 };
    }
    if (data.length === 0) return { status: 'AOF_EMPTY', keys: 0, bytes: 0 };
    let start = 0;
    let keys = 0;
    if (data.startsWith('REDIS')) {
      const oldStyle = fileName === this.appendFilename();
      this.log('notice', oldStyle ? 'Reading RDB preamble from AOF file...' : 'Reading RDB base file on AOF loading...');
      const loaded = this.loadRdb(data, { fromAofBase: true, replication: false });
      if (!loaded.ok) {
        this.log('warning', oldStyle
          ? `Error reading the RDB preamble of the AOF file ${fileName}, AOF loading aborted`
          : `Error reading the RDB base file ${fileName}, AOF loading aborted`);
        return { status: 'AOF_FAILED', keys: 0, bytes: data.length };
      }
      keys = loaded.keys;
      start = loaded.end;
      if (oldStyle) this.log('notice', 'Reading the remaining AOF tail...');
    }
    const { commands, end } = readAofCommands(data, start);
    const replay = this.replayCommands(commands, fileName, start);
    if (replay.unknownCommand) return { status: 'AOF_FAILED', keys, bytes: data.length };
    let validUpTo = replay.validUpTo;
    let truncated = end.kind === 'truncated';
    if (end.kind === 'format') {
      this.log('warning', `Bad file format reading the append only file ${fileName}: make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>`);
      return { status: 'AOF_FAILED', keys, bytes: data.length };
    }
    if (end.kind === 'ok' && replay.inMulti) {
      this.log('warning', `Revert incomplete MULTI/EXEC transaction in AOF file ${fileName}`);
      validUpTo = replay.validBeforeMulti;
      truncated = true;
    }
    if (!truncated) return { status: 'AOF_OK', keys, bytes: data.length };
    if (this.configBool('aof-load-truncated', true)) {
      this.log('warning', `!!! Warning: short read while loading the AOF file ${fileName}!!!`);
      this.log('warning', `!!! Truncating the AOF ${fileName} at offset ${validUpTo} !!!`);
      this.server.disk.write(path, data.slice(0, validUpTo));
      this.log('warning', `AOF ${fileName} loaded anyway because aof-load-truncated is enabled`);
      return { status: 'AOF_TRUNCATED', keys, bytes: data.length };
    }
    this.log('warning', `Unexpected end of file reading the append only file ${fileName}. You can: 1) Make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>. 2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the server.`);
    return { status: 'AOF_FAILED', keys, bytes: data.length };
  }

  /**
   * Runs an AOF's commands through a fake client, as Redis does: no replies, no propagation,
   * MULTI … EXEC applied at EXEC. Returns the offset after the last command applied and the
   * state a file ending inside MULTI needs.
   */
  private replayCommands(commands: AofCommand[], fileName: string, start: number): {
    validUpTo: number; inMulti: boolean; validBeforeMulti: number; unknownCommand: boolean;
  } {
    const fake = new Client(0, -1, { host: '', port: 0 }, { host: '', port: 0 }, this.server.nowMs, true);
    let validUpTo = start;
    let validBeforeMulti = start;
    let queue: Bytes[][] | null = null;
    for (const cmd of commands) {
      const meta = this.server.lookupCommand(cmd.argv);
      if (!meta) {
        this.log('warning', `Unknown command '${cmd.argv[0]}' reading the append only file ${fileName}`);
        return { validUpTo, inMulti: queue !== null, validBeforeMulti, unknownCommand: true };
      }
      if (meta.name === 'multi') {
        validBeforeMulti = validUpTo;
        queue = [];
      } else if (meta.name === 'exec') {
        for (const argv of queue ?? []) this.applyLoadedCommand(fake, argv);
        queue = null;
      } else if (queue) {
        queue.push(cmd.argv);
      } else {
        this.applyLoadedCommand(fake, cmd.argv);
      }
      validUpTo = cmd.end;
    }
    return { validUpTo, inMulti: queue !== null, validBeforeMulti, unknownCommand: false };
  }

  private applyLoadedCommand(fake: Client, argv: Bytes[]): void {
    const meta = this.server.lookupCommand(argv);
    if (!meta) return;
    if (meta.name === 'select') {
      const id = Number(argv[1]);
      if (Number.isInteger(id) && id >= 0 && id < this.server.dbs.length) fake.db = id;
      return;
    }
    const handler = lookupHandler(meta.name);
    if (!handler) return;
    try {
      handler.apply(this.server.context(fake), handler.parse(argv));
    } catch (e) {
      if (!(e instanceof ReplyError)) throw e;
    }
  }

  /**
   * `aofOpenIfNeededOnServerStart`: with appendonly on, creates the base file of an empty
   * AOF, opens (or creates) the last incr file, and writes the manifest.
   */
  private aofOpenIfNeededOnServerStart(): boolean {
    if (this.aofState !== 'AOF_ON') return true;
    this.server.disk.mkdir(this.aofDir());
    const hadIncr = this.manifest.incr.length > 0;
    if (!this.manifest.base && !hadIncr) {
      const baseName = newBaseFile(this.manifest, this.appendFilename());
      this.server.disk.write(this.aofPath(baseName), this.encodeDataset(null, true));
      this.log('notice', `Creating AOF base file ${baseName} on server start`);
    }
    const incrName = hadIncr ? this.manifest.incr[this.manifest.incr.length - 1].fileName : newIncrFile(this.manifest, this.appendFilename());
    if (!this.server.disk.exists(this.aofPath(incrName))) this.server.disk.write(this.aofPath(incrName), '');
    this.aofIncrName = incrName;
    this.aofSelectedDb = -1;
    this.persistManifest(this.manifest);
    this.log('notice', hadIncr ? `Opening AOF incr file ${incrName} on server start` : `Creating AOF incr file ${incrName} on server start`);
    return true;
  }

  private persistManifest(am: AofManifest): void {
    this.server.disk.write(this.aofPath(`${this.appendFilename()}.manifest`), formatManifest(am));
  }

  /** `aofDelHistoryFiles`: deletes the history files and drops them from the manifest. */
  private aofDelHistoryFiles(): void {
    if (this.manifest.history.length === 0) return;
    for (const h of this.manifest.history) {
      this.log('notice', `Removing the history file ${h.fileName} in the background`);
      this.server.disk.remove(this.aofPath(h.fileName));
    }
    this.manifest.history = [];
    this.persistManifest(this.manifest);
  }

  /**
   * The replication info of the RDB loaded at startup (its repl-id, repl-offset and
   * repl-stream-db AUX fields), or null when it had none: what a restarted replica builds its
   * cached primary from ("Before turning into a replica, using my own master parameters…").
   */
  lastLoadedReplInfo(): RdbSaveInfo | null {
    return this.lastLoadedRsi;
  }

  // ---------------------------------------------------------------------------------------
  // Time
  // ---------------------------------------------------------------------------------------

  /** serverCron's persistence duties: child exits, scheduled jobs, save points. */
  cron(nowMs: number): void {
    this.syncAppendonlyConfig();
    this.flushChildLines(nowMs);
    if (!this.child && this.aofRewriteScheduled) this.rewriteAppendOnlyFileBackground();
    if (this.child) {
      this.checkChildrenDone(nowMs);
    } else {
      const nowSec = this.unixSec(nowMs);
      for (const [seconds, changes] of this.saveParams()) {
        if (
          this.server.dirty >= changes &&
          nowSec - this.unixSec(this.lastSaveMs) > seconds &&
          (nowSec - this.unixSec(this.lastBgsaveTryMs) > BGSAVE_RETRY_DELAY_SEC || this.lastBgsaveOk)
        ) {
          this.log('notice', `${changes} changes in ${seconds} seconds. Saving...`);
          this.rdbSaveBackground(this.saveInfo());
          break;
        }
      }
    }
    if (
      !this.child && this.rdbBgsaveScheduled &&
      (this.unixSec(nowMs) - this.unixSec(this.lastBgsaveTryMs) > BGSAVE_RETRY_DELAY_SEC || this.lastBgsaveOk)
    ) {
      if (this.rdbSaveBackground(this.saveInfo())) this.rdbBgsaveScheduled = false;
    }
  }

  /** The `save` directive as (seconds, changes) pairs. */
  private saveParams(): [number, number][] {
    return this.server.config.saveParams();
  }

  /** Once a second: the AOF fsync of `everysec`, and the kernel writeback for `no`. */
  everySecond(nowMs: number): void {
    this.syncAppendonlyConfig();
    this.beforeSleep();
    if (this.aofUnsyncedSinceMs === null) return;
    const policy = this.server.config.get('appendfsync');
    if (policy === 'everysec' || (policy === 'no' && nowMs - this.aofUnsyncedSinceMs >= KERNEL_WRITEBACK_MS)) this.fsyncAof();
  }

  /** Called when DEBUG SLEEP ends: the first event-loop pass after it fsyncs a due `everysec` write. */
  afterFreeze(nowMs: number): void {
    this.beforeSleep();
    if (this.aofUnsyncedSinceMs !== null && this.server.config.get('appendfsync') === 'everysec' && nowMs - this.aofUnsyncedSinceMs >= 1000) this.fsyncAof();
  }

  /**
   * The end of an event-loop iteration (`beforeSleep` → `flushAppendOnlyFile`): what commands
   * fed is written to the incr file. It is in the page cache now: it survives `kill -9`.
   */
  beforeSleep(): void {
    if (this.aofBuf === '' || this.aofIncrName === null) return;
    this.server.disk.append(this.aofPath(this.aofIncrName), this.aofBuf);
    this.aofBuf = '';
    if (this.aofUnsyncedSinceMs === null) this.aofUnsyncedSinceMs = this.server.nowMs;
  }

  /** fsync of the incr file: what was written becomes durable. */
  private fsyncAof(): void {
    if (this.aofIncrName !== null) this.server.disk.fsync(this.aofPath(this.aofIncrName));
    this.aofUnsyncedSinceMs = null;
  }

  // ---------------------------------------------------------------------------------------
  // Children
  // ---------------------------------------------------------------------------------------

  /** `hasActiveChildProcess`. */
  hasActiveChild(): boolean {
    return this.child !== null;
  }

  /** The pid of the next forked child: the server's pid plus a counter. */
  private nextChildPid(): number {
    return this.server.pid + ++this.forkCounter;
  }

  /**
   * For replication (`rdbSaveToSlavesSockets`): forks a child of type RDB that streams
   * `payloadBytes` of RDB to replicas. Returns its pid, or null when another child is active.
   * While it runs, BGSAVE answers "already in progress" and INFO shows rdb_bgsave_in_progress:1.
   * It logs `childLines` (with its pid, role C) when it exits after the modelled duration;
   * `onExit(nowMs)` then runs at the serverCron tick that notices it (log "Background RDB
   * transfer terminated with success" there).
   */
  forkChild(spec: { keys: number; payloadBytes: number; childLines: string[]; onExit(nowMs: number): void }): number | null {
    if (this.child) return null;
    const pid = this.nextChildPid();
    const now = this.server.nowMs;
    this.rdbSaveTimeStartMs = now;
    this.child = {
      type: 'CHILD_TYPE_RDB', pid, startMs: now,
      exitMs: now + this.childDurationMs(spec.keys, spec.payloadBytes),
      lines: spec.childLines.map((message) => ({ level: 'notice' as const, message })),
      linesLogged: false,
      onExit: (t) => {
        this.rdbSaveTimeLastSec = this.unixSec(t) - this.unixSec(this.rdbSaveTimeStartMs);
        spec.onExit(t);
      },
    };
    return pid;
  }

  private flushChildLines(nowMs: number): void {
    const c = this.child;
    if (!c || c.linesLogged || nowMs < c.exitMs) return;
    c.linesLogged = true;
    for (const l of c.lines) this.childLog(c.pid, c.exitMs, l.level, l.message);
  }

  /** `checkChildrenDone`: handles a child that exited by now. */
  private checkChildrenDone(nowMs: number): void {
    const c = this.child;
    if (!c || nowMs < c.exitMs) return;
    this.flushChildLines(nowMs);
    this.child = null;
    c.onExit(nowMs);
    const hooks = this.replicationHooks();
    if (!this.child && typeof hooks.startPendingFork === 'function') hooks.startPendingFork.call(this.server.replication, nowMs);
  }

  /**
   * FLUSHALL's reset of the RDB (`flushAllDataAndResetRDB`): a running BGSAVE child is killed
   * (its snapshot holds the data just deleted), then an empty RDB is saved at once when save
   * points are configured, so a restart cannot bring the data back.
   */
  resetAfterFlushAll(): void {
    if (this.child?.type === 'CHILD_TYPE_RDB') this.killChild();
    if (this.saveParams().length > 0) this.rdbSave(this.saveInfo());
  }

  /** Kills the child (SIGUSR1: not an error), as `killRDBChild` / `killAppendOnlyChild` do. */
  private killChild(): void {
    const c = this.child;
    if (!c) return;
    this.child = null;
    c.onKill?.();
  }

  // ---------------------------------------------------------------------------------------
  // RDB saving
  // ---------------------------------------------------------------------------------------

  /** `rdbSave`: writes the RDB file now (the caller logs around it). */
  private rdbSave(rsi: RdbSaveInfo | null): boolean {
    this.server.disk.write(this.rdbPath(), this.encodeDataset(rsi, false));
    this.log('notice', 'DB saved on disk');
    this.server.dirty = 0;
    this.lastSaveMs = this.server.nowMs;
    this.lastBgsaveOk = true;
    return true;
  }

  /**
   * SAVE: a synchronous RDB save (logs `DB saved on disk`). Throws ReplyError
   * (`ERR Background save already in progress`) while a BGSAVE child runs; false on failure.
   */
  saveNow(): boolean {
    if (this.child?.type === 'CHILD_TYPE_RDB') throw new ReplyError('ERR Background save already in progress');
    this.statRdbSaves++;
    return this.rdbSave(this.saveInfo());
  }

  /** `rdbSaveBackground`: forks the BGSAVE child. False when another child is active. */
  private rdbSaveBackground(rsi: RdbSaveInfo | null): boolean {
    if (this.child) return false;
    this.statRdbSaves++;
    const now = this.server.nowMs;
    this.dirtyBeforeBgsave = this.server.dirty;
    this.lastBgsaveTryMs = now;
    const payload = this.encodeDataset(rsi, false);
    const pid = this.nextChildPid();
    const path = this.rdbPath();
    this.child = {
      type: 'CHILD_TYPE_RDB', pid, startMs: now,
      exitMs: now + this.childDurationMs(this.keyCount(), payload.length),
      lines: [
        { level: 'notice', message: 'DB saved on disk' },
        { level: 'notice', message: 'Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB' },
      ],
      linesLogged: false,
      onExit: (t) => {
        this.server.disk.write(path, payload);
        this.log('notice', 'Background saving terminated with success');
        this.server.dirty -= this.dirtyBeforeBgsave;
        this.lastSaveMs = t;
        this.lastBgsaveOk = true;
        this.rdbSaveTimeLastSec = this.unixSec(t) - this.unixSec(now);
      },
    };
    this.log('notice', `Background saving started by pid ${pid}`);
    this.rdbSaveTimeStartMs = now;
    return true;
  }

  /**
   * BGSAVE [SCHEDULE]: starts a background save; returns the status text for the reply
   * (`Background saving started`, `Background saving scheduled`) or throws ReplyError
   * (`ERR Background save already in progress`, or the "Another child process is active"
   * error when an AOF rewrite runs and SCHEDULE was not given).
   */
  bgsave(schedule: boolean): string {
    if (this.child?.type === 'CHILD_TYPE_RDB') throw new ReplyError('ERR Background save already in progress');
    if (this.child || this.server.inExec) {
      if (schedule || this.server.inExec) {
        this.rdbBgsaveScheduled = true;
        return 'Background saving scheduled';
      }
      throw new ReplyError("ERR Another child process is active (AOF?): can't BGSAVE right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.");
    }
    this.rdbSaveBackground(this.saveInfo());
    return 'Background saving started';
  }

  /**
   * The dataset as an RDB file, for full syncs. `rsi` is the replication info to embed
   * (repl-stream-db, repl-id, repl-offset); by default replication's `rdbSaveInfo()` when
   * it provides one.
   */
  snapshotRdb(rsi?: RdbSaveInfo | null): Bytes {
    return this.encodeDataset(rsi === undefined ? this.saveInfo() : rsi, false);
  }

  // ---------------------------------------------------------------------------------------
  // Full sync on a replica
  // ---------------------------------------------------------------------------------------

  /**
   * What `readSyncBulkPayload` does before "Flushing old data": stops the AOF (it restarts
   * with {@link restartAofAfterSync}) and kills a running RDB child. Idempotent; also done by
   * {@link loadRdbPayload}.
   */
  prepareFullSyncLoad(): void {
    if (this.aofState !== 'AOF_OFF') this.stopAppendOnly();
    if (this.child?.type === 'CHILD_TYPE_RDB') {
      this.log('notice', `Replica is about to load the RDB file received from the master, but there is a pending RDB child running. Killing process ${this.child.pid} and removing its temp file to avoid any race`);
      this.killChild();
    }
  }

  /**
   * Replaces the dataset with a primary's RDB payload (a replica's full sync, loaded from
   * disk as Redis 7.0 does by default): the payload becomes `dbfilename`, the databases are
   * emptied, the file is loaded with the "Loading RDB produced by…" … "Done loading RDB…"
   * lines. Returns the counts, or null when the payload is unreadable (its error is logged).
   */
  loadRdbPayload(rdb: Bytes): { keysLoaded: number; keysExpired: number } {
    this.prepareFullSyncLoad();
    this.server.disk.write(this.rdbPath(), rdb);
    for (const db of this.server.dbs) db.clear();
    this.loading = true;
    try {
      const r = this.loadRdb(rdb, { fromAofBase: false, replication: true });
      return r.ok ? { keysLoaded: r.keys, keysExpired: r.expired } : { keysLoaded: 0, keysExpired: 0 };
    } finally {
      this.loading = false;
    }
  }

  /**
   * `restartAOFAfterSYNC`: after a successful full sync ("MASTER <-> REPLICA sync: Finished
   * with success"), turns the AOF back on when `appendonly` is set — a background rewrite
   * with the "Creating AOF incr file temp-…" lines.
   */
  restartAofAfterSync(): void {
    if (this.server.config.bool('appendonly') && this.aofState === 'AOF_OFF') this.startAppendOnly();
  }

  // ---------------------------------------------------------------------------------------
  // AOF at run time
  // ---------------------------------------------------------------------------------------

  /**
   * Applies the `appendonly` directive when it changed (CONFIG SET): `startAppendOnly` or
   * `stopAppendOnly`. Returns Redis's error text when the AOF cannot be turned on.
   */
  syncAppendonlyConfig(): string | null {
    if (!this.started) return null;
    const wanted = this.server.config.bool('appendonly');
    if (wanted && this.aofState === 'AOF_OFF') {
      if (!this.startAppendOnly()) return 'Unable to turn on AOF. Check server logs.';
    } else if (!wanted && this.aofState !== 'AOF_OFF') {
      this.stopAppendOnly();
    }
    return null;
  }

  /** `stopAppendOnly`: fsyncs and closes the AOF, kills a rewrite child. Logs nothing. */
  private stopAppendOnly(): void {
    this.flushAof();
    this.aofIncrName = null;
    this.aofSelectedDb = -1;
    this.aofState = 'AOF_OFF';
    this.aofRewriteScheduled = false;
    if (this.child?.type === 'CHILD_TYPE_AOF') this.killAppendOnlyChild();
    this.aofBuf = '';
  }

  private killAppendOnlyChild(): void {
    if (this.child?.type !== 'CHILD_TYPE_AOF') return;
    this.log('notice', `Killing running AOF rewrite child: ${this.child.pid}`);
    this.killChild();
    this.aofRewriteTimeStartMs = 0;
  }

  /** `startAppendOnly`: WAIT_REWRITE, then a background rewrite (now, or once possible). */
  private startAppendOnly(): boolean {
    this.aofState = 'AOF_WAIT_REWRITE';
    if (this.child && this.child.type !== 'CHILD_TYPE_AOF') {
      this.aofRewriteScheduled = true;
      this.log('warning', 'AOF was enabled but there is already another background operation. An AOF background was scheduled to start when possible.');
    } else if (this.server.inExec) {
      this.aofRewriteScheduled = true;
      this.log('warning', 'AOF was enabled during a transaction. An AOF background was scheduled to start when possible.');
    } else {
      if (this.child?.type === 'CHILD_TYPE_AOF') {
        this.log('warning', 'AOF was enabled but there is already an AOF rewriting in background. Stopping background AOF and starting a rewrite now.');
        this.killAppendOnlyChild();
      }
      if (!this.rewriteAppendOnlyFileBackground()) {
        this.aofState = 'AOF_OFF';
        this.log('warning', "Redis needs to enable the AOF but can't trigger a background AOF rewrite operation. Check the above logs for more info about the error.");
        return false;
      }
    }
    return true;
  }

  /**
   * BGREWRITEAOF: returns the status text (`Background append only file rewriting started` /
   * `… scheduled`) or throws ReplyError.
   */
  bgrewriteaof(): string {
    if (this.child?.type === 'CHILD_TYPE_AOF') throw new ReplyError('ERR Background append only file rewriting already in progress');
    if (this.child || this.server.inExec) {
      this.aofRewriteScheduled = true;
      this.statAofrwConsecutiveFailures = 0;
      return 'Background append only file rewriting scheduled';
    }
    if (this.rewriteAppendOnlyFileBackground()) return 'Background append only file rewriting started';
    throw new ReplyError("ERR Can't execute an AOF background rewriting. Please check the server logs for more information.");
  }

  /**
   * `rewriteAppendOnlyFileBackground`: opens a new incr file (a temp one while the AOF is
   * being turned on), then forks the child that writes the new base file.
   */
  private rewriteAppendOnlyFileBackground(): boolean {
    if (this.child) return false;
    this.server.disk.mkdir(this.aofDir());
    this.aofSelectedDb = -1;
    this.flushAof();
    this.openNewIncrAofForAppend();
    this.statAofRewrites++;
    const now = this.server.nowMs;
    const payload = this.encodeDataset(null, true);
    const pid = this.nextChildPid();
    const tmpfile = `temp-rewriteaof-bg-${pid}.aof`;
    this.child = {
      type: 'CHILD_TYPE_AOF', pid, startMs: now,
      exitMs: now + this.childDurationMs(this.keyCount(), payload.length),
      lines: [
        { level: 'notice', message: `Successfully created the temporary AOF base file ${tmpfile}` },
        { level: 'notice', message: 'Fork CoW for AOF rewrite: current 0 MB, peak 0 MB, average 0 MB' },
      ],
      linesLogged: false,
      onExit: (t) => this.backgroundRewriteDone(t, tmpfile, payload),
      onKill: () => this.afterRewriteCleanup(),
    };
    this.log('notice', `Background append only file rewriting started by pid ${pid}`);
    this.aofRewriteScheduled = false;
    this.aofRewriteTimeStartMs = now;
    return true;
  }

  /** `openNewIncrAofForAppend`. */
  private openNewIncrAofForAppend(): void {
    if (this.aofState === 'AOF_OFF') return;
    let name: string;
    if (this.aofState === 'AOF_WAIT_REWRITE') {
      name = tempIncrFile(this.appendFilename());
    } else {
      const am = cloneManifest(this.manifest);
      name = newIncrFile(am, this.appendFilename());
      this.persistManifest(am);
      this.manifest = am;
    }
    this.server.disk.write(this.aofPath(name), '');
    this.log('notice', `Creating AOF incr file ${name} on background rewrite`);
    this.aofIncrName = name;
  }

  /** `backgroundRewriteDoneHandler` for a successful child. */
  private backgroundRewriteDone(nowMs: number, tmpfile: string, payload: Bytes): void {
    const disk = this.server.disk;
    this.log('notice', 'Background AOF rewrite terminated with success');
    const tmpPath = absolutePath(this.dataDir(), tmpfile);
    disk.write(tmpPath, payload);
    const am = cloneManifest(this.manifest);
    const baseName = newBaseFile(am, this.appendFilename());
    disk.rename(tmpPath, this.aofPath(baseName));
    this.log('notice', `Successfully renamed the temporary AOF base file ${tmpfile} into ${baseName}`);
    if (this.aofState === 'AOF_WAIT_REWRITE') {
      const tempName = tempIncrFile(this.appendFilename());
      this.flushAof();
      const incrName = newIncrFile(am, this.appendFilename());
      disk.rename(this.aofPath(tempName), this.aofPath(incrName));
      if (!disk.exists(this.aofPath(incrName))) disk.write(this.aofPath(incrName), '');
      this.aofIncrName = incrName;
      this.log('notice', `Successfully renamed the temporary AOF incr file ${tempName} into ${incrName}`);
    }
    markRewrittenIncrAsHistory(am, this.aofIncrName !== null);
    this.persistManifest(am);
    this.manifest = am;
    if (this.aofState !== 'AOF_OFF') {
      const incrSize = this.aofIncrName ? (disk.read(this.aofPath(this.aofIncrName))?.length ?? 0) + this.aofBuf.length : 0;
      this.aofCurrentSize = payload.length + incrSize;
      this.aofRewriteBaseSize = this.aofCurrentSize;
    }
    this.aofDelHistoryFiles();
    this.aofLastBgrewriteOk = true;
    this.statAofrwConsecutiveFailures = 0;
    this.log('notice', 'Background AOF rewrite finished successfully');
    if (this.aofState === 'AOF_WAIT_REWRITE') this.aofState = 'AOF_ON';
    this.aofRewriteTimeLastSec = this.unixSec(nowMs) - this.unixSec(this.aofRewriteTimeStartMs);
    this.aofRewriteTimeStartMs = 0;
  }

  /** The cleanup of a killed rewrite: a half-enabled AOF drops its temp incr file. */
  private afterRewriteCleanup(): void {
    if (this.aofState === 'AOF_WAIT_REWRITE') {
      this.aofBuf = '';
      const name = tempIncrFile(this.appendFilename());
      this.log('notice', `Removing the temp incr aof file ${name} in the background`);
      this.server.disk.remove(this.aofPath(name));
    }
    this.aofRewriteTimeStartMs = 0;
  }

  /**
   * Appends a propagated command to the AOF (`feedAppendOnlyFile`), preceded by a SELECT when
   * the database differs from the last one written. While the AOF is being turned on, only a
   * running rewrite's temp incr file collects commands.
   */
  feed(dbId: number, argv: Bytes[]): void {
    this.syncAppendonlyConfig();
    if (this.loading) return;
    if (!(this.aofState === 'AOF_ON' || (this.aofState === 'AOF_WAIT_REWRITE' && this.child?.type === 'CHILD_TYPE_AOF'))) return;
    let buf = '';
    if (dbId !== this.aofSelectedDb) {
      buf += encodeCommand(['SELECT', String(dbId)]);
      this.aofSelectedDb = dbId;
    }
    buf += encodeCommand(argv);
    this.aofBuf += buf;
    this.aofCurrentSize += buf.length;
    if (this.server.config.get('appendfsync') === 'always') this.flushAof();
  }

  /** Writes the buffered commands to the current incr file and fsyncs it. */
  private flushAof(): void {
    this.beforeSleep();
    this.fsyncAof();
  }

  // ---------------------------------------------------------------------------------------
  // Shutdown
  // ---------------------------------------------------------------------------------------

  /**
   * The persistence part of shutdown (`finishShutdown`): kill a child, fsync the AOF, then
   * save a final RDB when save points are configured (`save === null`), or as SHUTDOWN SAVE /
   * NOSAVE say. False when shutdown must not proceed (the AOF is still being created).
   */
  beforeShutdown(save: boolean | null): boolean {
    if (this.loading) save = false;
    if (this.child?.type === 'CHILD_TYPE_RDB') {
      this.log('warning', 'There is a child saving an .rdb. Killing it!');
      this.killChild();
    }
    if (this.child?.type === 'CHILD_TYPE_AOF') {
      if (this.aofState === 'AOF_WAIT_REWRITE') {
        this.log('warning', "Writing initial AOF, can't exit.");
        return false;
      }
      this.log('warning', 'There is a child rewriting the AOF. Killing it!');
      this.killAppendOnlyChild();
    }
    if (this.aofState !== 'AOF_OFF') {
      this.log('notice', 'Calling fsync() on the AOF file.');
      this.flushAof();
    }
    if ((this.saveParams().length > 0 && save !== false) || save === true) {
      this.log('notice', 'Saving the final RDB snapshot before exiting.');
      if (!this.rdbSave(this.saveInfo())) {
        this.log('warning', "Error trying to save the DB, can't exit.");
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------
  // INFO
  // ---------------------------------------------------------------------------------------

  /** The `# Persistence` section of INFO, as `name:value` lines in Redis 7.0's order. */
  info(): string[] {
    this.syncAppendonlyConfig();
    const now = this.server.nowMs;
    const nowSec = this.unixSec(now);
    const rdbChild = this.child?.type === 'CHILD_TYPE_RDB';
    const aofChild = this.child?.type === 'CHILD_TYPE_AOF';
    const lines = [
      `loading:${this.loading ? 1 : 0}`,
      'async_loading:0',
      'current_cow_peak:0',
      'current_cow_size:0',
      'current_cow_size_age:0',
      'current_fork_perc:0.00',
      'current_save_keys_processed:0',
      'current_save_keys_total:0',
      `rdb_changes_since_last_save:${this.server.dirty}`,
      `rdb_bgsave_in_progress:${rdbChild ? 1 : 0}`,
      `rdb_last_save_time:${this.unixSec(this.lastSaveMs)}`,
      `rdb_last_bgsave_status:${this.lastBgsaveOk ? 'ok' : 'err'}`,
      `rdb_last_bgsave_time_sec:${this.rdbSaveTimeLastSec}`,
      `rdb_current_bgsave_time_sec:${rdbChild ? nowSec - this.unixSec(this.rdbSaveTimeStartMs) : -1}`,
      `rdb_saves:${this.statRdbSaves}`,
      'rdb_last_cow_size:0',
      `rdb_last_load_keys_expired:${this.rdbLastLoadKeysExpired}`,
      `rdb_last_load_keys_loaded:${this.rdbLastLoadKeysLoaded}`,
      `aof_enabled:${this.aofState !== 'AOF_OFF' ? 1 : 0}`,
      `aof_rewrite_in_progress:${aofChild ? 1 : 0}`,
      `aof_rewrite_scheduled:${this.aofRewriteScheduled ? 1 : 0}`,
      `aof_last_rewrite_time_sec:${this.aofRewriteTimeLastSec}`,
      `aof_current_rewrite_time_sec:${aofChild ? nowSec - this.unixSec(this.aofRewriteTimeStartMs) : -1}`,
      `aof_last_bgrewrite_status:${this.aofLastBgrewriteOk ? 'ok' : 'err'}`,
      `aof_rewrites:${this.statAofRewrites}`,
      `aof_rewrites_consecutive_failures:${this.statAofrwConsecutiveFailures}`,
      'aof_last_write_status:ok',
      'aof_last_cow_size:0',
      'module_fork_in_progress:0',
      'module_fork_last_cow_size:0',
    ];
    if (this.server.config.bool('appendonly')) {
      lines.push(
        `aof_current_size:${this.aofCurrentSize}`,
        `aof_base_size:${this.aofRewriteBaseSize}`,
        `aof_pending_rewrite:${this.aofRewriteScheduled ? 1 : 0}`,
        'aof_buffer_length:0',
        'aof_pending_bio_fsync:0',
        'aof_delayed_fsync:0',
      );
    }
    return lines;
  }

  /** `server.aof_state`, for INFO elsewhere and for tests. */
  get aofStateNow(): AofState {
    return this.aofState;
  }
}

/** A rough byte count of a value (for used-mem). */
function valueBytes(v: RedisValue): number {
  switch (v.type) {
    case 'string':
      return v.value.length;
    case 'list':
      return v.value.reduce((n, s) => n + 16 + s.length, 0);
    case 'hash': {
      let n = 0;
      for (const [f, x] of v.value) n += 32 + f.length + x.length;
      return n;
    }
    case 'set': {
      let n = 0;
      for (const m of v.value) n += 24 + m.length;
      return n;
    }
  }
}

/** The replication info of an RDB's AUX fields when complete and valid, as `loadDataFromDisk` checks it. */
function rsiFromAux(aux: [Bytes, Bytes][]): RdbSaveInfo | null {
  let replid: string | null = null;
  let offset = -1;
  let streamDb = -1;
  for (const [k, v] of aux) {
    const key = k.toLowerCase();
    if (key === 'repl-id' && v.length === 40) replid = v;
    else if (key === 'repl-offset') offset = Number.parseInt(v, 10);
    else if (key === 'repl-stream-db') streamDb = Number.parseInt(v, 10);
  }
  if (replid === null || !(offset >= 0) || !(streamDb >= 0)) return null;
  return { replid, offset, streamDb };
}
