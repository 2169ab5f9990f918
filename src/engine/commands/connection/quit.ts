/**
 * QUIT — replies OK, then the server closes the connection once the reply is written
 * (CLIENT_CLOSE_AFTER_REPLY). Extra arguments are ignored, as in Redis 7.0.
 * Counterpart in Redis: `quitCommand` (networking.c).
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const quit = defineCommand({
  name: 'quit',
  parse() {
    return {};
  },
  apply({ client }) {
    client.closeAfterReply = true;
    return OK;
  },
});
