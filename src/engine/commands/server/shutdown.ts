/**
 * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT] — stops the server as a SIGTERM would: logs
 * "User requested shutdown...", lets replication and persistence finish (a final RDB save
 * when save points exist, or as SAVE/NOSAVE say), then exits. On success there is no reply:
 * the connection closes. A failed save answers an error and the server keeps running, unless
 * FORCE (then it exits anyway).
 * Counterpart in Redis: db.c `shutdownCommand` and server.c `prepareForShutdown` /
 * `finishShutdown`; the work is `RedisServer.shutdown`. NOW (skip waiting for lagging
 * replicas) is accepted; ABORT answers that no shutdown is in progress, since a shutdown here
 * either completes or fails at once.
 */
import { defineCommand, Errors, ReplyError, type CommandResult } from '../command.ts';

interface ShutdownArgs {
  save: boolean | null;
  now: boolean;
  force: boolean;
  abort: boolean;
}

export const shutdown = defineCommand({
  name: 'shutdown',
  parse(argv): ShutdownArgs {
    let nosave = false;
    let save = false;
    const a: ShutdownArgs = { save: null, now: false, force: false, abort: false };
    for (const arg of argv.slice(1)) {
      switch (arg.toLowerCase()) {
        case 'nosave':
          nosave = true;
          break;
        case 'save':
          save = true;
          break;
        case 'now':
          a.now = true;
          break;
        case 'force':
          a.force = true;
          break;
        case 'abort':
          a.abort = true;
          break;
        default:
          throw new ReplyError(Errors.syntax);
      }
    }
    if ((a.abort && (nosave || save || a.now || a.force)) || (nosave && save)) throw new ReplyError(Errors.syntax);
    a.save = nosave ? false : save ? true : null;
    return a;
  },
  apply({ server }, a): CommandResult {
    if (a.abort) throw new ReplyError('ERR No shutdown in progress.');
    server.log('warning', 'User requested shutdown...');
    const err = server.shutdown({ save: a.save });
    if (err === null) return { type: 'blocked' };
    if (a.force) {
      server.removePidFile();
      server.log('warning', 'Redis is now ready to exit, bye bye...');
      server.exit(0);
      return { type: 'blocked' };
    }
    throw new ReplyError(/^[A-Z]+ /.test(err) && !err.startsWith('Errors ') ? err : `ERR ${err}`);
  },
});
