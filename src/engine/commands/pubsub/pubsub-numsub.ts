/**
 * PUBSUB NUMSUB [channel …] — for each channel, its name and its number of subscribers
 * (patterns not counted).
 * Counterpart in Redis: `pubsubCommand` NUMSUB branch (pubsub.c).
 */
import { array, bulk, integer, type Reply } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const pubsubNumsub = defineCommand({
  name: 'pubsub|numsub',
  parse(argv) {
    return { channels: argv.slice(2) };
  },
  apply({ server }, { channels }) {
    const out: Reply[] = [];
    for (const ch of channels) out.push(bulk(ch), integer(server.channels.get(ch)?.size ?? 0));
    return array(out);
  },
});
