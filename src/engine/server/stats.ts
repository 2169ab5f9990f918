/**
 * Counters INFO reports: `stats` and `commandstats`. Counterpart in Redis: the `stat_*` fields
 * of `struct redisServer` and the per-command `calls`, `rejected_calls`, `failed_calls`.
 */
export interface CommandStat {
  calls: number;
  usec: number;
  rejectedCalls: number;
  failedCalls: number;
}

export class Stats {
  totalConnectionsReceived = 0;
  totalCommandsProcessed = 0;
  netInputBytes = 0;
  netOutputBytes = 0;
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
  readonly commands = new Map<string, CommandStat>();

  command(name: string): CommandStat {
    let s = this.commands.get(name);
    if (!s) {
      s = { calls: 0, usec: 0, rejectedCalls: 0, failedCalls: 0 };
      this.commands.set(name, s);
    }
    return s;
  }

  /** CONFIG RESETSTAT. */
  reset(): void {
    const keep = new Stats();
    Object.assign(this, keep);
    this.commands.clear();
  }
}
