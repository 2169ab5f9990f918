/**
 * One client as a CLIENT LIST line, for the log lines that name who asked for a role change
 * (`MASTER MODE enabled (user request from 'id=… cmd=replicaof …')`).
 *
 * Counterpart in Redis: `catClientInfoString` (networking.c). TEMPORARY: the server-commands
 * work owns CLIENT LIST; once it exposes a formatter, this file should delegate to it. The
 * memory fields follow what Redis 7.0 prints for a small request still in the query buffer
 * (qbuf = the request's bytes, qbuf-free = 20474 − qbuf, argv-mem = the arguments' bytes,
 * tot-mem = 37656 + argv-mem), as recorded in the fidelity logs.
 */
import type { Bytes } from '../types.ts';
import type { Client } from '../server/client.ts';
import type { RedisServer } from '../server/server.ts';
import { encodeCommand } from '../resp/reply.ts';

interface ClientLineFormatter {
  clientInfoLine?(c: Client, argv?: Bytes[]): string;
}

/** The CLIENT LIST line of `c` while it runs `argv`. */
export function clientInfoLine(server: RedisServer, c: Client, argv: Bytes[]): string {
  const own = (server as unknown as ClientLineFormatter).clientInfoLine;
  if (own) return own.call(server, c, argv);
  const qbuf = encodeCommand(argv).length;
  const argvMem = argv.reduce((n, a) => n + a.length, 0);
  const age = Math.floor((server.nowMs - c.createdMs) / 1000);
  const idle = Math.floor((server.nowMs - c.lastInteractionMs) / 1000);
  const multi = c.multi ? c.multi.queue.length : -1;
  return (
    `id=${c.id} addr=${c.addr.host}:${c.addr.port} laddr=${c.laddr.host}:${c.laddr.port} fd=${server.fd(c)} name=${c.name} ` +
    `age=${age} idle=${idle} flags=${c.flags()} db=${c.db} sub=${c.channels.size} psub=${c.patterns.size} ssub=0 ` +
    `multi=${multi} qbuf=${qbuf} qbuf-free=${20474 - qbuf} argv-mem=${argvMem} multi-mem=0 rbs=16384 rbp=16384 ` +
    `obl=0 oll=0 omem=0 tot-mem=${37656 + argvMem} events=r cmd=${argv[0].toLowerCase()} user=${c.user} redir=-1 resp=${c.resp}`
  );
}
