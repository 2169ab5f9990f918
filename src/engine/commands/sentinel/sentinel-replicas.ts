/**
 * SENTINEL REPLICAS name — the known replicas of a primary and their state (42 fields each).
 * Counterpart in Redis: `sentinelCommand` "replicas" (`addReplyDictOfRedisInstances`).
 */
import { defineCommand } from '../command.ts';
import { instancesReply } from '../../sentinel/replies.ts';
import { masterByName, sentinelOf } from './common.ts';

export const sentinelReplicas = defineCommand({
  name: 'sentinel|replicas',
  parse(argv) {
    return { name: argv[2] };
  },
  apply(ctx, { name }) {
    const s = sentinelOf(ctx);
    return instancesReply(s, masterByName(s, name).slaves.values());
  },
});
