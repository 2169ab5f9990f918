/**
 * PUBLISH channel message — delivers the message to the channel's subscribers and to the
 * clients whose patterns match; replies with the number of receivers.
 * Counterpart in Redis: `publishCommand` (pubsub.c). Delivery is `RedisServer.publish`;
 * the propagation of PUBLISH to replicas belongs to the replication module.
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const publish = defineCommand({
  name: 'publish',
  parse(argv) {
    return { channel: argv[1], message: argv[2] };
  },
  apply({ server }, { channel, message }) {
    return integer(server.publish(channel, message));
  },
});
