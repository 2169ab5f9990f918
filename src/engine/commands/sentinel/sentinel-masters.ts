/**
 * SENTINEL MASTERS — every monitored primary and its state (a list of field/value lists).
 * Counterpart in Redis: `sentinelCommand` "masters" (`addReplyDictOfRedisInstances`).
 */
import { defineCommand } from '../command.ts';
import { instancesReply } from '../../sentinel/replies.ts';
import { sentinelOf } from './common.ts';

export const sentinelMasters = defineCommand({
  name: 'sentinel|masters',
  parse() {
    return {};
  },
  apply(ctx) {
    const s = sentinelOf(ctx);
    return instancesReply(s, s.masters.values());
  },
});
