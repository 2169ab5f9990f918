/**
 * SENTINEL MASTER name — one primary's state: name, ip, port, runid, flags, link and ping
 * times, down-after-milliseconds, INFO and role times, config-epoch, counts, quorum, timeouts.
 * Counterpart in Redis: `sentinelCommand` "master" (`addReplySentinelRedisInstance`).
 */
import { defineCommand } from '../command.ts';
import { instanceReply } from '../../sentinel/replies.ts';
import { masterByName, sentinelOf } from './common.ts';

export const sentinelMaster = defineCommand({
  name: 'sentinel|master',
  parse(argv) {
    return { name: argv[2] };
  },
  apply(ctx, { name }) {
    const s = sentinelOf(ctx);
    return instanceReply(s, masterByName(s, name));
  },
});
