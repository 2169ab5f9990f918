/**
 * RENAME key newkey — renames a key, replacing newkey if it exists; OK, or "ERR no such key".
 * Counterpart in Redis: `renameCommand` (db.c).
 */
import { defineCommand } from '../command.ts';
import { renameGeneric } from './rename-generic.ts';

export const rename = defineCommand({
  name: 'rename',
  parse(argv) {
    return { src: argv[1], dst: argv[2] };
  },
  apply(ctx, { src, dst }) {
    return renameGeneric(ctx, src, dst, false);
  },
});
