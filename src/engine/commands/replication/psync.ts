/**
 * PSYNC replid offset — a replica asks to continue the replication history `replid` from
 * `offset` (`+CONTINUE <replid>` and the missing bytes from the backlog), or, with `? -1` or
 * when the history or backlog does not allow it, for a full resynchronisation
 * (`+FULLRESYNC <replid> <offset>`, then the snapshot when it is produced).
 * Counterpart in Redis: `syncCommand` / `masterTryPartialResynchronization` (replication.c).
 */
import { error } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import type { Bytes } from '../../types.ts';

export const psync = defineCommand({
  name: 'psync',
  parse(argv: Bytes[]) {
    return { argv };
  },
  apply({ server, client }, { argv }) {
    const err = server.replication.syncCommand(client, argv);
    // +CONTINUE / +FULLRESYNC are written by replication itself, never as a command reply.
    return err ? error(err) : { type: 'blocked' };
  },
});
