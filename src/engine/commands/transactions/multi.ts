/**
 * MULTI — starts a transaction: later commands are checked and queued (`QUEUED`) until EXEC
 * or DISCARD. Queueing itself happens in the server's processCommand.
 * Counterpart in Redis: multi.c `multiCommand`.
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';

export const multi = defineCommand({
  name: 'multi',
  parse() {
    return {};
  },
  apply({ client }) {
    if (client.multi) throw new ReplyError('ERR MULTI calls can not be nested');
    client.multi = { queue: [], dirty: false };
    return OK;
  },
});
