/**
 * CLIENT REPLY ON|OFF|SKIP — ON replies OK and restores replies; OFF (no reply) stops all
 * replies; SKIP (no reply) drops the reply of the next command.
 * Counterpart in Redis: `clientCommand` REPLY branch (networking.c); the suppression itself is
 * `replyAllowed` (client-state.ts), called when the server writes a reply.
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';
import { connState } from './client-state.ts';

export const clientReply = defineCommand({
  name: 'client|reply',
  parse(argv) {
    const v = argv[2].toLowerCase();
    if (v !== 'on' && v !== 'off' && v !== 'skip') throw new ReplyError(Errors.syntax);
    return { mode: v as 'on' | 'off' | 'skip' };
  },
  apply({ client }, { mode }) {
    const s = connState(client);
    if (mode === 'on') {
      s.replyMode = 'on';
      return OK;
    }
    if (mode === 'off') s.replyMode = 'off';
    else if (s.replyMode !== 'off') s.replyMode = 'skip';
    return { type: 'blocked' };
  },
});
