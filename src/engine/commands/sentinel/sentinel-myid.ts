/**
 * SENTINEL MYID — this sentinel's id (persisted in its config file, unlike INFO's run_id).
 * Counterpart in Redis: `sentinelCommand` "myid".
 */
import { bulk } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { sentinelOf } from './common.ts';

export const sentinelMyid = defineCommand({
  name: 'sentinel|myid',
  parse() {
    return {};
  },
  apply(ctx) {
    return bulk(sentinelOf(ctx).myid);
  },
});
