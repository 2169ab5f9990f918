/**
 * WATCH key [key …] — makes the next EXEC conditional: it fails (null reply) if another
 * client, or an expiry, changes one of these keys first.
 * Counterpart in Redis: multi.c `watchCommand`.
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';
import { isDirtyCas, watchForKey } from './watched-keys.ts';

export const watch = defineCommand({
  name: 'watch',
  parse(argv) {
    return { keys: argv.slice(1) };
  },
  apply({ client, db, nowMs }, { keys }) {
    if (client.multi) throw new ReplyError('ERR WATCH inside MULTI is not allowed');
    // Already doomed: watching more keys changes nothing.
    if (isDirtyCas(client)) return OK;
    for (const key of keys) watchForKey(client, db, key, nowMs);
    return OK;
  },
});
