/**
 * DISCARD — abandons the transaction: the queue is dropped and WATCHed keys are forgotten.
 * Counterpart in Redis: multi.c `discardCommand` / `discardTransaction`.
 */
import type { Client } from '../../server/client.ts';
import { OK } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';
import { resetWatchState } from './watched-keys.ts';

/** Leaves MULTI state: no queue, no dirty flags, no watched keys (`discardTransaction`). */
export function discardTransaction(c: Client): void {
  c.multi = null;
  resetWatchState(c);
}

export const discard = defineCommand({
  name: 'discard',
  parse() {
    return {};
  },
  apply({ client }) {
    if (!client.multi) throw new ReplyError('ERR DISCARD without MULTI');
    discardTransaction(client);
    return OK;
  },
});
