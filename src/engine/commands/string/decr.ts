/**
 * DECR key — subtracts 1 from the integer stored at key (0 if missing); replies the new value.
 * Counterpart in Redis: `decrCommand` (t_string.c).
 */
import { defineCommand } from '../command.ts';
import { incrDecr } from './incr-generic.ts';

export const decr = defineCommand({
  name: 'decr',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    return incrDecr(ctx, key, -1n);
  },
});
