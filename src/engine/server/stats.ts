/**
 * Counters INFO reports: `stats`, `commandstats`, `errorstats` and `latencystats`.
 * Counterpart in Redis: the `stat_*` fields of `struct redisServer`, the per-command `calls`,
 * `microseconds`, `rejected_calls`, `failed_calls`, and the `server.errors` rax of
 * `incrementErrorCount` / `afterErrorReply` (networking.c).
 */
export interface CommandStat {
  calls: number;
  usec: number;
  rejectedCalls: number;
  failedCalls: number;
}

/** Redis stops tracking new error codes beyond this many distinct ones (ERROR_STATS_NUMBER). */
const MAX_ERROR_CODES = 128;

export class Stats {
  totalConnectionsReceived = 0;
  totalCommandsProcessed = 0;
  netInputBytes = 0;
  netOutputBytes = 0;
  /** Bytes of the replication stream read (as a replica) and written (as a primary). */
  netReplInputBytes = 0;
  netReplOutputBytes = 0;
  rejectedConnections = 0;
  expiredKeys = 0;
  evictedKeys = 0;
  keyspaceHits = 0;
  keyspaceMisses = 0;
  pubsubChannels = 0;
  syncFull = 0;
  syncPartialOk = 0;
  syncPartialErr = 0;
  totalErrorReplies = 0;
  rejectedCalls = 0;
  /** Forks (BGSAVE, AOF rewrite, full syncs) and the duration of the latest one. */
  totalForks = 0;
  latestForkUsec = 0;
  /** The highest `used_memory` INFO has reported (used_memory_peak). */
  usedMemoryPeak = 0;
  readonly commands = new Map<string, CommandStat>();
  /** Error code (first word of the error, `ERR`, `WRONGTYPE` …) → replies sent with it. */
  readonly errors = new Map<string, number>();

  command(name: string): CommandStat {
    let s = this.commands.get(name);
    if (!s) {
      s = { calls: 0, usec: 0, rejectedCalls: 0, failedCalls: 0 };
      this.commands.set(name, s);
    }
    return s;
  }

  /**
   * Counts an error reply (`afterErrorReply`): `total_error_replies` and the error code's
   * count in `errorstats`. The code is the text before the first space (within the first 32
   * bytes); an error without one counts as `ERR`.
   */
  errorReply(message: string): void {
    this.totalErrorReplies++;
    const space = message.slice(0, 32).indexOf(' ');
    const code = space > 0 ? message.slice(0, space) : 'ERR';
    const n = this.errors.get(code);
    if (n !== undefined) this.errors.set(code, n + 1);
    else if (this.errors.size < MAX_ERROR_CODES) this.errors.set(code, 1);
  }

  /** CONFIG RESETSTAT. */
  reset(): void {
    const peak = this.usedMemoryPeak;
    const keep = new Stats();
    Object.assign(this, keep);
    this.commands.clear();
    this.errors.clear();
    this.usedMemoryPeak = peak;
  }
}
