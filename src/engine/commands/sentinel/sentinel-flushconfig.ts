/**
 * SENTINEL FLUSHCONFIG — rewrites the config file with the current state.
 * Counterpart in Redis: `sentinelFlushConfigAndReply`.
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';
import { FLUSH_FAILED, sentinelOf } from './common.ts';

export const sentinelFlushconfig = defineCommand({
  name: 'sentinel|flushconfig',
  parse() {
    return {};
  },
  apply(ctx) {
    if (!sentinelOf(ctx).flushConfig()) throw new ReplyError(FLUSH_FAILED);
    return OK;
  },
});
