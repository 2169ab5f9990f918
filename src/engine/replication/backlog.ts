/**
 * The replication backlog: the most recent bytes of the replication stream, kept so that a
 * replica that lost its link for a short while can continue from where it stopped (PSYNC →
 * +CONTINUE) instead of downloading a whole new snapshot.
 *
 * Counterpart in Redis: `replBacklog` and the shared replication buffer of replication.c
 * (`createReplicationBacklog`, `feedReplicationBuffer`, `incrementalTrimReplicationBacklog`,
 * `addReplyReplicationBacklog`). Redis 7 keeps the stream in linked blocks and trims whole
 * blocks, so its `histlen` may exceed `repl-backlog-size` by up to one block; this model keeps
 * exactly the last `repl-backlog-size` bytes (a simplification: `repl_backlog_histlen` in INFO
 * never exceeds the configured size here).
 */
import type { Bytes } from '../types.ts';

export class ReplBacklog {
  /** The replication offset of the first byte held (`repl_backlog_first_byte_offset`). */
  offset: number;
  /** How many bytes are held (`repl_backlog_histlen`). */
  histlen = 0;
  /** `repl-backlog-size`: the most bytes kept. */
  size: number;
  private data: Bytes = '';

  /**
   * A new backlog holds nothing; virtually its first byte is the next one the stream produces,
   * at `masterReplOffset + 1` (Redis's `createReplicationBacklog`).
   */
  constructor(masterReplOffset: number, size: number) {
    this.offset = masterReplOffset + 1;
    this.size = Math.max(16 * 1024, size);
  }

  /** Appends stream bytes and drops the oldest ones beyond the configured size. */
  append(bytes: Bytes): void {
    this.data += bytes;
    this.histlen += bytes.length;
    this.trim();
  }

  /** CONFIG SET repl-backlog-size: keeps the newest bytes that still fit. */
  resize(size: number): void {
    this.size = Math.max(16 * 1024, size);
    this.trim();
  }

  private trim(): void {
    if (this.data.length > this.size) {
      const drop = this.data.length - this.size;
      this.data = this.data.slice(drop);
      this.histlen -= drop;
      this.offset += drop;
    }
  }

  /** Whether a replica asking to continue at `psyncOffset` can be served from here. */
  covers(psyncOffset: number): boolean {
    return psyncOffset >= this.offset && psyncOffset <= this.offset + this.histlen;
  }

  /** The bytes from replication offset `from` to the end (`addReplyReplicationBacklog`). */
  from(from: number): Bytes {
    if (this.histlen === 0) return '';
    return this.data.slice(from - this.offset);
  }
}
