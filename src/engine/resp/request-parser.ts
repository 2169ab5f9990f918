/**
 * Reads client requests out of a connection's byte stream: RESP multibulk (`*2\r\n$3\r\nGET…`)
 * and the inline form a person types over telnet (`GET foo\r\n`).
 *
 * Counterpart in Redis: `processMultibulkBuffer` and `processInlineBuffer` in networking.c. The
 * parser is incremental (a request may arrive in pieces) and reports protocol errors with
 * Redis's exact text; after one, Redis answers the error and closes the connection.
 */
import type { Bytes } from '../types.ts';
import { splitArgs } from '../util/split-args.ts';

/** Longest inline request, and longest `*`/`$` header line (PROTO_INLINE_MAX_SIZE). */
const INLINE_MAX = 64 * 1024;
/** Limits for clients that have not authenticated yet (networking.c). */
const UNAUTH_MAX_MULTIBULK = 10;
const UNAUTH_MAX_BULK = 16384;
/** proto-max-bulk-len default: 512 MB. */
const MAX_BULK = 512 * 1024 * 1024;

export type ParseResult =
  | { kind: 'command'; argv: Bytes[]; bytes: number }
  | { kind: 'error'; message: string };

export class RequestParser {
  private buf = '';
  private pos = 0;
  /** Multibulk state: arguments still expected, and those read so far. */
  private pending = 0;
  private argv: Bytes[] = [];
  private bulkLen = -1;
  private start = 0;

  push(bytes: Bytes): void {
    if (this.pos > 0 && this.pos === this.buf.length) {
      this.buf = bytes;
      this.pos = 0;
      this.start = 0;
    } else {
      this.buf += bytes;
    }
  }

  /** Bytes received but not yet consumed (the `qbuf` of CLIENT LIST). */
  get buffered(): number {
    return this.buf.length - this.start;
  }

  /**
   * Returns the next complete request, a protocol error, or null when more bytes are needed.
   * `authenticated` lifts the small limits Redis puts on unauthenticated clients.
   */
  next(authenticated: boolean): ParseResult | null {
    for (;;) {
      if (this.pending === 0 && this.argv.length === 0) {
        this.compact();
        if (this.pos >= this.buf.length) return null;
        this.start = this.pos;
        if (this.buf[this.pos] === '*') {
          const line = this.readLine();
          if (line === null) {
            if (this.buf.length - this.pos > INLINE_MAX) return { kind: 'error', message: 'Protocol error: too big mbulk count string' };
            return null;
          }
          const count = parseInteger(line.slice(1));
          if (count === null || count > 2147483647) return { kind: 'error', message: 'Protocol error: invalid multibulk length' };
          if (!authenticated && count > UNAUTH_MAX_MULTIBULK) return { kind: 'error', message: 'Protocol error: unauthenticated multibulk length' };
          if (count <= 0) continue; // an empty multibulk is skipped silently
          this.pending = count;
          this.argv = [];
        } else {
          const r = this.inline();
          if (r === 'empty') continue; // an empty line is ignored
          return r;
        }
      }
      while (this.pending > 0) {
        if (this.bulkLen < 0) {
          if (this.pos >= this.buf.length) return null;
          const line = this.readLine();
          if (line === null) {
            if (this.buf.length - this.pos > INLINE_MAX) return { kind: 'error', message: 'Protocol error: too big bulk count string' };
            return null;
          }
          if (line[0] !== '$') {
            // The byte itself (the `\r` of an empty line too); Redis turns CR and LF in an error into spaces.
            const got = this.buf[this.pos - line.length - 2].replace(/[\r\n]/, ' ');
            return { kind: 'error', message: `Protocol error: expected '$', got '${got}'` };
          }
          const len = parseInteger(line.slice(1));
          if (len === null || len < 0 || len > MAX_BULK) return { kind: 'error', message: 'Protocol error: invalid bulk length' };
          if (!authenticated && len > UNAUTH_MAX_BULK) return { kind: 'error', message: 'Protocol error: unauthenticated bulk length' };
          this.bulkLen = len;
        }
        if (this.buf.length - this.pos < this.bulkLen + 2) return null;
        this.argv.push(this.buf.slice(this.pos, this.pos + this.bulkLen));
        this.pos += this.bulkLen + 2;
        this.bulkLen = -1;
        this.pending--;
      }
      const argv = this.argv;
      this.argv = [];
      return { kind: 'command', argv, bytes: this.pos - this.start };
    }
  }

  private inline(): ParseResult | 'empty' | null {
    // Like strchr in networking.c, the search for the newline stops at a NUL byte: a request
    // holding one before its newline waits (until it is too big) rather than running.
    const nl = findByte(this.buf, '\n', this.pos);
    if (nl < 0) {
      if (this.buf.length - this.pos > INLINE_MAX) return { kind: 'error', message: 'Protocol error: too big inline request' };
      return null;
    }
    let line = this.buf.slice(this.pos, nl);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    this.pos = nl + 1;
    const argv = splitArgs(line);
    if (argv === null) return { kind: 'error', message: 'Protocol error: unbalanced quotes in request' };
    if (argv.length === 0) return 'empty';
    return { kind: 'command', argv, bytes: this.pos - this.start };
  }

  /**
   * A `*`/`$` header line, as processMultibulkBuffer finds it: up to the first `\r` (the search
   * stops at a NUL byte), which must be followed by one more byte — taken as the `\n` without
   * looking at it.
   */
  private readLine(): string | null {
    const cr = findByte(this.buf, '\r', this.pos);
    if (cr < 0 || cr + 1 >= this.buf.length) return null;
    const line = this.buf.slice(this.pos, cr);
    this.pos = cr + 2;
    return line;
  }

  private compact(): void {
    if (this.pos > 4096 && this.pos > this.buf.length / 2) {
      this.buf = this.buf.slice(this.pos);
      this.pos = 0;
      this.start = 0;
    }
  }
}

/** The index of `ch` in `buf` from `from`, or -1 when absent or after a NUL byte (C's `strchr`). */
function findByte(buf: string, ch: string, from: number): number {
  const i = buf.indexOf(ch, from);
  if (i < 0) return -1;
  for (let j = from; j < i; j++) if (buf.charCodeAt(j) === 0) return -1;
  return i;
}

/** Parses a signed decimal integer the way `string2ll` does: no spaces, no plus sign, no leading zeros. */
export function parseInteger(s: string): number | null {
  if (!/^(0|-?[1-9][0-9]*)$/.test(s) || s.length > 20) return null;
  const n = Number(s);
  if (!Number.isSafeInteger(n)) {
    // Redis accepts the full signed 64-bit range; beyond 2^53 we keep the rounded value.
    const big = BigInt(s);
    if (big > 9223372036854775807n || big < -9223372036854775808n) return null;
  }
  return n;
}
