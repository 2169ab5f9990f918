/**
 * SUNION key [key ...] — the members of any of the sets.
 * Counterpart in Redis: `sunionCommand` (t_set.c).
 */
import { defineCommand } from '../command.ts';
import { sunionDiffGeneric } from './set-ops.ts';

export const sunion = defineCommand({
  name: 'sunion',
  parse(argv) {
    return { keys: argv.slice(1), dst: null };
  },
  apply(ctx, { keys, dst }) {
    return sunionDiffGeneric(ctx, keys, dst, 'union');
  },
});
