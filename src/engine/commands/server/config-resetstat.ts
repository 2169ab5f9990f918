/**
 * CONFIG RESETSTAT — resets the statistics INFO reports (commandstats, errorstats and the
 * counters of the stats section).
 * Counterpart in Redis: `configResetStatCommand` (config.c).
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const configResetstat = defineCommand({
  name: 'config|resetstat',
  parse() {
    return {};
  },
  apply({ server }) {
    server.stats.reset();
    return OK;
  },
});
