/**
 * CLIENT INFO — the CLIENT LIST line of the connection itself.
 * Counterpart in Redis: `clientCommand` INFO branch (networking.c).
 */
import type { Bytes } from '../../types.ts';
import { bulk } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { clientInfoString } from './client-info-string.ts';

export const clientInfo = defineCommand({
  name: 'client|info',
  parse(argv) {
    return { argv: argv as Bytes[] };
  },
  apply({ server, client }, { argv }) {
    return bulk(clientInfoString(server, client, { argv, name: 'client|info' }) + '\n');
  },
});
