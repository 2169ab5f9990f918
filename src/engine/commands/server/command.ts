/**
 * COMMAND — the COMMAND INFO entry of every command (name, arity, flags, key positions, ACL
 * categories, tips, key specs, subcommands), as recorded from Redis 7.0.15.
 * Counterpart in Redis: `commandCommand` (server.c). The order is the command table's (Redis
 * walks a hash table, whose order differs between processes anyway).
 */
import { array } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const command = defineCommand({
  name: 'command',
  parse() {
    return {};
  },
  apply({ server }) {
    return array([...server.commands.all()].map((m) => m.info));
  },
});
