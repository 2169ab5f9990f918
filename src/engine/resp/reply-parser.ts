/**
 * Reads RESP2 replies out of a byte stream: what redis-cli, a replica and a sentinel do with a
 * server's answers. Counterpart in Redis: hiredis's reader (`redisReaderGetReply`).
 */
import type { Bytes } from '../types.ts';
import type { Reply } from './reply.ts';

export class ReplyParser {
  private buf = '';
  private pos = 0;

  push(bytes: Bytes): void {
    if (this.pos === this.buf.length) {
      this.buf = bytes;
      this.pos = 0;
    } else {
      if (this.pos > 65536) {
        this.buf = this.buf.slice(this.pos);
        this.pos = 0;
      }
      this.buf += bytes;
    }
  }

  /** Unconsumed bytes, for callers that switch to reading a raw payload (an RDB transfer). */
  takeRest(): Bytes {
    const rest = this.buf.slice(this.pos);
    this.buf = '';
    this.pos = 0;
    return rest;
  }

  get available(): number {
    return this.buf.length - this.pos;
  }

  /** The next complete reply, or null when more bytes are needed. Throws on a malformed stream. */
  next(): Reply | null {
    const save = this.pos;
    const r = this.read();
    if (r === undefined) {
      this.pos = save;
      return null;
    }
    return r;
  }

  /** Reads a line terminated by CRLF without consuming it past the reply (for `+FULLRESYNC`). */
  peekLine(): string | null {
    const cr = this.buf.indexOf('\r\n', this.pos);
    return cr < 0 ? null : this.buf.slice(this.pos, cr);
  }

  private line(): string | undefined {
    const cr = this.buf.indexOf('\r\n', this.pos);
    if (cr < 0) return undefined;
    const s = this.buf.slice(this.pos, cr);
    this.pos = cr + 2;
    return s;
  }

  private read(): Reply | undefined {
    if (this.pos >= this.buf.length) return undefined;
    const kind = this.buf[this.pos];
    this.pos++;
    const line = this.line();
    if (line === undefined) return undefined;
    switch (kind) {
      case '+':
        return { type: 'simple', value: line };
      case '-':
        return { type: 'error', value: line };
      case ':': {
        const value = Number(line);
        return Number.isSafeInteger(value) ? { type: 'integer', value } : { type: 'integer', value, exact: line };
      }
      case '$': {
        const len = Number(line);
        if (len < 0) return { type: 'bulk', value: null };
        if (this.buf.length - this.pos < len + 2) return undefined;
        const value = this.buf.slice(this.pos, this.pos + len);
        this.pos += len + 2;
        return { type: 'bulk', value };
      }
      case '*': {
        const len = Number(line);
        if (len < 0) return { type: 'array', value: null };
        const items: Reply[] = [];
        for (let i = 0; i < len; i++) {
          const item = this.read();
          if (item === undefined) return undefined;
          items.push(item);
        }
        return { type: 'array', value: items };
      }
      default:
        throw new Error(`Protocol error, got ${JSON.stringify(kind)} as reply type byte`);
    }
  }
}
