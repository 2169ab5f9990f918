/**
 * FLUSHALL [ASYNC|SYNC] — deletes every key of every database; OK. When save points are
 * configured Redis then saves an (empty) RDB at once, so a restart cannot bring the data back.
 * Propagated even when nothing was deleted.
 * Counterpart in Redis: `flushallCommand` / `flushAllDataAndResetRDB` (db.c).
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { forcePropagation } from '../../server/keyspace.ts';
import { parseFlushOption } from './flush-generic.ts';

export const flushall = defineCommand({
  name: 'flushall',
  parse(argv) {
    parseFlushOption(argv);
    return { argv };
  },
  apply(ctx, { argv }) {
    const { server } = ctx;
    let removed = 0;
    for (const db of server.dbs) removed += db.clear();
    server.markDirty(removed);
    server.persistence.resetAfterFlushAll();
    forcePropagation(ctx, argv);
    return OK;
  },
});
