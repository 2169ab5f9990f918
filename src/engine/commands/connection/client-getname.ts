/**
 * CLIENT GETNAME — the connection's name, or nil when it has none.
 * Counterpart in Redis: `clientCommand` GETNAME branch (networking.c).
 */
import { bulk } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const clientGetname = defineCommand({
  name: 'client|getname',
  parse() {
    return {};
  },
  apply({ client }) {
    return bulk(client.name === '' ? null : client.name);
  },
});
