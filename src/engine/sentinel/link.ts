/**
 * One asynchronous RESP connection from a sentinel to an instance: commands are written at
 * once (buffered until the connection is up) and each reply is handed to the callback queued
 * with its command; a SUBSCRIBE callback stays and receives every message that follows.
 *
 * Counterpart in Redis: hiredis's `redisAsyncContext` as sentinel.c uses it
 * (`redisAsyncConnectBind`, `redisAsyncCommand`, the connect and disconnect callbacks, and
 * `redisAsyncFree`, which drops pending callbacks without calling them with a reply).
 */
import type { Addr, Bytes, ConnId } from '../types.ts';
import type { Reply } from '../resp/reply.ts';
import { encodeCommand } from '../resp/reply.ts';
import { ReplyParser } from '../resp/reply-parser.ts';
import type { OutgoingHandler } from '../server/server.ts';

/** What a link needs from the server that owns it. */
export interface LinkHost {
  connect(host: string, port: number, handler: OutgoingHandler): ConnId;
  send(conn: ConnId, bytes: Bytes): void;
  closeOutgoing(conn: ConnId): void;
}

export type ReplyCallback = (reply: Reply) => void;

interface Pending {
  cb: ReplyCallback;
  /** A SUBSCRIBE callback: it keeps receiving the channel's messages. */
  persistent: boolean;
}

export class RespConn implements OutgoingHandler {
  readonly conn: ConnId;
  /** The local address once connected (what `anetFdToString(FD_TO_SOCK_NAME)` reports). */
  local: Addr | null = null;
  connected = false;
  closed = false;
  private readonly host: LinkHost;
  private readonly parser = new ReplyParser();
  private readonly pending: Pending[] = [];
  private outbox = '';
  private readonly onDisconnect: (conn: RespConn) => void;

  /**
   * Starts connecting to `ip:port`. `onDisconnect` runs once when the connection fails or is
   * closed by the peer (hiredis's connect-error and disconnect callbacks), never after `close()`.
   */
  constructor(host: LinkHost, ip: string, port: number, onDisconnect: (conn: RespConn) => void) {
    this.host = host;
    this.onDisconnect = onDisconnect;
    this.conn = host.connect(ip, port, this);
  }

  /** Queues a command; its reply goes to `cb` (or is discarded when `cb` is null). */
  command(argv: Bytes[], cb: ReplyCallback | null, persistent = false): void {
    if (this.closed) return;
    this.pending.push({ cb: cb ?? (() => {}), persistent });
    const bytes = encodeCommand(argv);
    if (this.connected) this.host.send(this.conn, bytes);
    else this.outbox += bytes;
  }

  /** Closes the connection from our side; pending callbacks are dropped. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending.length = 0;
    this.host.closeOutgoing(this.conn);
  }

  onConnected(local: Addr): void {
    if (this.closed) return;
    this.connected = true;
    this.local = local;
    if (this.outbox) {
      this.host.send(this.conn, this.outbox);
      this.outbox = '';
    }
  }

  onConnectFailed(): void {
    this.lost();
  }

  onClosed(): void {
    this.lost();
  }

  onData(bytes: Bytes): void {
    if (this.closed) return;
    this.parser.push(bytes);
    for (;;) {
      let r: Reply | null;
      try {
        r = this.parser.next();
      } catch {
        // A protocol error: hiredis frees the context and reports the disconnection.
        this.host.closeOutgoing(this.conn);
        this.lost();
        return;
      }
      if (r === null || this.closed) return;
      const head = this.pending[0];
      if (!head) continue;
      if (!head.persistent) this.pending.shift();
      head.cb(r);
    }
  }

  private lost(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending.length = 0;
    this.onDisconnect(this);
  }
}
