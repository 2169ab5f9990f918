/**
 * One line of CLIENT LIST / CLIENT INFO, and the client types CLIENT LIST TYPE and CLIENT
 * KILL TYPE filter on.
 *
 * Counterpart in Redis: networking.c `catClientInfoString`, `getClientType`,
 * `getClientTypeByName`. Every field of 7.0 is present in 7.0's order. Real values: id, addr,
 * laddr, fd, name, age, idle, flags, db, sub, psub, multi, qbuf and argv-mem of the running
 * command, multi-mem, cmd, user, resp, and rbp (the largest reply of the last 5 seconds).
 * Modelled on 7.0's buffers, since the engine has no allocator or sockets: qbuf-free (a
 * 20474-byte query buffer, 0 before the first request); rbs = 16384 and rbp = 16384 during the
 * first 100 ms of a connection (a new client's reply buffer, before clientsCron first shrinks
 * it), then the power of two (1024 to 16384) that holds the reply peak; obl/oll/omem = 0; and
 * tot-mem added up the way `getClientMemoryUsage` does for such buffers (22272 bytes for an
 * idle client with a 1024-byte reply buffer, plus the argv, the MULTI queue and channels).
 * The replication engineer uses `clientInfoString` for "MASTER MODE enabled (user request
 * from '…')" log lines.
 */
import type { Bytes } from '../../types.ts';
import type { Client } from '../../server/client.ts';
import type { RedisServer } from '../../server/server.ts';
import { encodeCommand } from '../../resp/reply.ts';
import { connState, replyPeak } from './client-state.ts';
import { isDirtyCas } from '../transactions/watched-keys.ts';

/** Redis's client types, as CLIENT LIST TYPE / CLIENT KILL TYPE name them. */
export type ClientType = 'normal' | 'master' | 'slave' | 'pubsub';

/** `getClientTypeByName`: `replica` and `slave` are the same type; unknown names give null. */
export function clientTypeByName(name: string): ClientType | null {
  switch (name.toLowerCase()) {
    case 'normal':
      return 'normal';
    case 'slave':
    case 'replica':
      return 'slave';
    case 'pubsub':
      return 'pubsub';
    case 'master':
      return 'master';
    default:
      return null;
  }
}

/** `getClientType`: our link to our primary, a replica attached to us, a subscriber, or normal. */
export function clientType(c: Client): ClientType {
  if (c.kind === 'primary') return 'master';
  if (c.kind === 'replica' && !c.monitor) return 'slave';
  if (c.subscriptionCount > 0) return 'pubsub';
  return 'normal';
}

/** CLIENT LIST's `flags=`, letters in `catClientInfoString`'s order; `N` when none. */
export function clientFlags(c: Client): string {
  let f = '';
  if (c.monitor) f += 'O';
  else if (c.kind === 'replica') f += 'S';
  if (c.kind === 'primary') f += 'M';
  if (c.subscriptionCount > 0) f += 'P';
  if (c.multi) f += 'x';
  if (c.blocked) f += 'b';
  if (isDirtyCas(c)) f += 'd';
  if (c.closeAfterReply) f += 'c';
  if (connState(c).noEvict) f += 'e';
  return f === '' ? 'N' : f;
}

/** The command line a client is running right now, if it is the one asking. */
export interface RunningCommand {
  argv: Bytes[];
  /** Full name (`client|list`). */
  name: string;
}

/** The client executing EXEC right now: its `cmd=` stays `exec` while the queue runs. */
let execClient: Client | null = null;

/** Marks the client running EXEC (null when EXEC ends). */
export function setExecClient(c: Client | null): void {
  execClient = c;
}

const QUERY_BUF = 20474;
const IDLE_CLIENT_MEM = 22272;
const NEW_CLIENT_MS = 100;

/** The reply buffer size and peak CLIENT LIST shows. */
function replyBuffer(server: RedisServer, c: Client): { rbs: number; rbp: number } {
  if (server.nowMs - c.createdMs < NEW_CLIENT_MS) return { rbs: 16384, rbp: 16384 };
  const peak = replyPeak(c, server.nowMs);
  let rbs = 1024;
  while (rbs < peak && rbs < 16384) rbs *= 2;
  return { rbs, rbp: Math.min(peak, rbs) };
}

/** One CLIENT LIST line for `c`, without the trailing newline. */
export function clientInfoString(server: RedisServer, c: Client, running?: RunningCommand): string {
  const nowS = Math.floor(server.nowMs / 1000);
  const fresh = c.lastCommand === 'NULL' && !running;
  const { rbs, rbp } = replyBuffer(server, c);
  const qbuf = running ? encodeCommand(running.argv).length : 0;
  const argvMem = running ? running.argv.reduce((n, a) => n + a.length, 0) : 0;
  const argvOverhead = running ? 8 * running.argv.length : 0;
  const multiMem = c.multi ? c.multi.queue.reduce((n, q) => n + q.argv.reduce((m, a) => m + a.length, 0) + 8 * q.argv.length, 0) : 0;
  // The MULTI queue's array of 24-byte entries, grown by doubling from 2 (`queueMultiCommand`).
  let multiAlloc = 0;
  if (c.multi && c.multi.queue.length) for (multiAlloc = 2; multiAlloc < c.multi.queue.length; multiAlloc *= 2);
  const subMem = 56 * c.subscriptionCount;
  // While EXEC runs, Redis's `lastcmd` stays EXEC, even for CLIENT LIST/INFO queued inside it.
  const cmd = c === execClient && c.multi ? 'exec' : running ? running.name : c.lastCommand;
  const fields: [string, string | number][] = [
    ['id', c.id],
    ['addr', `${c.addr.host}:${c.addr.port}`],
    ['laddr', `${c.laddr.host}:${c.laddr.port}`],
    ['fd', server.fd(c)],
    ['name', c.name],
    ['age', Math.max(0, nowS - Math.floor(c.createdMs / 1000))],
    ['idle', Math.max(0, nowS - Math.floor(c.lastInteractionMs / 1000))],
    ['flags', clientFlags(c)],
    ['db', c.db],
    ['sub', c.channels.size],
    ['psub', c.patterns.size],
    ['ssub', 0],
    ['multi', c.multi ? c.multi.queue.length : -1],
    ['qbuf', qbuf],
    ['qbuf-free', fresh ? 0 : Math.max(0, QUERY_BUF - qbuf)],
    ['argv-mem', argvMem],
    ['multi-mem', multiMem],
    ['rbs', rbs],
    ['rbp', rbp],
    ['obl', 0],
    ['oll', 0],
    ['omem', 0],
    ['tot-mem', (fresh ? IDLE_CLIENT_MEM - QUERY_BUF : IDLE_CLIENT_MEM) + (rbs - 1024) + argvMem + argvOverhead + multiMem + 24 * multiAlloc + subMem],
    ['events', 'r'],
    ['cmd', cmd],
    ['user', c.user],
    ['redir', -1],
    ['resp', c.resp],
  ];
  return fields.map(([k, v]) => `${k}=${v}`).join(' ');
}
