/**
 * LASTSAVE — the Unix time (seconds) of the last successful RDB save (or of startup).
 * Counterpart in Redis: `lastsaveCommand` (rdb.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const lastsave = defineCommand({
  name: 'lastsave',
  parse() {
    return {};
  },
  apply({ server }) {
    return integer(Math.floor(server.persistence.lastSaveMs / 1000));
  },
});
