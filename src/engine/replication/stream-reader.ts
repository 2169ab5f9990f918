/**
 * Readers for the two things a replica receives from its primary: single reply lines during the
 * handshake (`+PONG`, `+FULLRESYNC <replid> <offset>`, `-NOAUTH …`), and afterwards the
 * replication stream, a sequence of RESP multibulk commands whose exact byte lengths count
 * toward the replication offset.
 *
 * Counterpart in Redis: `receiveSynchronousResponse` / `connSyncReadLine` (replication.c,
 * syncio.c) and `processMultibulkBuffer` with the `reploff` bookkeeping of networking.c.
 */
import type { Bytes } from '../types.ts';

/** An incoming byte buffer read either line by line or command by command. */
export class StreamReader {
  private buf: Bytes = '';

  push(bytes: Bytes): void {
    this.buf += bytes;
  }

  get length(): number {
    return this.buf.length;
  }

  /** Takes everything buffered. */
  takeAll(): Bytes {
    const b = this.buf;
    this.buf = '';
    return b;
  }

  /** Takes `n` bytes, or null when fewer are buffered. */
  take(n: number): Bytes | null {
    if (this.buf.length < n) return null;
    const b = this.buf.slice(0, n);
    this.buf = this.buf.slice(n);
    return b;
  }

  /**
   * One line without its terminator (`\n`, with a `\r` before it dropped, as connSyncReadLine
   * does), or null when no full line has arrived. A lone newline (the primary's keepalive
   * during the snapshot wait) reads as the empty string.
   */
  readLine(): string | null {
    const nl = this.buf.indexOf('\n');
    if (nl < 0) return null;
    let line = this.buf.slice(0, nl);
    this.buf = this.buf.slice(nl + 1);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    return line;
  }

  /**
   * The next complete multibulk command with the raw bytes it occupied, null when incomplete,
   * or 'error' when the bytes are not RESP multibulk (a broken stream). Lone newlines before a
   * command are skipped and counted in `raw`, as Redis counts every byte it read.
   */
  readCommand(): { argv: Bytes[]; raw: Bytes } | null | 'error' {
    const b = this.buf;
    let p = 0;
    while (p < b.length && (b[p] === '\n' || b[p] === '\r')) p++;
    if (p >= b.length) return null;
    if (b[p] !== '*') return 'error';
    const readNum = (): number | null | 'error' => {
      const nl = b.indexOf('\r\n', p);
      if (nl < 0) return null;
      const text = b.slice(p + 1, nl);
      if (!/^-?\d+$/.test(text)) return 'error';
      p = nl + 2;
      return Number(text);
    };
    const count = readNum();
    if (count === null || count === 'error') return count;
    const argv: Bytes[] = [];
    for (let i = 0; i < count; i++) {
      if (p >= b.length) return null;
      if (b[p] !== '$') return 'error';
      const len = readNum();
      if (len === null || len === 'error') return len;
      if (p + len + 2 > b.length) return null;
      argv.push(b.slice(p, p + len));
      p += len + 2;
    }
    const raw = b.slice(0, p);
    this.buf = b.slice(p);
    if (count <= 0) return this.readCommand();
    return { argv, raw };
  }
}
