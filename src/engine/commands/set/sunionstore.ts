/**
 * SUNIONSTORE destination key [key ...] — SUNION stored at destination (deleted when empty); replies its size.
 * Counterpart in Redis: `sunionstoreCommand` (t_set.c).
 */
import { defineCommand } from '../command.ts';
import { sunionDiffGeneric } from './set-ops.ts';

export const sunionstore = defineCommand({
  name: 'sunionstore',
  parse(argv) {
    return { keys: argv.slice(2), dst: argv[1] };
  },
  apply(ctx, { keys, dst }) {
    return sunionDiffGeneric(ctx, keys, dst, 'union');
  },
});
