/**
 * SENTINEL IS-MASTER-DOWN-BY-ADDR ip port current-epoch runid — whether this sentinel sees the
 * primary at ip:port as SDOWN (always 0 in TILT), and, when runid is not `*`, its vote for the
 * failover leader in that epoch: `[down, leader runid or *, leader epoch]`.
 * Counterpart in Redis: `sentinelCommand` "is-master-down-by-addr" and `sentinelVoteLeader`.
 */
import { array, bulk, integer } from '../../resp/reply.ts';
import { defineCommand, parseIntArg } from '../command.ts';
import { sentinelOf } from './common.ts';

export const sentinelIsMasterDownByAddr = defineCommand({
  name: 'sentinel|is-master-down-by-addr',
  parse(argv) {
    const port = parseIntArg(argv[3]);
    const epoch = parseIntArg(argv[4]);
    return { ip: argv[2], port, epoch, runid: argv[5] };
  },
  apply(ctx, { ip, port, epoch, runid }) {
    const s = sentinelOf(ctx);
    const ri = s.findByAddrAndRunid(s.masters, ip, port, null);
    const isdown = !s.tilt && ri !== null && ri.sDown && ri.kind === 'master';
    let leader: string | null = null;
    let leaderEpoch = 0;
    if (ri && ri.kind === 'master' && runid !== '*') {
      const reqEpoch = epoch < 0 ? Number(BigInt.asUintN(64, BigInt(epoch))) : epoch;
      const v = s.voteLeader(ri, reqEpoch, runid);
      leader = v.leader;
      leaderEpoch = v.epoch;
    }
    return array([integer(isdown ? 1 : 0), bulk(leader ?? '*'), integer(leaderEpoch)]);
  },
});
