/**
 * Goal: a node persists to its virtual disk as Redis 7.0.15 does and says so with Redis's log
 * lines: the multi-part AOF created at start and reloaded at restart, RDB-only restarts, SAVE,
 * BGSAVE as a forked child, save points, the final save at shutdown, BGREWRITEAOF and CONFIG SET
 * appendonly, the loss window of each appendfsync policy (kill -9 versus a power cut), truncated and broken AOFs, the
 * full-sync load of a replica, and INFO's `# Persistence` section.
 * Method: run nodes on the engine harness with a logfile; a "kill -9" is modelled by dropping
 * the node and starting another on the same disk. Log lines are compared byte for byte after
 * removing the pid and timestamp (expected sequences come from the fidelity recordings in
 * ../shared/fidelity and from runs of real redis-server 7.0.15).
 */
import { describe, expect, it } from 'vitest';
import { CWD, START_MS, show, startServer, type TestServer } from '../../support/engine-harness.ts';
import type { RedisServer } from '../../../src/engine/server/server.ts';
import { decodeRdb, type RdbSaveInfo } from '../../../src/engine/persistence/rdb.ts';
import { MemoryDisk } from '../../../src/engine/util/memory-disk.ts';

const AOF_CONF = 'port 6379\nappendonly yes\nappendfilename "appendonly-6379.aof"\nlogfile "redis.log"\n';
const RDB_CONF = 'port 6379\nlogfile "redis.log"\n';
const DIR = `${CWD}/appendonlydir`;

