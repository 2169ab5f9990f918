/**
 * SUBSCRIBE channel [channel …] — subscribes the connection; each channel is confirmed with
 * `subscribe`, the channel and the subscription count. From then on (RESP2) only the
 * (P)SUBSCRIBE family, PING, QUIT and RESET are accepted (checked in processCommand).
 * Counterpart in Redis: `subscribeCommand` (pubsub.c).
 */
import { defineCommand } from '../command.ts';
import { subscribeChannels } from './subscriptions.ts';

export const subscribe = defineCommand({
  name: 'subscribe',
  parse(argv) {
    return { channels: argv.slice(1) };
  },
  apply({ server, client }, { channels }) {
    return subscribeChannels(server, client, channels);
  },
});
