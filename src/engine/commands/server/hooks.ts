/**
 * The calls the server core makes into the connection, transaction and debug commands: the
 * places where Redis's networking.c, server.c and db.c reach into multi.c and debug.c.
 *
 * Counterpart in Redis: `prepareClientToWrite`'s CLIENT REPLY check and `afterErrorReply`
 * (networking.c), `signalModifiedKey` → `touchWatchedKey` (db.c, multi.c), the WATCH cleanup
 * of `freeClient`, `rejectCommand` turning a refused EXEC into EXECABORT (server.c), and the
 * end of DEBUG SLEEP (the event loop resuming after `nanosleep`). One object, so server.ts
 * needs one import and one line per call site.
 */
import type { Bytes } from '../../types.ts';
import type { Client } from '../../server/client.ts';
import type { RedisServer } from '../../server/server.ts';
import type { Db } from '../../server/db.ts';
import type { Reply } from '../../resp/reply.ts';
import type { CommandMeta } from '../table.ts';
import { noteReply, replyAllowed } from '../connection/client-state.ts';
import { clientInfoString } from '../connection/client-info-string.ts';
import { touchWatchedKey, unwatchAllKeys, watchHooks } from '../transactions/watched-keys.ts';
import { discardTransaction } from '../transactions/discard.ts';
import { releaseSleepingClients } from './debug-sleep.ts';

export const serverHooks = {
  /**
   * Before a reply is written: counts errors (errorstats), applies CLIENT REPLY OFF/SKIP and
   * notes the reply size for CLIENT LIST. False when the reply must be dropped.
   */
  beforeReply(server: RedisServer, c: Client, reply: Reply, bytes: number): boolean {
    if (reply.type === 'error') server.stats.errorReply(reply.value);
    if (!replyAllowed(c)) return false;
    noteReply(c, bytes, server.nowMs);
    return true;
  },

  /**
   * A command was refused by processCommand. For EXEC inside MULTI Redis discards the
   * transaction and answers `EXECABORT Transaction discarded because of: <error>` (the error
   * without its `ERR ` prefix); returns that text, or null for any other command.
   */
  execRejected(c: Client, meta: CommandMeta | undefined, message: string): string | null {
    if (!c.multi || meta?.name !== 'exec') return null;
    discardTransaction(c);
    return `EXECABORT Transaction discarded because of: ${message.replace(/^ERR /, '')}`;
  },

  /** After parsing, before the command runs (FLUSHDB/FLUSHALL touch watched keys first). */
  beforeCommand(server: RedisServer, c: Client, meta: CommandMeta, argv: Bytes[]): void {
    watchHooks.before(server, c, meta, argv);
  },

  /** After the command ran: a write that changed the dataset touches its keys (WATCH). */
  afterCommand(server: RedisServer, c: Client, meta: CommandMeta, argv: Bytes[], changed: boolean): void {
    watchHooks.after(server, c, meta, argv, changed);
  },

  /** An expired key was deleted (`deleteExpiredKeyAndPropagate` signals it as modified). */
  keyExpired(db: Db, key: Bytes): void {
    touchWatchedKey(db, key);
  },

  /** A key was evicted under maxmemory (`performEvictions` signals it as modified). */
  keyEvicted(db: Db, key: Bytes): void {
    touchWatchedKey(db, key);
  },

  /** A client is being freed: its watched keys are forgotten. */
  clientFreed(c: Client): void {
    unwatchAllKeys(c);
  },

  /** DEBUG SLEEP ended: the sleeping client gets its reply, then its pipelined commands run. */
  freezeEnded(server: RedisServer): void {
    releaseSleepingClients(server);
  },

  /** CLIENT LIST line of a client (optionally while it runs `argv`), for log lines. */
  clientInfoLine(server: RedisServer, c: Client, argv?: Bytes[]): string {
    const name = argv && argv.length ? (server.lookupCommand(argv)?.name ?? argv[0].toLowerCase()) : '';
    return clientInfoString(server, c, argv && argv.length ? { argv, name } : undefined);
  },
};
