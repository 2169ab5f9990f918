/**
 * COMMAND COUNT — the number of top-level commands (240 in Redis 7.0.15).
 * Counterpart in Redis: `commandCountCommand` (server.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const commandCount = defineCommand({
  name: 'command|count',
  parse() {
    return {};
  },
  apply({ server }) {
    return integer(server.commands.size);
  },
});
