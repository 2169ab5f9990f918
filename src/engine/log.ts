/**
 * Redis's log format: `pid:role dd Mon yyyy hh:mm:ss.mmm <mark> message`.
 *
 * Counterpart in Redis: `serverLogRaw` in server.c. The role character is `M` (primary), `S`
 * (replica), `X` (sentinel) or `C` (a forked child, and the early startup lines); the mark is
 * `.` debug, `-` verbose, `*` notice, `#` warning. Lines below the configured `loglevel` are
 * dropped. Timestamps are formatted in UTC: the lab's machines live in UTC, as the reference
 * recordings did.
 */
import type { LogLevel } from './types.ts';

export type LogRole = 'M' | 'S' | 'X' | 'C';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MARK: Record<LogLevel, string> = { debug: '.', verbose: '-', notice: '*', warning: '#' };
const RANK: Record<LogLevel, number> = { debug: 0, verbose: 1, notice: 2, warning: 3 };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `27 Nov 2026 19:52:56.203` for a Unix time in milliseconds. */
export function formatLogTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** `Fri Nov 27 20:07:21 2026`, as C's ctime prints a time (Sentinel's failover-delay line). */
export function formatCtime(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return `${days[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

export function formatLogLine(pid: number, role: LogRole, ms: number, level: LogLevel, message: string): string {
  return `${pid}:${role} ${formatLogTime(ms)} ${MARK[level]} ${message}`;
}

/** Whether a line of `level` passes the configured `loglevel` (`nothing` drops everything). */
export function logLevelEnabled(level: LogLevel, configured: LogLevel | 'nothing'): boolean {
  return configured !== 'nothing' && RANK[level] >= RANK[configured];
}
