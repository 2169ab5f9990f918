/**
 * SINTERSTORE destination key [key ...] — SINTER stored at destination (deleted when empty); replies its size.
 * Counterpart in Redis: `sinterstoreCommand` (t_set.c).
 */
import { defineCommand } from '../command.ts';
import { sinterGeneric } from './set-ops.ts';

export const sinterstore = defineCommand({
  name: 'sinterstore',
  parse(argv) {
    return { keys: argv.slice(2), dst: argv[1] };
  },
  apply(ctx, { keys, dst }) {
    return sinterGeneric(ctx, keys, dst);
  },
});
