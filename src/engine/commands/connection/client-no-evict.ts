/**
 * CLIENT NO-EVICT ON|OFF — protects the connection from client eviction (maxmemory-clients).
 * The lab never evicts clients; the flag is kept and shown (`e` in CLIENT LIST flags).
 * Counterpart in Redis: `clientCommand` NO-EVICT branch (networking.c).
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';
import { connState } from './client-state.ts';

export const clientNoEvict = defineCommand({
  name: 'client|no-evict',
  parse(argv) {
    const v = argv[2].toLowerCase();
    if (v !== 'on' && v !== 'off') throw new ReplyError(Errors.syntax);
    return { on: v === 'on' };
  },
  apply({ client }, { on }) {
    connState(client).noEvict = on;
    return OK;
  },
});
