/**
 * SENTINEL FAILOVER name — starts a failover now, without asking the other sentinels
 * (INPROG while one runs, NOGOODSLAVE when no replica can be promoted).
 * Counterpart in Redis: `sentinelCommand` "failover".
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';
import { selectSlave, startFailover } from '../../sentinel/failover.ts';
import { masterByName, sentinelOf } from './common.ts';

export const sentinelFailover = defineCommand({
  name: 'sentinel|failover',
  parse(argv) {
    return { name: argv[2] };
  },
  apply(ctx, { name }) {
    const s = sentinelOf(ctx);
    const ri = masterByName(s, name);
    if (ri.failoverInProgress) throw new ReplyError('INPROG Failover already in progress');
    if (selectSlave(s, ri) === null) throw new ReplyError('NOGOODSLAVE No suitable replica to promote');
    ctx.server.log('warning', `Executing user requested FAILOVER of '${ri.name}'`);
    startFailover(s, ri);
    ri.forceFailover = true;
    return OK;
  },
});
