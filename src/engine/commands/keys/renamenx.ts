/**
 * RENAMENX key newkey — renames a key only if newkey does not exist; replies 1 or 0.
 * Counterpart in Redis: `renamenxCommand` (db.c).
 */
import { defineCommand } from '../command.ts';
import { renameGeneric } from './rename-generic.ts';

export const renamenx = defineCommand({
  name: 'renamenx',
  parse(argv) {
    return { src: argv[1], dst: argv[2] };
  },
  apply(ctx, { src, dst }) {
    return renameGeneric(ctx, src, dst, true);
  },
});
