/**
 * ECHO message — replies with the message as a bulk string.
 * Counterpart in Redis: `echoCommand` (server.c).
 */
import { bulk } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const echo = defineCommand({
  name: 'echo',
  parse(argv) {
    return { message: argv[1] };
  },
  apply(_ctx, { message }) {
    return bulk(message);
  },
});
