/**
 * FLUSHDB [ASYNC|SYNC] — deletes every key of the selected database; OK. Each key removed is a
 * change, and the command is propagated even when the database was already empty.
 * Counterpart in Redis: `flushdbCommand` (db.c).
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { forcePropagation } from '../../server/keyspace.ts';
import { parseFlushOption } from './flush-generic.ts';

export const flushdb = defineCommand({
  name: 'flushdb',
  parse(argv) {
    parseFlushOption(argv);
    return { argv };
  },
  apply(ctx, { argv }) {
    ctx.server.markDirty(ctx.db.clear());
    forcePropagation(ctx, argv);
    return OK;
  },
});
