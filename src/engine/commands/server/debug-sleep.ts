/**
 * DEBUG SLEEP seconds — freezes the whole server: no command from any client, no timer, no
 * replication traffic until the time has passed; then the sleeping client gets `OK` and
 * everything that arrived meanwhile is processed in order. Nothing is logged.
 * Counterpart in Redis: debug.c (`nanosleep` inside the command, blocking the event loop).
 *
 * Here the freeze is `server.frozenUntilMs`: the server queues its inputs until then (see
 * `RedisServer.handle`/`cron`). The reply must come after the sleep, so the command blocks its
 * client (`blocked = { kind: 'sleep' }`) and parks `OK` in `client.pending`; when the freeze
 * ends the server calls `releaseSleepingClients`, which sends the parked replies and resumes
 * the client's pipelined commands before the queued inputs of others are dispatched.
 */
import type { RedisServer } from '../../server/server.ts';
import type { Client } from '../../server/client.ts';
import { OK } from '../../resp/reply.ts';
import type { CommandResult } from '../command.ts';

/** `strtod` on the argument: the longest numeric prefix, 0 when there is none. */
export function strtod(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?)(inf(inity)?|nan|0x[0-9a-f]*\.?[0-9a-f]*(p[+-]?\d+)?|(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)/i.exec(s);
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  const body = m[2].toLowerCase();
  if (body.startsWith('inf')) return sign * Infinity;
  if (body === 'nan') return NaN;
  if (body.startsWith('0x')) return sign * (parseInt(body.slice(2).split(/[.p]/)[0] || '0', 16) || 0);
  return sign * Number(body);
}

/** Runs DEBUG SLEEP for `seconds` (as typed: decimals allowed, garbage reads as 0). */
export function debugSleep(server: RedisServer, c: Client, seconds: string): CommandResult {
  const usec = Math.trunc(strtod(seconds) * 1_000_000);
  // nanosleep refuses negative or absurd durations and returns at once.
  if (!(usec > 0) || !Number.isFinite(usec)) return OK;
  const ms = Math.min(Math.ceil(usec / 1000), 2 ** 31 * 1000);
  server.frozenUntilMs = server.nowMs + ms;
  c.blocked = { kind: 'sleep', untilMs: server.frozenUntilMs };
  // Inside EXEC the OK is part of EXEC's array; EXEC parks the whole reply itself.
  if (server.inExec) return OK;
  c.pending.push(OK);
  return { type: 'blocked' };
}

/** The freeze is over: each sleeping client gets its parked replies, then reads on. */
export function releaseSleepingClients(server: RedisServer): void {
  for (const c of [...server.clients.values()]) {
    if (c.blocked?.kind !== 'sleep') continue;
    c.blocked = null;
    for (const r of c.pending.splice(0)) server.addReply(c, r);
    if (c.closeAfterReply) server.freeClient(c, true);
    else server.processInputBuffer(c);
  }
}
