/**
 * FAILOVER [TO host port [FORCE]] [ABORT] [TIMEOUT ms] — a coordinated switch between this
 * primary and one of its replicas: writes pause, the primary waits until the named replica
 * (or any replica) has acknowledged its whole stream, then becomes that replica's replica and
 * asks it with `PSYNC replid offset FAILOVER` to take over; INFO's `master_failover_state`
 * goes `waiting-for-sync` → `failover-in-progress` → `no-failover`. `TIMEOUT` gives up after
 * that many ms (or, with `FORCE`, fails over anyway); `FAILOVER ABORT` stops it.
 * Syntax errors come first, in argument order (`ERR syntax error`, a non-integer port or
 * timeout, `ERR FAILOVER timeout must be greater than 0`); the state checks follow in
 * replication's `failoverCommand`.
 * Counterpart in Redis: `failoverCommand` (replication.c).
 */
import { defineCommand, Errors, parseIntArg, ReplyError } from '../command.ts';
import type { Bytes } from '../../types.ts';

export const failover = defineCommand({
  name: 'failover',
  parse(argv: Bytes[]) {
    if (argv.length === 2 && argv[1].toLowerCase() === 'abort') return { abort: true as const };
    let timeoutMs = 0;
    let force = false;
    let host: string | null = null;
    let port = 0;
    for (let j = 1; j < argv.length; j++) {
      const opt = argv[j].toLowerCase();
      if (opt === 'timeout' && j + 1 < argv.length && timeoutMs === 0) {
        timeoutMs = parseIntArg(argv[j + 1]);
        if (timeoutMs <= 0) throw new ReplyError('ERR FAILOVER timeout must be greater than 0');
        j++;
      } else if (opt === 'to' && j + 2 < argv.length && host === null) {
        port = parseIntArg(argv[j + 2]);
        host = argv[j + 1];
        j += 2;
      } else if (opt === 'force' && !force) {
        force = true;
      } else {
        throw new ReplyError(Errors.syntax);
      }
    }
    return { abort: false as const, host, port, force, timeoutMs };
  },
  apply({ server }, args) {
    if (args.abort) return server.replication.failoverAbortCommand();
    return server.replication.failoverCommand(args);
  },
});
