/**
 * PUBSUB NUMPAT — the number of distinct patterns subscribed to by any client.
 * Counterpart in Redis: `pubsubCommand` NUMPAT branch (pubsub.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const pubsubNumpat = defineCommand({
  name: 'pubsub|numpat',
  parse() {
    return {};
  },
  apply({ server }) {
    return integer(server.patterns.size);
  },
});
