/**
 * RESET — returns the connection to its state right after connecting: leaves MONITOR, MULTI
 * (and forgets WATCHed keys), every channel and pattern, selects db 0, RESP2, drops the name,
 * CLIENT REPLY back ON, and re-applies default authentication (so with `requirepass` the
 * client must AUTH again). Replies `RESET`. Refused on replica and primary links.
 * Counterpart in Redis: networking.c `resetCommand` / `clearClientConnectionState`.
 */
import { simple } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';
import { discardTransaction } from '../transactions/discard.ts';
import { unsubscribeAllSilently } from '../pubsub/subscriptions.ts';
import { resetConnState } from './client-state.ts';

export const reset = defineCommand({
  name: 'reset',
  parse() {
    return {};
  },
  apply({ server, client }) {
    if (client.kind === 'replica' || client.kind === 'primary') throw new ReplyError('ERR can only reset normal client connections');
    if (client.monitor) {
      client.monitor = false;
      server.monitors.delete(client);
    }
    client.db = 0;
    client.resp = 2;
    client.user = 'default';
    client.authenticated = server.config.get('requirepass') === '';
    discardTransaction(client);
    unsubscribeAllSilently(server, client);
    client.name = '';
    resetConnState(client);
    return simple('RESET');
  },
});
