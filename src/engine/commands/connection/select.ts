/**
 * SELECT index — switches the connection to another logical database.
 * Counterpart in Redis: `selectCommand` (db.c). The index is read as a C int
 * (`getIntFromObjectOrReply`), then checked against `databases`.
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand, Errors, parseIntArg, ReplyError } from '../command.ts';

export const select = defineCommand({
  name: 'select',
  parse(argv) {
    const id = parseIntArg(argv[1]);
    if (id > 2147483647 || id < -2147483648) throw new ReplyError(Errors.notInteger);
    return { id };
  },
  apply({ server, client }, { id }) {
    if (id < 0 || id >= server.dbs.length) throw new ReplyError(Errors.dbIndex);
    client.db = id;
    return OK;
  },
});
