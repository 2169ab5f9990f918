/**
 * Connection state that only the connection commands read or write: CLIENT NO-EVICT and
 * CLIENT REPLY. Kept beside the commands (a WeakMap per client) rather than in `Client`, so the
 * client struct stays the one the server core needs.
 *
 * Counterpart in Redis: the CLIENT_NO_EVICT, CLIENT_REPLY_OFF, CLIENT_REPLY_SKIP_NEXT and
 * CLIENT_REPLY_SKIP flags of `client->flags` (server.h) and their checks in networking.c
 * (`prepareClientToWrite`).
 */
import type { Client } from '../../server/client.ts';

/** CLIENT REPLY: `on`; `off` drops every reply; `skip` drops the next one. */
export type ReplyMode = 'on' | 'off' | 'skip';

interface ConnState {
  noEvict: boolean;
  replyMode: ReplyMode;
  /** The largest reply written in the current peak window (CLIENT LIST `rbp=`). */
  replyPeak: number;
  replyPeakWindow: number;
}

/** Redis's `reply-buffer-peak-reset-time` default. */
const PEAK_RESET_MS = 5000;
/** When clientsCron first visits a new client (and resets its peak): within one 100 ms tick. */
const FIRST_CRON_MS = 100;

/**
 * The peak window a time falls in: clientsCron resets a client's peak on its first visit, then
 * every 5 seconds; replies written before the first visit are forgotten by it.
 */
function peakWindow(c: Client, nowMs: number): number {
  return Math.floor((nowMs - c.createdMs - FIRST_CRON_MS) / PEAK_RESET_MS);
}

const STATE = new WeakMap<Client, ConnState>();

/** The extra state of a client, created on first use. */
export function connState(c: Client): ConnState {
  let s = STATE.get(c);
  if (!s) {
    s = { noEvict: false, replyMode: 'on', replyPeak: 0, replyPeakWindow: -2 };
    STATE.set(c, s);
  }
  return s;
}

/**
 * Whether a reply may be written to the client now (`prepareClientToWrite`): not under CLIENT
 * REPLY OFF, and not the one reply CLIENT REPLY SKIP drops. Simplification: SKIP drops the
 * next reply written, which is the next command's reply except on a subscribed connection.
 */
export function replyAllowed(c: Client): boolean {
  const s = STATE.get(c);
  if (!s || s.replyMode === 'on') return true;
  if (s.replyMode === 'skip') s.replyMode = 'on';
  return false;
}

/**
 * Notes a reply of `bytes` bytes written to the client at `nowMs`, for CLIENT LIST's reply
 * buffer fields (Redis tracks `buf_peak`, which clientsCron resets periodically).
 */
export function noteReply(c: Client, bytes: number, nowMs: number): void {
  const s = connState(c);
  const w = peakWindow(c, nowMs);
  if (w !== s.replyPeakWindow) {
    s.replyPeak = 0;
    s.replyPeakWindow = w;
  }
  if (bytes > s.replyPeak) s.replyPeak = bytes;
}

/** The reply peak as of `nowMs` (0 once a reset passed without a reply). */
export function replyPeak(c: Client, nowMs: number): number {
  const s = STATE.get(c);
  if (!s || s.replyPeakWindow !== peakWindow(c, nowMs)) return 0;
  return s.replyPeak;
}

/** RESET clears the reply mode (and keeps NO-EVICT, as Redis's `clearClientConnectionState` does). */
export function resetConnState(c: Client): void {
  const s = STATE.get(c);
  if (s) s.replyMode = 'on';
}
