/**
 * TIME — the server's clock as two bulk strings: Unix seconds and the microseconds within
 * the second. The clock is the virtual one (`nowMs`), so the microseconds are whole ms × 1000.
 * Counterpart in Redis: `timeCommand` (server.c).
 */
import { bulks } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const time = defineCommand({
  name: 'time',
  parse() {
    return {};
  },
  apply({ nowMs }) {
    const usec = Math.floor(nowMs * 1000);
    return bulks([String(Math.floor(usec / 1_000_000)), String(usec % 1_000_000)]);
  },
});
