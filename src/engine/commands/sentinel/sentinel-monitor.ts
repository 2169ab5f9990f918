/**
 * SENTINEL MONITOR name ip port quorum — starts monitoring a primary (+monitor), saving the
 * config. The address must be an IP unless resolve-hostnames is on.
 * Counterpart in Redis: `sentinelCommand` "monitor".
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand, parseIntArg, ReplyError } from '../command.ts';
import { isIpLiteral } from '../../sentinel/instance.ts';
import { createErrorText } from '../../sentinel/config.ts';
import { FLUSH_FAILED, sentinelOf } from './common.ts';

export const sentinelMonitor = defineCommand({
  name: 'sentinel|monitor',
  parse(argv) {
    const quorum = parseIntArg(argv[5], 'ERR Invalid quorum');
    const port = parseIntArg(argv[4], 'ERR Invalid port');
    return { name: argv[2], host: argv[3], port, quorum };
  },
  apply(ctx, { name, host, port, quorum }) {
    const s = sentinelOf(ctx);
    if (quorum <= 0) throw new ReplyError('ERR Quorum must be 1 or greater.');
    const resolvable = isIpLiteral(host) || (s.resolveHostnames && host.toLowerCase() === 'localhost');
    if (!resolvable) throw new ReplyError('ERR Invalid IP address or hostname specified');
    const ri = s.createInstance(name, 'master', host, port, quorum, null);
    if (typeof ri === 'string') throw new ReplyError(`ERR ${createErrorText(ri, 'master')}`);
    const ok = s.flushConfig();
    s.event('warning', '+monitor', ri, `quorum ${ri.quorum}`);
    if (!ok) throw new ReplyError(FLUSH_FAILED);
    return OK;
  },
});
