/**
 * SENTINEL CKQUORUM name — whether enough sentinels are usable to reach the quorum and the
 * majority a failover needs.
 * Counterpart in Redis: `sentinelCommand` "ckquorum" (`sentinelIsQuorumReachable`).
 */
import { simple } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';
import { masterByName, sentinelOf } from './common.ts';

export const sentinelCkquorum = defineCommand({
  name: 'sentinel|ckquorum',
  parse(argv) {
    return { name: argv[2] };
  },
  apply(ctx, { name }) {
    const s = sentinelOf(ctx);
    const { usable, noQuorum, noAuth } = s.isQuorumReachable(masterByName(s, name));
    if (!noQuorum && !noAuth) return simple(`OK ${usable} usable Sentinels. Quorum and failover authorization can be reached`);
    let e = `NOQUORUM ${usable} usable Sentinels. `;
    if (noQuorum) e += 'Not enough available Sentinels to reach the specified quorum for this master';
    if (noAuth) {
      if (noQuorum) e += '. ';
      e += 'Not enough available Sentinels to reach the majority and authorize a failover';
    }
    throw new ReplyError(e);
  },
});
