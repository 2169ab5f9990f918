/**
 * SINTER key [key ...] — the members present in every set.
 * Counterpart in Redis: `sinterCommand` (t_set.c).
 */
import { defineCommand } from '../command.ts';
import { sinterGeneric } from './set-ops.ts';

export const sinter = defineCommand({
  name: 'sinter',
  parse(argv) {
    return { keys: argv.slice(1), dst: null };
  },
  apply(ctx, { keys, dst }) {
    return sinterGeneric(ctx, keys, dst);
  },
});
