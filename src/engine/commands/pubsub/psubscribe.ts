/**
 * PSUBSCRIBE pattern [pattern …] — subscribes to glob patterns; messages arrive as
 * `pmessage`, pattern, channel, payload.
 * Counterpart in Redis: `psubscribeCommand` (pubsub.c).
 */
import { defineCommand } from '../command.ts';
import { subscribePatterns } from './subscriptions.ts';

export const psubscribe = defineCommand({
  name: 'psubscribe',
  parse(argv) {
    return { patterns: argv.slice(1) };
  },
  apply({ server, client }, { patterns }) {
    return subscribePatterns(server, client, patterns);
  },
});
