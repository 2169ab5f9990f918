/**
 * UNLINK key [key ...] — DEL that frees memory in the background; the same reply and effect.
 * Counterpart in Redis: `unlinkCommand` (db.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { delGeneric } from './del.ts';

export const unlink = defineCommand({
  name: 'unlink',
  parse(argv) {
    return { keys: argv.slice(1) };
  },
  apply(ctx, { keys }) {
    return integer(delGeneric(ctx, keys));
  },
});
