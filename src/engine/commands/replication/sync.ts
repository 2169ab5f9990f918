/**
 * SYNC — the pre-PSYNC way a replica asks for the whole dataset: the primary answers with a
 * snapshot (`$<len>` or an EOF-marked stream) and then the command stream, without
 * replication IDs or offsets. Counterpart in Redis: `syncCommand` (replication.c).
 */
import { error } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import type { Bytes } from '../../types.ts';

export const sync = defineCommand({
  name: 'sync',
  parse(argv: Bytes[]) {
    return { argv };
  },
  apply({ server, client }, { argv }) {
    const err = server.replication.syncCommand(client, argv);
    // The reply (the snapshot) is written by replication when it is ready.
    return err ? error(err) : { type: 'blocked' };
  },
});
