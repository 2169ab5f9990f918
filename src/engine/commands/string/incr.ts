/**
 * INCR key — adds 1 to the integer stored at key (0 if missing); replies the new value.
 * Counterpart in Redis: `incrCommand` (t_string.c).
 */
import { defineCommand } from '../command.ts';
import { incrDecr } from './incr-generic.ts';

export const incr = defineCommand({
  name: 'incr',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    return incrDecr(ctx, key, 1n);
  },
});
