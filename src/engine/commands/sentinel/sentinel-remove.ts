/**
 * SENTINEL REMOVE name — stops monitoring a primary (-monitor) and saves the config.
 * Counterpart in Redis: `sentinelCommand` "remove".
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';
import { FLUSH_FAILED, masterByName, sentinelOf } from './common.ts';

export const sentinelRemove = defineCommand({
  name: 'sentinel|remove',
  parse(argv) {
    return { name: argv[2] };
  },
  apply(ctx, { name }) {
    const s = sentinelOf(ctx);
    const ri = masterByName(s, name);
    s.event('warning', '-monitor', ri, '');
    s.masters.delete(ri.name);
    s.releaseInstance(ri);
    if (!s.flushConfig()) throw new ReplyError(FLUSH_FAILED);
    return OK;
  },
});
