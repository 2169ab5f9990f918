/**
 * PING [message] — replies PONG, or the message as a bulk string. In a subscribed (RESP2)
 * context the reply is the array `pong` + message instead.
 * Counterpart in Redis: `pingCommand` (server.c).
 */
import { bulk, simple, bulks } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const ping = defineCommand({
  name: 'ping',
  parse(argv) {
    return { message: argv.length > 1 ? argv[1] : null };
  },
  apply({ client }, { message }) {
    if (client.subscriptionCount > 0 && client.resp === 2) return bulks(['pong', message ?? '']);
    return message === null ? simple('PONG') : bulk(message);
  },
});
