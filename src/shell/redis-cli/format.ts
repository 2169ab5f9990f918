/**
 * How redis-cli prints a reply: the human ("TTY") format used when its output is a terminal or
 * with `--no-raw`, and the raw format used when piped or with `--raw`.
 *
 * Counterpart in Redis: `cliFormatReplyTTY`, `cliFormatReplyRaw` and `cliFormatReply` in
 * redis-cli.c, and `sdscatrepr` in sds.c for quoted strings. Only RESP2 reply types exist here.
 */
import type { Reply } from '../../engine/resp/reply.ts';
import { catRepr } from '../../engine/util/repr.ts';

export type OutputMode = 'standard' | 'raw';

/**
 * A bulk string as redis-cli shows it: in double quotes, with `\\` and `"` escaped, `\n \r \t
 * \a \b` spelled out and other non-printable bytes as `\xNN` (`sdscatrepr`).
 */
export const repr = catRepr;

/** The human format: `(integer) 1`, `"a"`, `(nil)`, numbered arrays with nested indentation. */
export function formatReplyTTY(reply: Reply, prefix = ''): string {
  switch (reply.type) {
    case 'error':
      return `(error) ${reply.value}\n`;
    case 'simple':
      return `${reply.value}\n`;
    case 'integer':
      // (beyond 2^53 the parser keeps the digits in `exact`: a Number would round them)
      return `(integer) ${reply.exact ?? reply.value}\n`;
    case 'bulk':
      return reply.value === null ? '(nil)\n' : `${repr(reply.value)}\n`;
    case 'raw':
      return reply.value;
    case 'array': {
      // hiredis reports a null multi-bulk (`*-1`) as a nil reply.
      if (reply.value === null) return '(nil)\n';
      const items = reply.value;
      if (items.length === 0) return '(empty array)\n';
      const idxlen = String(items.length).length;
      const childPrefix = prefix + ' '.repeat(idxlen + 2);
      let out = '';
      items.forEach((item, i) => {
        out += `${i === 0 ? '' : prefix}${String(i + 1).padStart(idxlen)}) `;
        out += formatReplyTTY(item, childPrefix);
      });
      return out;
    }
  }
}

/** The raw format: bare values, array elements one per line, nothing at all for nil. */
export function formatReplyRaw(reply: Reply): string {
  switch (reply.type) {
    case 'error':
      return `${reply.value}\n`;
    case 'simple':
      return reply.value;
    case 'integer':
      return reply.exact ?? String(reply.value);
    case 'bulk':
      return reply.value ?? '';
    case 'raw':
      return reply.value;
    case 'array':
      return (reply.value ?? []).map(formatReplyRaw).join('\n');
  }
}

/**
 * Whether redis-cli prints this command's reply verbatim, whatever the output mode: INFO,
 * CLIENT LIST/INFO, MEMORY DOCTOR, LATENCY DOCTOR… (`output_raw` in `cliSendCommand`).
 */
export function printsVerbatim(argv: readonly string[]): boolean {
  const cmd = (argv[0] ?? '').toLowerCase();
  const sub = (argv[1] ?? '').toLowerCase();
  const n = argv.length;
  return (
    cmd === 'info' ||
    cmd === 'lolwut' ||
    (n >= 2 && cmd === 'debug' && (sub === 'htstats' || sub === 'htstats-key' || sub === 'client-eviction')) ||
    (n >= 2 && cmd === 'memory' && (sub === 'malloc-stats' || sub === 'doctor')) ||
    (n === 2 && cmd === 'cluster' && (sub === 'nodes' || sub === 'info')) ||
    (n >= 2 && cmd === 'client' && (sub === 'list' || sub === 'info')) ||
    (n === 3 && cmd === 'latency' && sub === 'graph') ||
    (n === 2 && cmd === 'latency' && sub === 'doctor') ||
    (n >= 2 && cmd === 'proxy' && sub === 'info')
  );
}

/**
 * The text redis-cli prints for one reply (`cliFormatReply`): verbatim replies get no newline
 * of their own; raw mode ends each reply with a newline; the human format carries its own.
 */
export function formatReply(reply: Reply, mode: OutputMode, verbatim = false): string {
  if (verbatim) return formatReplyRaw(reply);
  return mode === 'standard' ? formatReplyTTY(reply) : formatReplyRaw(reply) + '\n';
}

/** The `(1.06s)` line printed after a slow command in interactive and batch mode (≥ 500 ms). */
export function formatElapsed(ms: number): string | null {
  return ms >= 500 ? `(${(ms / 1000).toFixed(2)}s)\n` : null;
}
