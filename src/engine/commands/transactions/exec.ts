/**
 * EXEC — runs the queued commands one after another, with nothing from other clients in
 * between, and replies with the array of their replies. A queueing error earlier makes it
 * answer EXECABORT; a touched WATCHed key makes it answer a null array; both end the
 * transaction.
 * Counterpart in Redis: multi.c `execCommand`. Each queued command goes through the server's
 * `call` while `server.inExec` is true: propagation wraps the writes in MULTI/EXEC, and
 * commands that would block (WAIT) answer at once instead (they read `server.inExec`).
 * While the queue runs the client is still in MULTI state, so CLIENT LIST shows `flags=x`,
 * `multi=<count>` and `cmd=exec`, as in Redis.
 * If a queued DEBUG SLEEP froze the server, the EXEC reply waits for the end of the freeze.
 */
import { array, NIL_ARRAY, type Reply } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError, type Blocked } from '../command.ts';
import { discardTransaction } from './discard.ts';
import { isDirtyCas, isWatchedKeyExpired, markDirtyCas, unwatchAllKeys } from './watched-keys.ts';
import { setExecClient } from '../connection/client-info-string.ts';

export const exec = defineCommand({
  name: 'exec',
  parse() {
    return {};
  },
  apply({ server, client: c, nowMs }): Reply | Blocked {
    if (!c.multi) throw new ReplyError('ERR EXEC without MULTI');
    if (isWatchedKeyExpired(c, nowMs)) markDirtyCas(c);
    if (c.multi.dirty) {
      discardTransaction(c);
      throw new ReplyError(Errors.execAbort);
    }
    if (isDirtyCas(c)) {
      discardTransaction(c);
      return NIL_ARRAY;
    }
    unwatchAllKeys(c);
    const queue = c.multi.queue;
    const replies: Reply[] = [];
    const wasInExec = server.inExec;
    server.inExec = true;
    setExecClient(c);
    try {
      for (const q of queue) {
        const meta = server.lookupCommand(q.argv);
        if (!meta) continue;
        const r = server.call(c, meta, q.argv, { replyTo: null }) ?? { type: 'simple', value: 'OK' };
        if (r.type === 'error') server.stats.errorReply(r.value);
        replies.push(r);
      }
    } finally {
      server.inExec = wasInExec;
      setExecClient(null);
    }
    discardTransaction(c);
    const reply = array(replies);
    if (c.blocked?.kind === 'sleep') {
      c.pending.push(reply);
      return { type: 'blocked' };
    }
    return reply;
  },
});
