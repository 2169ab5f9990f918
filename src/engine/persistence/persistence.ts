/**
 * Persistence of a server: RDB snapshots (SAVE, BGSAVE, `save` points, the final save at
 * shutdown) and the append-only file, on the node's virtual disk.
 *
 * Counterpart in Redis: rdb.c (`rdbSave`, `rdbSaveBackground`, `rdbLoad`) and aof.c (the
 * multi-part AOF of Redis 7: manifest, base and incr files, `feedAppendOnlyFile`,
 * `flushAppendOnlyFile`, `loadAppendOnlyFiles`). A forked child is modelled as a job that
 * finishes after a time proportional to the dataset.
 *
 * STUB: this first version keeps the hooks the server calls; it is filled in by the
 * persistence work of issue 2.
 */
import type { Bytes } from '../types.ts';
import type { RedisServer } from '../server/server.ts';

export class Persistence {
  private readonly server: RedisServer;
  /** True while the dataset is being loaded (commands get -LOADING). */
  loading = false;
  lastSaveMs = 0;

  constructor(server: RedisServer) {
    this.server = server;
  }

  /** Loads the AOF or the RDB at startup, logging as Redis does. Returns false on a fatal error. */
  loadAtStartup(): boolean {
    this.lastSaveMs = this.server.nowMs;
    return true;
  }

  /** serverCron's persistence duties: save points, finished background jobs. */
  cron(_nowMs: number): void {}

  /** Once a second: the `appendfsync everysec` flush. */
  everySecond(_nowMs: number): void {}

  /** Called when DEBUG SLEEP ends (a frozen server did not fsync meanwhile). */
  afterFreeze(_nowMs: number): void {}

  /** Appends a propagated command to the AOF (when appendonly is on). */
  feed(_dbId: number, _argv: Bytes[]): void {}

  /** SAVE: a synchronous RDB save. False (and a logged reason) on failure. */
  saveNow(): boolean {
    return true;
  }

  /**
   * BGSAVE [SCHEDULE]: starts a background save; returns the status text for the reply
   * (`Background saving started`, `Background saving scheduled`) or throws ReplyError
   * (`ERR Background save already in progress`).
   */
  bgsave(_schedule: boolean): string {
    return 'Background saving started';
  }

  /** BGREWRITEAOF: returns the status text or throws ReplyError. */
  bgrewriteaof(): string {
    return 'Background append only file rewriting started';
  }

  /** The dataset as an RDB file (with replication info aux fields), for SAVE and full syncs. */
  snapshotRdb(): Bytes {
    return '';
  }

  /** Replaces the dataset with an RDB payload (a replica's full sync). Returns counts for the log. */
  loadRdbPayload(_rdb: Bytes): { keysLoaded: number; keysExpired: number } {
    return { keysLoaded: 0, keysExpired: 0 };
  }

  /** The `# Persistence` section of INFO, as `name:value` lines in Redis's order. */
  info(): string[] {
    return [];
  }

  /**
   * The persistence part of shutdown: fsync the AOF, then save a final RDB when save points are
   * configured (`save === null`), or as SHUTDOWN SAVE / NOSAVE say. False when saving failed.
   */
  beforeShutdown(_save: boolean | null): boolean {
    return true;
  }
}
