/**
 * SAVE — writes the RDB snapshot synchronously; `OK`, or `ERR` when it failed (the log says
 * why), or an error while a background save runs.
 * Counterpart in Redis: `saveCommand` (rdb.c); the work is `persistence.saveNow()`.
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';

export const save = defineCommand({
  name: 'save',
  parse() {
    return {};
  },
  apply({ server }) {
    if (!server.persistence.saveNow()) throw new ReplyError('ERR');
    return OK;
  },
});
