/**
 * SENTINEL RESET pattern — forgets the replicas and sentinels of every primary whose name
 * matches the glob pattern (+reset-master), ending any failover; replies how many were reset.
 * Counterpart in Redis: `sentinelResetMastersByPattern`.
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { globMatch } from '../../util/glob.ts';
import { sentinelOf } from './common.ts';

export const sentinelReset = defineCommand({
  name: 'sentinel|reset',
  parse(argv) {
    return { pattern: argv[2] };
  },
  apply(ctx, { pattern }) {
    const s = sentinelOf(ctx);
    let reset = 0;
    for (const ri of [...s.masters.values()]) {
      if (globMatch(pattern, ri.name)) {
        s.resetMaster(ri, { event: true });
        reset++;
      }
    }
    return integer(reset);
  },
});
