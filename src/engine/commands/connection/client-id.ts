/**
 * CLIENT ID — the connection's unique, ever-increasing id.
 * Counterpart in Redis: `clientCommand` ID branch (networking.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const clientId = defineCommand({
  name: 'client|id',
  parse() {
    return {};
  },
  apply({ client }) {
    return integer(client.id);
  },
});
