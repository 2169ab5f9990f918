/**
 * SENTINEL SLAVES name — the old name of SENTINEL REPLICAS, with the same reply.
 * Counterpart in Redis: `sentinelCommand` "slaves" (`addReplyDictOfRedisInstances`).
 */
import { defineCommand } from '../command.ts';
import { instancesReply } from '../../sentinel/replies.ts';
import { masterByName, sentinelOf } from './common.ts';

export const sentinelSlaves = defineCommand({
  name: 'sentinel|slaves',
  parse(argv) {
    return { name: argv[2] };
  },
  apply(ctx, { name }) {
    const s = sentinelOf(ctx);
    return instancesReply(s, masterByName(s, name).slaves.values());
  },
});
