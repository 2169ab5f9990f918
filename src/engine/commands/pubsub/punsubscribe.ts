/**
 * PUNSUBSCRIBE [pattern …] — leaves the named patterns, or all of them, confirming each.
 * Counterpart in Redis: `punsubscribeCommand` (pubsub.c).
 */
import { defineCommand } from '../command.ts';
import { unsubscribePatterns } from './subscriptions.ts';

export const punsubscribe = defineCommand({
  name: 'punsubscribe',
  parse(argv) {
    return { patterns: argv.slice(1) };
  },
  apply({ server, client }, { patterns }) {
    return unsubscribePatterns(server, client, patterns);
  },
});
