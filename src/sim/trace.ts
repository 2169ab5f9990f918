/**
 * The simulator's trace: one line per event, kept in a bounded ring buffer and printed when a
 * test fails (TigerBeetle prints one status line per replica event; raftscope keeps every
 * message as data). Recording stores references only — the time, a kind, two labels and the
 * payload string — and formats lazily, so tracing costs no string building on the hot path.
 *
 * A line reads:
 *
 * ```
 *     1000.137  c3  6380 → 6379  data  "*1\r\n$4\r\nPING\r\n"
 *    60000.000      6379  log  "81234:M 27 Nov 2026 19:53:56.203 # User requested shutdown..."
 * ```
 *
 * time in ms since the start of the run (3 decimals), the connection number when the event is
 * about one, source → target, kind, and an escaped excerpt of the bytes or text.
 */

export interface TraceRecord {
  timeMs: number;
  /** Connection number (0 when the event is not about a connection). */
  conn: number;
  kind: string;
  source: string;
  /** '' when the event has no destination. */
  target: string;
  detail: string;
}

/** How many bytes of a payload a line shows. */
const EXCERPT_BYTES = 80;

/** The `pid:R dd Mon yyyy hh:mm:ss.mmm ` prefix of a Redis log line (the trace has its own time). */
const LOG_PREFIX = /^\d+:([A-Z]) \d\d [A-Z][a-z][a-z] \d{4} \d\d:\d\d:\d\d\.\d{3} /;

export class Trace {
  readonly capacity: number;
  /** Events recorded since the start (including those the ring has dropped). */
  total = 0;
  private readonly times: Float64Array;
  private readonly conns: Int32Array;
  private readonly kinds: string[];
  private readonly sources: string[];
  private readonly targets: string[];
  private readonly details: string[];

  constructor(capacity = 2000) {
    this.capacity = Math.max(1, capacity);
    this.times = new Float64Array(this.capacity);
    this.conns = new Int32Array(this.capacity);
    this.kinds = new Array<string>(this.capacity);
    this.sources = new Array<string>(this.capacity);
    this.targets = new Array<string>(this.capacity);
    this.details = new Array<string>(this.capacity);
  }

  add(timeMs: number, conn: number, kind: string, source: string, target: string, detail: string): void {
    const i = this.total % this.capacity;
    this.times[i] = timeMs;
    this.conns[i] = conn;
    this.kinds[i] = kind;
    this.sources[i] = source;
    this.targets[i] = target;
    this.details[i] = detail;
    this.total++;
  }

  /** The number of records the ring still holds. */
  get size(): number {
    return Math.min(this.total, this.capacity);
  }

  /** The last `n` records (all kept ones by default), oldest first. */
  records(n = this.capacity): TraceRecord[] {
    const count = Math.min(n, this.size);
    const out: TraceRecord[] = [];
    for (let k = this.total - count; k < this.total; k++) {
      const i = k % this.capacity;
      out.push({ timeMs: this.times[i], conn: this.conns[i], kind: this.kinds[i], source: this.sources[i], target: this.targets[i], detail: this.details[i] });
    }
    return out;
  }

  /** The last `n` records as lines. */
  lines(n = this.capacity): string[] {
    return this.records(n).map(formatTraceRecord);
  }

  /** The last `n` lines as one block, with a note when older lines were dropped. */
  format(n = this.capacity): string {
    const lines = this.lines(n);
    const dropped = this.total - lines.length;
    return (dropped > 0 ? `  … ${dropped} earlier events not shown\n` : '') + lines.join('\n');
  }
}

export function formatTraceRecord(r: TraceRecord): string {
  const time = r.timeMs.toFixed(3).padStart(11);
  const conn = (r.conn ? `c${r.conn}` : '').padEnd(4);
  const route = r.target ? `${r.source} → ${r.target}` : r.source;
  const detail = r.kind === 'log' ? r.detail.replace(LOG_PREFIX, '$1 ') : r.detail;
  return `${time}  ${conn}  ${route}  ${r.kind}${detail ? `  ${excerpt(detail)}` : ''}`;
}

/** A short, escaped, quoted excerpt of bytes: `"+OK\r\n"`, `"$5\r\nhello…" (+1200 bytes)`. */
export function excerpt(bytes: string, max = EXCERPT_BYTES): string {
  let out = '"';
  const n = Math.min(bytes.length, max);
  for (let i = 0; i < n; i++) {
    const c = bytes.charCodeAt(i);
    if (c === 0x0d) out += '\\r';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c < 0x20 || c > 0x7e) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += bytes[i];
  }
  out += '"';
  if (bytes.length > max) out += `… (+${bytes.length - max} bytes)`;
  return out;
}
