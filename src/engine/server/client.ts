/**
 * One connection's state on a server: who it is, what it has selected, subscribed to, queued
 * or is blocked on.
 *
 * Counterpart in Redis: `struct client` (server.h) and the CLIENT LIST fields of networking.c
 * (`catClientInfoString`). A client may be a person's redis-cli, a sentinel, a replica that
 * connected to us (flag `S`), or our own link to our primary (flag `M`).
 */
import type { Addr, Bytes, ConnId } from '../types.ts';
import { RequestParser } from '../resp/request-parser.ts';
import type { Reply } from '../resp/reply.ts';

/** Why a client is waiting instead of getting its reply now. */
export type BlockState =
  | { kind: 'wait'; numReplicas: number; targetOffset: number; timeoutAtMs: number }
  | { kind: 'sleep'; untilMs: number }
  | { kind: 'postpone' };

export interface QueuedCommand {
  argv: Bytes[];
  name: string;
}

export type ClientKind = 'normal' | 'replica' | 'primary' | 'pubsub';

export class Client {
  readonly id: number;
  readonly conn: ConnId;
  readonly addr: Addr;
  readonly laddr: Addr;
  readonly createdMs: number;
  readonly parser = new RequestParser();
  name = '';
  db = 0;
  authenticated: boolean;
  user = 'default';
  resp = 2;
  lastInteractionMs: number;
  /** Full name of the last command (`client|list`), for CLIENT LIST's `cmd=`. */
  lastCommand = 'NULL';
  /** MULTI state: queued commands, and whether one failed to queue (EXECABORT). */
  multi: { queue: QueuedCommand[]; dirty: boolean } | null = null;
  readonly channels = new Set<Bytes>();
  readonly patterns = new Set<Bytes>();
  monitor = false;
  blocked: BlockState | null = null;
  /** The replication offset as of this client's last command (what WAIT waits for). */
  woff = 0;
  /** A replica connection (`S`), or our own link to the primary (`M`). */
  kind: ClientKind = 'normal';
  /** Close once pending replies are written (Redis's CLIENT_CLOSE_AFTER_REPLY). */
  closeAfterReply = false;
  /** Already closed by us; ignore further input. */
  closed = false;
  /** Replies produced while the client is blocked or paused are held here in order. */
  readonly pending: Reply[] = [];

  constructor(id: number, conn: ConnId, addr: Addr, laddr: Addr, nowMs: number, authenticated: boolean) {
    this.id = id;
    this.conn = conn;
    this.addr = addr;
    this.laddr = laddr;
    this.createdMs = nowMs;
    this.lastInteractionMs = nowMs;
    this.authenticated = authenticated;
  }

  get subscriptionCount(): number {
    return this.channels.size + this.patterns.size;
  }

  /** CLIENT LIST's `flags=`: `N` for none, else the letters of Redis's `getClientTypeFlags`. */
  flags(): string {
    let f = '';
    if (this.kind === 'replica') f += 'S';
    if (this.kind === 'primary') f += 'M';
    if (this.channels.size + this.patterns.size > 0) f += 'P';
    if (this.multi) f += 'x';
    if (this.blocked) f += 'b';
    if (this.closeAfterReply) f += 'c';
    if (this.monitor) f += 'O';
    return f === '' ? 'N' : f;
  }
}
