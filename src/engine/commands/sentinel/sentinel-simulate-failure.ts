/**
 * SENTINEL SIMULATE-FAILURE [CRASH-AFTER-ELECTION] [CRASH-AFTER-PROMOTION] [HELP] — makes this
 * sentinel exit (status 99) right after winning an election or after promoting a replica.
 * Counterpart in Redis: `sentinelCommand` "simulate-failure".
 */
import { OK, bulks } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';
import { sentinelOf } from './common.ts';

export const sentinelSimulateFailure = defineCommand({
  name: 'sentinel|simulate-failure',
  parse(argv) {
    return { args: argv.slice(2) };
  },
  apply(ctx, { args }) {
    const s = sentinelOf(ctx);
    s.simFailureFlags = 0;
    for (const a of args) {
      const o = a.toLowerCase();
      if (o === 'crash-after-election') {
        s.simFailureFlags |= 1;
        ctx.server.log('warning', 'Failure simulation: this Sentinel will crash after being successfully elected as failover leader');
      } else if (o === 'crash-after-promotion') {
        s.simFailureFlags |= 2;
        ctx.server.log('warning', 'Failure simulation: this Sentinel will crash after promoting the selected replica to master');
      } else if (o === 'help') {
        return bulks(['crash-after-election', 'crash-after-promotion']);
      } else {
        throw new ReplyError('ERR Unknown failure simulation specified');
      }
    }
    return OK;
  },
});
