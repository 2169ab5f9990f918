/**
 * PUBLISH in sentinel mode — only hello messages on `__sentinel__:hello`, which other sentinels
 * send directly; the hello is processed as if read from a primary. Replies 1.
 * Counterpart in Redis: `sentinelPublishCommand`.
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';
import { HELLO_CHANNEL } from '../../sentinel/sentinel.ts';
import { sentinelOf } from './common.ts';

export const sentinelPublish = defineCommand({
  name: 'publish',
  parse(argv) {
    return { channel: argv[1], message: argv[2] };
  },
  apply(ctx, { channel, message }) {
    if (channel !== HELLO_CHANNEL) throw new ReplyError('ERR Only HELLO messages are accepted by Sentinel instances.');
    sentinelOf(ctx).processHelloMessage(message);
    return integer(1);
  },
});
