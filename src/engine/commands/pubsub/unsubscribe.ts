/**
 * UNSUBSCRIBE [channel …] — leaves the named channels, or all of them; each is confirmed with
 * `unsubscribe`, the channel and the remaining count (a null channel when there was none).
 * Counterpart in Redis: `unsubscribeCommand` (pubsub.c).
 */
import { defineCommand } from '../command.ts';
import { unsubscribeChannels } from './subscriptions.ts';

export const unsubscribe = defineCommand({
  name: 'unsubscribe',
  parse(argv) {
    return { channels: argv.slice(1) };
  },
  apply({ server, client }, { channels }) {
    return unsubscribeChannels(server, client, channels);
  },
});
