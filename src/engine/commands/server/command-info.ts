/**
 * COMMAND INFO [name …] — the COMMAND entry of each named command (nil for unknown names), or
 * of every command when none is named.
 * Counterpart in Redis: `commandInfoCommand` (server.c).
 */
import { array, NIL } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { lookupByFullName } from './command-lookup.ts';

export const commandInfo = defineCommand({
  name: 'command|info',
  parse(argv) {
    return { names: argv.slice(2) };
  },
  apply({ server }, { names }) {
    if (names.length === 0) return array([...server.commands.all()].map((m) => m.info));
    return array(names.map((n) => lookupByFullName(server.commands, n)?.info ?? NIL));
  },
});
