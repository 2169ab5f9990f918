/**
 * PUBSUB CHANNELS [pattern] — the active channels (with at least one subscriber), optionally
 * filtered by a glob pattern.
 * Counterpart in Redis: `pubsubCommand` CHANNELS branch (pubsub.c).
 */
import { bulks } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { globMatch } from '../../util/glob.ts';
import { pubsubArity } from './pubsub-help.ts';

export const pubsubChannels = defineCommand({
  name: 'pubsub|channels',
  parse(argv) {
    pubsubArity(argv, argv.length === 2 || argv.length === 3);
    return { pattern: argv.length === 3 ? argv[2] : null };
  },
  apply({ server }, { pattern }) {
    return bulks([...server.channels.keys()].filter((ch) => pattern === null || globMatch(pattern, ch)));
  },
});
