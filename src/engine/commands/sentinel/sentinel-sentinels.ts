/**
 * SENTINEL SENTINELS name — the other sentinels known for a primary, with their votes.
 * Counterpart in Redis: `sentinelCommand` "sentinels" (`addReplyDictOfRedisInstances`).
 */
import { defineCommand } from '../command.ts';
import { instancesReply } from '../../sentinel/replies.ts';
import { masterByName, sentinelOf } from './common.ts';

export const sentinelSentinels = defineCommand({
  name: 'sentinel|sentinels',
  parse(argv) {
    return { name: argv[2] };
  },
  apply(ctx, { name }) {
    const s = sentinelOf(ctx);
    return instancesReply(s, masterByName(s, name).sentinels.values());
  },
});
