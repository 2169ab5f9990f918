/**
 * SENTINEL DEBUG [param value …] — shows Sentinel's internal periods (ms), or changes them.
 * Counterpart in Redis: `addReplySentinelDebugInfo`, `sentinelSetDebugConfigParameters`.
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand, parseIntArg, ReplyError } from '../command.ts';
import type { SentinelPeriods } from '../../sentinel/sentinel.ts';
import { debugInfoReply } from '../../sentinel/replies.ts';
import { sentinelOf } from './common.ts';

const PARAMS: Record<string, keyof SentinelPeriods> = {
  'info-period': 'infoPeriod',
  'ping-period': 'pingPeriod',
  'ask-period': 'askPeriod',
  'publish-period': 'publishPeriod',
  'default-down-after': 'defaultDownAfter',
  'tilt-trigger': 'tiltTrigger',
  'tilt-period': 'tiltPeriod',
  'slave-reconf-timeout': 'slaveReconfTimeout',
  'min-link-reconnect-period': 'minLinkReconnectPeriod',
  'default-failover-timeout': 'defaultFailoverTimeout',
  'election-timeout': 'electionTimeout',
  'script-max-runtime': 'scriptMaxRuntime',
  'script-retry-delay': 'scriptRetryDelay',
};

export const sentinelDebug = defineCommand({
  name: 'sentinel|debug',
  parse(argv) {
    return { args: argv.slice(2) };
  },
  apply(ctx, { args }) {
    const s = sentinelOf(ctx);
    if (args.length === 0) return debugInfoReply(s);
    for (let j = 0; j < args.length; j++) {
      const option = args[j];
      const key = PARAMS[option.toLowerCase()];
      if (!key || j === args.length - 1) throw new ReplyError(`ERR Unknown option or number of arguments for SENTINEL DEBUG '${option}'`);
      const value = args[++j];
      let n: number | null;
      try {
        n = parseIntArg(value);
      } catch {
        n = null;
      }
      if (n === null || n <= 0) throw new ReplyError(`ERR Invalid argument '${value}' for SENTINEL DEBUG '${option}'`);
      s.periods[key] = n;
    }
    return OK;
  },
});
