/**
 * CLIENT SETNAME name — names the connection (shown by CLIENT LIST); an empty name removes it.
 * Counterpart in Redis: `clientCommand` SETNAME branch (networking.c).
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { clientSetNameOrThrow } from './client-name.ts';

export const clientSetname = defineCommand({
  name: 'client|setname',
  parse(argv) {
    return { name: argv[2] };
  },
  apply({ client }, { name }) {
    clientSetNameOrThrow(client, name);
    return OK;
  },
});
