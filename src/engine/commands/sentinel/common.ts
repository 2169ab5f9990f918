/**
 * What the SENTINEL subcommands share: the sentinel of the server they run on, and the lookup
 * of a monitored primary by name with Redis's error.
 * Counterpart in Redis: sentinel.c `sentinelGetMasterByNameOrReplyError`.
 */
import type { CommandContext } from '../command.ts';
import { ReplyError } from '../command.ts';
import type { Sentinel } from '../../sentinel/sentinel.ts';
import type { SentinelInstance } from '../../sentinel/instance.ts';

/** The server's Sentinel (these commands exist only in sentinel mode). */
export function sentinelOf(ctx: CommandContext): Sentinel {
  const s = ctx.server.sentinel;
  if (!s) throw new ReplyError('ERR This instance has sentinel support disabled');
  return s;
}

/** The primary called `name`, or `ERR No such master with that name`. */
export function masterByName(s: Sentinel, name: string): SentinelInstance {
  const ri = s.masters.get(name);
  if (!ri) throw new ReplyError('ERR No such master with that name');
  return ri;
}

/** `sentinelFlushConfigAndReply`'s error text. */
export const FLUSH_FAILED = 'ERR Failed to save config file. Check server logs.';
