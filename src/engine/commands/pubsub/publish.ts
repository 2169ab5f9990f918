/**
 * PUBLISH channel message — delivers the message to the channel's subscribers and to the
 * clients whose patterns match; replies with the number of receivers.
 * A primary also sends every PUBLISH down the replication stream (not to the AOF), so
 * subscribers on its replicas get the message too and the replication offset moves — which is
 * why offsets keep growing in a cluster watched by sentinels: their hellos are PUBLISHes.
 * Counterpart in Redis: `publishCommand` (pubsub.c), `forceCommandPropagation(c, PROPAGATE_REPL)`.
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const publish = defineCommand({
  name: 'publish',
  parse(argv) {
    return { argv, channel: argv[1], message: argv[2] };
  },
  apply({ server, client }, { argv, channel, message }) {
    const receivers = server.publish(channel, message);
    if (server.mode === 'standalone') server.replication.propagateToReplicas(client.db, argv);
    return integer(receivers);
  },
});
