/**
 * SDIFF key [key ...] — the members of the first set present in none of the others.
 * Counterpart in Redis: `sdiffCommand` (t_set.c).
 */
import { defineCommand } from '../command.ts';
import { sunionDiffGeneric } from './set-ops.ts';

export const sdiff = defineCommand({
  name: 'sdiff',
  parse(argv) {
    return { keys: argv.slice(1), dst: null };
  },
  apply(ctx, { keys, dst }) {
    return sunionDiffGeneric(ctx, keys, dst, 'diff');
  },
});
