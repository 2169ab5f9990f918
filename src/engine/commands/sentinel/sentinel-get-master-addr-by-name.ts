/**
 * SENTINEL GET-MASTER-ADDR-BY-NAME name — the primary's ip and port (the promoted replica's as
 * soon as its promotion is acknowledged), or a null array for an unknown name.
 * Counterpart in Redis: `sentinelCommand` "get-master-addr-by-name" (`sentinelGetCurrentMasterAddress`).
 */
import { NIL_ARRAY, bulks } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { sentinelOf } from './common.ts';

export const sentinelGetMasterAddrByName = defineCommand({
  name: 'sentinel|get-master-addr-by-name',
  parse(argv) {
    return { name: argv[2] };
  },
  apply(ctx, { name }) {
    const s = sentinelOf(ctx);
    const ri = s.masters.get(name);
    if (!ri) return NIL_ARRAY;
    const addr = s.currentMasterAddress(ri);
    return bulks([s.announce(addr), String(addr.port)]);
  },
});
