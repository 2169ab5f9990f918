/**
 * The replication backlog: the most recent bytes of the replication stream, kept so that a
 * replica that lost its link for a short while can continue from where it stopped (PSYNC →
 * +CONTINUE) instead of downloading a whole new snapshot.
 *
 * Counterpart in Redis: `replBacklog` and the shared replication buffer of replication.c
 * (`createReplicationBacklog`, `feedReplicationBuffer`, `incrementalTrimReplicationBacklog`,
 * `addReplyReplicationBacklog`). Redis 7 keeps the stream in a list of blocks and frees only
 * whole blocks from the front, and only while what remains still exceeds `repl-backlog-size`;
 * so `repl_backlog_histlen` may exceed the setting by up to one block, and a replica may
 * continue after a gap somewhat larger than the setting. This model keeps the blocks' sizes
 * (jemalloc's usable size of each allocation, as Redis records it) and trims as Redis does.
 * Simplification: a block a lagging replica still reads from is trimmed anyway (Redis waits
 * until the replica has been sent past it); a connected replica is sent the stream at once
 * here, so the difference does not show.
 */
import type { Bytes } from '../types.ts';

/** `PROTO_REPLY_CHUNK_BYTES`: the smallest block Redis allocates for the stream. */
const CHUNK_BYTES = 16 * 1024;
/** `sizeof(replBufBlock)` on 64-bit Linux: refcount (padded), id, repl_offset, size, used. */
const BLOCK_HEADER_BYTES = 40;
/** `CONFIG_REPL_BACKLOG_MIN_SIZE`. */
const MIN_SIZE = 16 * 1024;

/**
 * jemalloc's usable size for a request of `n` bytes (its size classes: four per doubling above
 * 4 KiB). Blocks here are at least 16 KiB + a header, so only the large classes matter.
 */
export function jemallocUsable(n: number): number {
  if (n <= 4096) return Math.max(8, 2 ** Math.ceil(Math.log2(n)));
  const k = Math.floor(Math.log2(n - 1));
  const spacing = 2 ** (k - 2);
  return Math.ceil(n / spacing) * spacing;
}

export class ReplBacklog {
  /** The replication offset of the first byte held (`repl_backlog_first_byte_offset`). */
  offset: number;
  /** How many bytes are held (`repl_backlog_histlen`). */
  histlen = 0;
  /** `repl-backlog-size`: the trimming threshold. */
  size: number;
  private data: Bytes = '';
  /** The blocks holding `data`, oldest first: capacity (`size`) and bytes filled (`used`). */
  private blocks: Array<{ size: number; used: number }> = [];

  /**
   * A new backlog holds nothing; virtually its first byte is the next one the stream produces,
   * at `masterReplOffset + 1` (Redis's `createReplicationBacklog`).
   */
  constructor(masterReplOffset: number, size: number) {
    this.offset = masterReplOffset + 1;
    this.size = Math.max(MIN_SIZE, size);
  }

  /**
   * Appends stream bytes (`feedReplicationBuffer`): they fill the tail block, then new blocks
   * of at least 16 KiB (at most a sixteenth of the backlog size, unless 16 KiB is more), then
   * the oldest whole blocks go while the rest still exceeds the setting.
   */
  append(bytes: Bytes): void {
    this.data += bytes;
    this.histlen += bytes.length;
    let len = bytes.length;
    const tail = this.blocks[this.blocks.length - 1];
    if (tail && tail.size > tail.used) {
      const copy = Math.min(tail.size - tail.used, len);
      tail.used += copy;
      len -= copy;
    }
    const limit = Math.max(Math.floor(this.size / 16), CHUNK_BYTES);
    while (len > 0) {
      const want = Math.min(Math.max(len, CHUNK_BYTES), limit);
      const blockSize = jemallocUsable(want + BLOCK_HEADER_BYTES) - BLOCK_HEADER_BYTES;
      const copy = Math.min(blockSize, len);
      this.blocks.push({ size: blockSize, used: copy });
      len -= copy;
    }
    this.trim();
  }

  /** CONFIG SET repl-backlog-size (`resizeReplicationBacklog`): trims to the new setting. */
  resize(size: number): void {
    this.size = Math.max(MIN_SIZE, size);
    this.trim();
  }

  /** `incrementalTrimReplicationBacklog`: never below one block, never below the setting. */
  private trim(): void {
    let drop = 0;
    while (this.histlen > this.size && this.blocks.length > 1) {
      const first = this.blocks[0];
      if (this.histlen - first.size <= this.size) break;
      this.blocks.shift();
      this.histlen -= first.size;
      drop += first.size;
    }
    if (drop > 0) {
      this.data = this.data.slice(drop);
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