/** Log lines as `<role> <mark> <message>` (pid and timestamp removed). */
function lines(s: TestServer, file = 'redis.log'): string[] {
  return s.log(file).trimEnd().split('\n').map((l) => l.replace(/^\d+:(\w) \d\d \w{3} \d{4} [\d:.]+ ([*#.-]) /, '$1 $2 '));
}

/** The lines logged after the first line matching `from` (inclusive). */
function linesFrom(s: TestServer, from: string, file?: string): string[] {
  const all = lines(s, file);
  const i = all.findIndex((l) => l.includes(from));
  return i === -1 ? [] : all.slice(i);
}

function server(s: TestServer): RedisServer {
  return s.node as unknown as RedisServer;
}

/** SIGTERM, then the cron tick that performs the shutdown. */
function sigterm(s: TestServer): void {
  s.node.handle({ kind: 'signal', signal: 'TERM' }, s.now());
  s.advance(100);
}

/** Starts another process on the same disk, as a restart after a crash or a shutdown. */
function restart(s: TestServer, conf: string, afterMs = 1000, logfile = 'redis2.log'): TestServer {
  return startServer({ disk: s.disk, conf: conf.replace('"redis.log"', `"${logfile}"`), nowMs: s.now() + afterMs, pid: 5000 });
}

const STARTUP = [
  'C # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
  'C # Configuration loaded',
  'M * monotonic clock: POSIX clock_gettime',
  'M * Running mode=standalone, port=6379.',
  'M # Server initialized',
];

describe('AOF at startup', () => {
  it('creates the base and incr files and the manifest on a fresh start', () => {
    const s = startServer({ conf: AOF_CONF });
    expect(linesFrom(s, 'Server initialized')).toEqual([
      'M # Server initialized',
      'M * Creating AOF base file appendonly-6379.aof.1.base.rdb on server start',
      'M * Creating AOF incr file appendonly-6379.aof.1.incr.aof on server start',
      'M * Ready to accept connections',
    ]);
    expect(s.disk.read(`${DIR}/appendonly-6379.aof.manifest`)).toBe(
      'file appendonly-6379.aof.1.base.rdb seq 1 type b\nfile appendonly-6379.aof.1.incr.aof seq 1 type i\n',
    );
    const base = decodeRdb(s.disk.read(`${DIR}/appendonly-6379.aof.1.base.rdb`)!);
    expect(base.aux.map((a) => a[0])).toEqual(['redis-ver', 'redis-bits', 'ctime', 'used-mem', 'aof-base']);
    expect(base.aux[4]).toEqual(['aof-base', '1']);
    expect(s.disk.read(`${DIR}/appendonly-6379.aof.1.incr.aof`)).toBe('');
  });

  it('writes commands in RESP with a SELECT when the database changes', () => {
    const s = startServer({ conf: AOF_CONF + 'appendfsync always\n' });
    const c = s.client();
    c.call('SET', 'a', '1');
    c.call('SELECT', '2');
    c.call('SET', 'b', '2');
    c.call('GET', 'b');
    expect(s.disk.read(`${DIR}/appendonly-6379.aof.1.incr.aof`)).toBe(
      '*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n' +
        '*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n',
    );
  });

  it('shuts down and restarts with the AOF exactly as the fidelity log 6a shows', () => {
    const s = startServer({ conf: AOF_CONF });
    const c = s.client();
    c.call('SET', 'k1', 'v1');
    c.call('SET', 'k2', 'v2');
    sigterm(s);
    expect(s.exitCode).toBe(0);
    expect(linesFrom(s, 'User requested shutdown')).toEqual([
      'M # User requested shutdown...',
      'M * Calling fsync() on the AOF file.',
      'M * Saving the final RDB snapshot before exiting.',
      'M * DB saved on disk',
      'M # Redis is now ready to exit, bye bye...',
    ]);
    const r = restart(s, AOF_CONF, 2000);
    expect(lines(r, 'redis2.log').filter((l) => !l.includes('Redis version='))).toEqual([
      ...STARTUP,
      'M * Reading RDB base file on AOF loading...',
      'M * Loading RDB produced by version 7.0.15',
      'M * RDB age 2 seconds',
      'M * RDB memory usage when created 0.84 Mb',
      'M * RDB is base AOF',
      'M * Done loading RDB, keys loaded: 0, keys expired: 0.',
      'M * DB loaded from base file appendonly-6379.aof.1.base.rdb: 0.000 seconds',
      'M * DB loaded from incr file appendonly-6379.aof.1.incr.aof: 0.000 seconds',
      'M * DB loaded from append only file: 0.000 seconds',
      'M * Opening AOF incr file appendonly-6379.aof.1.incr.aof on server start',
      'M * Ready to accept connections',
    ]);
    const rc = r.client();
    expect(show(rc.call('GET', 'k1'))).toBe('v1');
    expect(show(rc.call('GET', 'k2'))).toBe('v2');
    // Replayed commands count as changes, as in Redis (rdb_changes_since_last_save:2).
    expect(server(r).persistence.info()).toContain('rdb_changes_since_last_save:2');
    expect(server(r).persistence.info()).toContain(`aof_base_size:${s.disk.read(`${DIR}/appendonly-6379.aof.1.base.rdb`)!.length}`);
  });

  it('does not log "DB loaded from incr file" for an empty incr file', () => {
    const s = startServer({ conf: AOF_CONF });
    const r = restart(s, AOF_CONF);
    expect(lines(r, 'redis2.log')).toContain('M * DB loaded from base file appendonly-6379.aof.1.base.rdb: 0.000 seconds');
    expect(lines(r, 'redis2.log').some((l) => l.includes('DB loaded from incr file'))).toBe(false);
  });
});

describe('RDB-only restart', () => {
  it('saves at shutdown and loads dump.rdb at start ("DB loaded from disk")', () => {
    const s = startServer({ conf: RDB_CONF });
    const c = s.client();
    c.call('SET', 'a', '1');
    c.call('RPUSH', 'l', 'x', 'y');
    c.call('SET', 'gone', 'soon', 'PX', '500');
    sigterm(s);
    expect(linesFrom(s, 'User requested shutdown')).toEqual([
      'M # User requested shutdown...',
      'M * Saving the final RDB snapshot before exiting.',
      'M * DB saved on disk',
      'M # Redis is now ready to exit, bye bye...',
    ]);
    const r = restart(s, RDB_CONF, 3000);
    expect(linesFrom(r, 'Server initialized', 'redis2.log')).toEqual([
      'M # Server initialized',
      'M * Loading RDB produced by version 7.0.15',
      'M * RDB age 3 seconds',
      'M * RDB memory usage when created 0.84 Mb',
      'M * Done loading RDB, keys loaded: 2, keys expired: 1.',
      'M * DB loaded from disk: 0.000 seconds',
      'M * Ready to accept connections',
    ]);
    expect(show(r.client().call('LRANGE', 'l', '0', '-1'))).toEqual(['x', 'y']);
    expect(server(r).persistence.info()).toContain('rdb_last_load_keys_expired:1');
  });

  it('keeps the replication info of the RDB and hands it to replication', () => {
    const s = startServer({ conf: RDB_CONF });
    const rsi: RdbSaveInfo = { streamDb: 0, replid: 'afd04f1a2c478238851ed7c501da5be9fcfb4389', offset: 331 };
    Object.assign(server(s).replication, { rdbSaveInfo: () => rsi });
    s.client().call('SET', 'a', '1');
    sigterm(s);
    const aux = decodeRdb(s.disk.read(`${CWD}/dump.rdb`)!).aux;
    expect(aux.slice(4)).toEqual([['repl-stream-db', '0'], ['repl-id', rsi.replid], ['repl-offset', '331'], ['aof-base', '0']]);
    const restored: RdbSaveInfo[] = [];
    const proto = Object.getPrototypeOf(server(s).replication) as Record<string, unknown>;
    proto.restoreFromRdb = (info: RdbSaveInfo) => restored.push(info);
    try {
      const r = restart(s, RDB_CONF);
      expect(server(r).persistence.lastLoadedReplInfo()).toEqual(rsi);
      expect(restored).toEqual([rsi]);
    } finally {
      delete proto.restoreFromRdb;
    }
  });

  it('refuses a file that is not an RDB, as Redis does', () => {
    const disk = new MemoryDisk();
    disk.write(`${CWD}/dump.rdb`, 'hello');
    const s = startServer({ disk, conf: RDB_CONF });
    expect(s.exitCode).toBe(1);
    expect(lines(s).slice(-2)).toEqual(['M # Wrong signature trying to load DB from file', 'M # Fatal error loading the DB: Invalid argument. Exiting.']);
  });
});

describe('SAVE, BGSAVE and save points', () => {
  it('SAVE logs "DB saved on disk" and resets the change counter and LASTSAVE', () => {
    const s = startServer({ conf: RDB_CONF });
    s.client().call('SET', 'a', '1');
    s.advance(3000);
    const p = server(s).persistence;
    expect(p.info()).toContain('rdb_changes_since_last_save:1');
    expect(p.saveNow()).toBe(true);
    expect(lines(s).at(-1)).toBe('M * DB saved on disk');
    expect(p.info()).toContain('rdb_changes_since_last_save:0');
    expect(p.lastSaveMs).toBe(s.now());
    expect(p.info()).toContain('rdb_saves:1');
    expect(decodeRdb(s.disk.read(`${CWD}/dump.rdb`)!).dbs[0].entries.map((e) => e.key)).toEqual(['a']);
  });

  it('BGSAVE forks a child that logs with its own pid, then the parent reports at the next cron tick', () => {
    const s = startServer({ conf: RDB_CONF });
    s.client().call('SET', 'a', '1');
    const p = server(s).persistence;
    expect(p.bgsave(false)).toBe('Background saving started');
    expect(p.info()).toContain('rdb_bgsave_in_progress:1');
    expect(() => p.bgsave(false)).toThrow('ERR Background save already in progress');
    expect(() => p.saveNow()).toThrow('ERR Background save already in progress');
    expect(s.disk.exists(`${CWD}/dump.rdb`)).toBe(false);
    s.advance(200);
    const raw = s.log().trimEnd().split('\n').slice(-4);
    expect(raw.map((l) => l.split(' ')[0])).toEqual(['4242:M', '4243:C', '4243:C', '4242:M']);
    expect(linesFrom(s, 'Background saving started')).toEqual([
      'M * Background saving started by pid 4243',
      'C * DB saved on disk',
      'C * Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB',
      'M * Background saving terminated with success',
    ]);
    expect(s.disk.exists(`${CWD}/dump.rdb`)).toBe(true);
    expect(p.info()).toEqual(expect.arrayContaining(['rdb_bgsave_in_progress:0', 'rdb_last_bgsave_status:ok', 'rdb_last_bgsave_time_sec:0', 'rdb_changes_since_last_save:0']));
  });

  it('counts only the changes made during a BGSAVE afterwards', () => {
    const s = startServer({ conf: RDB_CONF });
    const c = s.client();
    c.call('SET', 'a', '1');
    server(s).persistence.bgsave(false);
    c.call('SET', 'b', '2');
    s.advance(200);
    expect(server(s).persistence.info()).toContain('rdb_changes_since_last_save:1');
    // The child saw the dataset at fork time.
    expect(decodeRdb(s.disk.read(`${CWD}/dump.rdb`)!).dbs[0].entries.map((e) => e.key)).toEqual(['a']);
  });

  it('triggers a save point once enough changes are older than its seconds', () => {
    const s = startServer({ conf: RDB_CONF + 'save 5 2\n' });
    const c = s.client();
    c.call('SET', 'a', '1');
    s.advance(10_000);
    expect(lines(s).some((l) => l.includes('Saving...'))).toBe(false);
    c.call('SET', 'b', '2');
    s.advance(300);
    expect(linesFrom(s, 'changes in')).toEqual([
      'M * 2 changes in 5 seconds. Saving...',
      'M * Background saving started by pid 4243',
      'C * DB saved on disk',
      'C * Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB',
      'M * Background saving terminated with success',
    ]);
  });

  it('SHUTDOWN NOSAVE skips the final save; SHUTDOWN SAVE saves even without save points', () => {
    const a = startServer({ conf: RDB_CONF });
    a.client().call('SET', 'a', '1');
    expect(server(a).shutdown({ save: false })).toBeNull();
    expect(a.disk.exists(`${CWD}/dump.rdb`)).toBe(false);
    const b = startServer({ conf: RDB_CONF + 'save ""\n' });
    b.client().call('SET', 'a', '1');
    expect(server(b).shutdown({ save: null })).toBeNull();
    expect(b.disk.exists(`${CWD}/dump.rdb`)).toBe(false);
    const c = startServer({ conf: RDB_CONF + 'save ""\n' });
    expect(server(c).shutdown({ save: true })).toBeNull();
    expect(linesFrom(c, 'Saving the final')).toEqual(['M * Saving the final RDB snapshot before exiting.', 'M * DB saved on disk', 'M # Redis is now ready to exit, bye bye...']);
  });

  it('honours dir and dbfilename', () => {
    const disk = new MemoryDisk();
    disk.mkdir('/data');
    const s = startServer({ disk, conf: RDB_CONF + 'dir /data\ndbfilename "node.rdb"\n' });
    server(s).persistence.saveNow();
    expect(disk.exists('/data/node.rdb')).toBe(true);
  });
});

describe('the loss window of each appendfsync policy', () => {
  function writeThen(policy: string, waitMs: number, fault: 'kill -9' | 'power cut'): string {
    const s = startServer({ conf: AOF_CONF + `appendfsync ${policy}\n` });
    s.advance(500);
    s.client().call('SET', 'k', 'v');
    s.advance(waitMs);
    // kill -9: the process vanishes, the kernel still holds (and writes back) what it wrote.
    // A power cut also loses what was written but not yet fsynced.
    if (fault === 'power cut') s.disk.powerCut();
    const r = restart(s, AOF_CONF);
    return String(show(r.client().call('GET', 'k')));
  }

  it('kill -9 loses no acknowledged write, whatever the policy (Redis writes every event loop)', () => {
    for (const policy of ['always', 'everysec', 'no']) expect(writeThen(policy, 0, 'kill -9')).toBe('v');
  });

  it('always: every acknowledged write survives a power cut', () => {
    expect(writeThen('always', 0, 'power cut')).toBe('v');
  });

  it('everysec: a power cut loses up to a second of writes', () => {
    expect(writeThen('everysec', 0, 'power cut')).toBe('(nil)');
    expect(writeThen('everysec', 400, 'power cut')).toBe('(nil)');
    expect(writeThen('everysec', 600, 'power cut')).toBe('v');
  });

  it('no: the kernel makes writes durable after 30 s', () => {
    expect(writeThen('no', 5_000, 'power cut')).toBe('(nil)');
    expect(writeThen('no', 29_000, 'power cut')).toBe('(nil)');
    expect(writeThen('no', 31_000, 'power cut')).toBe('v');
  });

  it('a clean shutdown fsyncs whatever the policy', () => {
    const s = startServer({ conf: AOF_CONF + 'appendfsync no\nsave ""\n' });
    s.client().call('SET', 'k', 'v');
    sigterm(s);
    expect(show(restart(s, AOF_CONF).client().call('GET', 'k'))).toBe('v');
  });
});

describe('AOF rewrite', () => {
  it('BGREWRITEAOF opens a new incr file, then replaces the base and removes the history', () => {
    const s = startServer({ conf: AOF_CONF });
    const c = s.client();
    c.call('SET', 'a', '1');
    const p = server(s).persistence;
    expect(p.bgrewriteaof()).toBe('Background append only file rewriting started');
    c.call('SET', 'b', '2');
    expect(() => p.bgrewriteaof()).toThrow('ERR Background append only file rewriting already in progress');
    expect(() => p.bgsave(false)).toThrow("ERR Another child process is active (AOF?): can't BGSAVE right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.");
    expect(p.bgsave(true)).toBe('Background saving scheduled');
    s.advance(200);
    expect(linesFrom(s, 'on background rewrite')).toEqual([
      'M * Creating AOF incr file appendonly-6379.aof.2.incr.aof on background rewrite',
      'M * Background append only file rewriting started by pid 4243',
      'C * Successfully created the temporary AOF base file temp-rewriteaof-bg-4243.aof',
      'C * Fork CoW for AOF rewrite: current 0 MB, peak 0 MB, average 0 MB',
      'M * Background AOF rewrite terminated with success',
      'M * Successfully renamed the temporary AOF base file temp-rewriteaof-bg-4243.aof into appendonly-6379.aof.2.base.rdb',
      'M * Removing the history file appendonly-6379.aof.1.incr.aof in the background',
      'M * Removing the history file appendonly-6379.aof.1.base.rdb in the background',
      'M * Background AOF rewrite finished successfully',
      'M * Background saving started by pid 4244',
      'C * DB saved on disk',
      'C * Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB',
      'M * Background saving terminated with success',
    ]);
    expect(s.disk.list(DIR)).toEqual(['appendonly-6379.aof.2.base.rdb', 'appendonly-6379.aof.2.incr.aof', 'appendonly-6379.aof.manifest']);
    expect(s.disk.read(`${DIR}/appendonly-6379.aof.manifest`)).toBe('file appendonly-6379.aof.2.base.rdb seq 2 type b\nfile appendonly-6379.aof.2.incr.aof seq 2 type i\n');
    expect(decodeRdb(s.disk.read(`${DIR}/appendonly-6379.aof.2.base.rdb`)!).dbs[0].entries.map((e) => e.key)).toEqual(['a']);
    sigterm(s);
    const r = restart(s, AOF_CONF);
    expect(show(r.client().call('MGET', 'a', 'b'))).toEqual(['1', '2']);
  });

  it('CONFIG SET appendonly yes rewrites through a temp incr file, as real Redis logs it', () => {
    const s = startServer({ conf: RDB_CONF });
    const c = s.client();
    c.call('SET', 'a', '1');
    expect(show(c.call('CONFIG', 'SET', 'appendonly', 'yes'))).toBe('OK');
    c.call('SET', 'b', '2');
    s.advance(200);
    expect(linesFrom(s, 'on background rewrite')).toEqual([
      'M * Creating AOF incr file temp-appendonly.aof.incr on background rewrite',
      'M * Background append only file rewriting started by pid 4243',
      'C * Successfully created the temporary AOF base file temp-rewriteaof-bg-4243.aof',
      'C * Fork CoW for AOF rewrite: current 0 MB, peak 0 MB, average 0 MB',
      'M * Background AOF rewrite terminated with success',
      'M * Successfully renamed the temporary AOF base file temp-rewriteaof-bg-4243.aof into appendonly.aof.1.base.rdb',
      'M * Successfully renamed the temporary AOF incr file temp-appendonly.aof.incr into appendonly.aof.1.incr.aof',
      'M * Background AOF rewrite finished successfully',
    ]);
    expect(s.disk.read(`${DIR}/appendonly.aof.1.incr.aof`)).toBe('*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n');
    const info = server(s).persistence.info();
    expect(info).toContain('aof_enabled:1');
    // Real Redis reports base + incr after this rewrite (149 = 99 + 50 on the recorded run).
    expect(info).toContain(`aof_base_size:${s.disk.read(`${DIR}/appendonly.aof.1.base.rdb`)!.length + 50}`);
    expect(show(c.call('CONFIG', 'SET', 'appendonly', 'no'))).toBe('OK');
    c.call('SET', 'c', '3');
    expect(server(s).persistence.info()).toContain('aof_enabled:0');
    expect(s.disk.read(`${DIR}/appendonly.aof.1.incr.aof`)).not.toContain('$1\r\nc\r\n');
  });
});

describe('a replica\'s full sync', () => {
  it('replaces the dataset, keeps the payload as dump.rdb, and rewrites the AOF afterwards (fidelity log-6380)', () => {
    const primary = startServer({ conf: RDB_CONF });
    const pc = primary.client();
    pc.call('SET', 'x', '1');
    pc.call('HSET', 'h', 'f', 'v');
    const payload = server(primary).persistence.snapshotRdb({ streamDb: 0, replid: 'b'.repeat(40), offset: 0 });
    const s = startServer({ conf: 'port 6380\nappendonly yes\nappendfilename "appendonly-6380.aof"\nlogfile "redis.log"\n' });
    s.client().call('SET', 'old', 'gone');
    const p = server(s).persistence;
    p.prepareFullSyncLoad();
    expect(p.loadRdbPayload(payload)).toEqual({ keysLoaded: 2, keysExpired: 0 });
    p.restartAofAfterSync();
    s.advance(200);
    expect(linesFrom(s, 'Loading RDB produced')).toEqual([
      'M * Loading RDB produced by version 7.0.15',
      'M * RDB age 0 seconds',
      'M * RDB memory usage when created 0.84 Mb',
      'M * Done loading RDB, keys loaded: 2, keys expired: 0.',
      'M * Creating AOF incr file temp-appendonly-6380.aof.incr on background rewrite',
      'M * Background append only file rewriting started by pid 4243',
      'C * Successfully created the temporary AOF base file temp-rewriteaof-bg-4243.aof',
      'C * Fork CoW for AOF rewrite: current 0 MB, peak 0 MB, average 0 MB',
      'M * Background AOF rewrite terminated with success',
      'M * Successfully renamed the temporary AOF base file temp-rewriteaof-bg-4243.aof into appendonly-6380.aof.2.base.rdb',
      'M * Successfully renamed the temporary AOF incr file temp-appendonly-6380.aof.incr into appendonly-6380.aof.2.incr.aof',
      'M * Removing the history file appendonly-6380.aof.1.incr.aof in the background',
      'M * Removing the history file appendonly-6380.aof.1.base.rdb in the background',
      'M * Background AOF rewrite finished successfully',
    ]);
    expect(s.disk.read(`${CWD}/dump.rdb`)).toBe(payload);
    const c = s.client();
    expect(show(c.call('GET', 'old'))).toBe('(nil)');
    expect(show(c.call('HGET', 'h', 'f'))).toBe('v');
  });
});

describe('damaged AOFs', () => {
  function withIncr(tail: string, extraConf = ''): TestServer {
    const s = startServer({ conf: AOF_CONF + 'appendfsync always\n' });
    s.client().call('SET', 'a', '1');
    s.disk.append(`${DIR}/appendonly-6379.aof.1.incr.aof`, tail);
    return restart(s, AOF_CONF + extraConf);
  }

  it('loads a truncated incr file and truncates it (aof-load-truncated yes)', () => {
    const r = withIncr('*3\r\n$3\r\nset\r\n$1\r\nz\r\n$2\r\nab');
    expect(linesFrom(r, 'short read', 'redis2.log')).toEqual([
      'M # !!! Warning: short read while loading the AOF file appendonly-6379.aof.1.incr.aof!!!',
      'M # !!! Truncating the AOF appendonly-6379.aof.1.incr.aof at offset 50 !!!',
      'M # AOF appendonly-6379.aof.1.incr.aof loaded anyway because aof-load-truncated is enabled',
      'M * DB loaded from incr file appendonly-6379.aof.1.incr.aof: 0.000 seconds',
      'M * DB loaded from append only file: 0.000 seconds',
      'M * Opening AOF incr file appendonly-6379.aof.1.incr.aof on server start',
      'M * Ready to accept connections',
    ]);
    expect(r.disk.read(`${DIR}/appendonly-6379.aof.1.incr.aof`)!.length).toBe(50);
    expect(show(r.client().call('GET', 'a'))).toBe('1');
  });

  it('refuses to start on a truncated file with aof-load-truncated no', () => {
    const r = withIncr('*3\r\n$3\r\nset', 'aof-load-truncated no\n');
    expect(r.exitCode).toBe(1);
    expect(lines(r, 'redis2.log').at(-1)).toBe(
      "M # Unexpected end of file reading the append only file appendonly-6379.aof.1.incr.aof. You can: 1) Make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>. 2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the server.",
    );
  });

  it('reverts a MULTI without EXEC at the end of the file', () => {
    const r = withIncr('*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n');
    expect(lines(r, 'redis2.log')).toContain('M # Revert incomplete MULTI/EXEC transaction in AOF file appendonly-6379.aof.1.incr.aof');
    expect(lines(r, 'redis2.log')).toContain('M # !!! Truncating the AOF appendonly-6379.aof.1.incr.aof at offset 50 !!!');
    expect(show(r.client().call('GET', 'b'))).toBe('(nil)');
  });

  it('applies a complete MULTI/EXEC block', () => {
    const r = withIncr('*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n*1\r\n$4\r\nEXEC\r\n');
    expect(show(r.client().call('GET', 'b'))).toBe('2');
  });

  it('stops on garbage and on an unknown command', () => {
    const bad = withIncr('garbage\r\n');
    expect(bad.exitCode).toBe(1);
    expect(lines(bad, 'redis2.log').at(-1)).toBe('M # Bad file format reading the append only file appendonly-6379.aof.1.incr.aof: make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>');
    const unknown = withIncr('*1\r\n$5\r\nNOPE!\r\n');
    expect(unknown.exitCode).toBe(1);
    expect(lines(unknown, 'redis2.log').at(-1)).toBe("M # Unknown command 'NOPE!' reading the append only file appendonly-6379.aof.1.incr.aof");
  });

  it('prints the FATAL AOF MANIFEST FILE ERROR block for a broken manifest', () => {
    const s = startServer({ conf: AOF_CONF });
    s.disk.write(`${DIR}/appendonly-6379.aof.manifest`, 'file x seq 1\n');
    const r = restart(s, AOF_CONF);
    expect(r.exitCode).toBe(1);
    expect(r.log('redis2.log')).toMatch(/# \n\*\*\* FATAL AOF MANIFEST FILE ERROR \*\*\*\n\n.* # Reading the manifest file, at line 1\n\n.* # >>> 'file x seq 1'\n\n.* # Invalid AOF manifest file format\n\n$/);
  });
});

describe('INFO persistence', () => {
  /** Field names of `INFO persistence` from redis-server 7.0.15 (appendonly no, then yes). */
  const REAL_FIELDS = [
    'loading', 'async_loading', 'current_cow_peak', 'current_cow_size', 'current_cow_size_age', 'current_fork_perc',
    'current_save_keys_processed', 'current_save_keys_total', 'rdb_changes_since_last_save', 'rdb_bgsave_in_progress',
    'rdb_last_save_time', 'rdb_last_bgsave_status', 'rdb_last_bgsave_time_sec', 'rdb_current_bgsave_time_sec', 'rdb_saves',
    'rdb_last_cow_size', 'rdb_last_load_keys_expired', 'rdb_last_load_keys_loaded', 'aof_enabled', 'aof_rewrite_in_progress',
    'aof_rewrite_scheduled', 'aof_last_rewrite_time_sec', 'aof_current_rewrite_time_sec', 'aof_last_bgrewrite_status',
    'aof_rewrites', 'aof_rewrites_consecutive_failures', 'aof_last_write_status', 'aof_last_cow_size',
    'module_fork_in_progress', 'module_fork_last_cow_size',
  ];
  const AOF_FIELDS = ['aof_current_size', 'aof_base_size', 'aof_pending_rewrite', 'aof_buffer_length', 'aof_pending_bio_fsync', 'aof_delayed_fsync'];

  it('has 7.0\'s fields in order, with the AOF block only when appendonly is on', () => {
    const names = (s: TestServer) => server(s).persistence.info().map((l) => l.split(':')[0]);
    expect(names(startServer({ conf: RDB_CONF }))).toEqual(REAL_FIELDS);
    expect(names(startServer({ conf: AOF_CONF }))).toEqual([...REAL_FIELDS, ...AOF_FIELDS]);
  });

  it('reports real values: last save time, sizes', () => {
    const s = startServer({ conf: AOF_CONF });
    s.client().call('SET', 'a', '1');
    const info = server(s).persistence.info();
    expect(info).toContain(`rdb_last_save_time:${Math.floor(START_MS / 1000)}`);
    // Recorded: a fresh server then `set a 1` → aof_current_size:50, aof_base_size:0.
    expect(info).toContain('aof_current_size:50');
    expect(info).toContain('aof_base_size:0');
  });
});

describe('damaged RDB at startup', () => {
  it('logs the short read and the internal error line, and exits 1 (recorded from redis-server 7.0.15)', () => {
    const s = startServer({ conf: RDB_CONF });
    s.client().call('SET', 'a', '1');
    server(s).persistence.saveNow();
    const file = s.disk.read(`${CWD}/dump.rdb`)!;
    s.disk.write(`${CWD}/dump.rdb`, file.slice(0, file.length - 12));
    const r = restart(s, RDB_CONF);
    expect(r.exitCode).toBe(1);
    expect(lines(r, 'redis2.log').slice(-2)).toEqual([
      'M # Short read or OOM loading DB. Unrecoverable error, aborting now.',
      'M # Internal error in RDB reading offset 0, function at rdb.c:3249 -> Unexpected EOF reading RDB file',
    ]);
  });

  it('reports a wrong checksum with the expected (computed) and stored values', () => {
    const s = startServer({ conf: RDB_CONF });
    server(s).persistence.saveNow();
    const file = s.disk.read(`${CWD}/dump.rdb`)!;
    s.disk.write(`${CWD}/dump.rdb`, file.slice(0, -1) + String.fromCharCode(file.charCodeAt(file.length - 1) ^ 1));
    const r = restart(s, RDB_CONF);
    expect(r.exitCode).toBe(1);
    const tail = lines(r, 'redis2.log').slice(-2);
    expect(tail[0]).toMatch(/^M # Wrong RDB checksum expected: \([0-9a-f]+\) but got \([0-9a-f]+\)\. Aborting now\.$/);
    const [, expected, got] = /expected: \(([0-9a-f]+)\) but got \(([0-9a-f]+)\)/.exec(tail[0])!;
    expect(BigInt('0x' + expected) ^ BigInt('0x' + got)).toBe(1n << 56n);
    expect(tail[1]).toBe('M # Internal error in RDB reading offset 0, function at rdb.c:3225 -> RDB CRC error');
  });
});
