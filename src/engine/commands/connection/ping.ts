/**
 * PING [message] — replies PONG, or the message as a bulk string. In a subscribed (RESP2)
 * context the reply is the array `pong` + message instead.
 * Counterpart in Redis: `pingCommand` (server.c).
 */
import { bulk, simple, bulks } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';

export const ping = defineCommand({
  name: 'ping',
  parse(argv) {
    // The table's arity (-1) lets any count through; PING itself takes at most one argument.
    if (argv.length > 2) throw new ReplyError("ERR wrong number of arguments for 'ping' command");
    return { message: argv.length > 1 ? argv[1] : null };
  },
  apply({ client }, { message }) {
    if (client.subscriptionCount > 0 && client.resp === 2) return bulks(['pong', message ?? '']);
    return message === null ? simple('PONG') : bulk(message);
  },
});
