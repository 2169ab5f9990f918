/**
 * LPOP key [count] — removes and replies the first element(s) of the list.
 * Propagated as itself. Counterpart in Redis: `lpopCommand` / `popGenericCommand` (t_list.c).
 */
import { defineCommand } from '../command.ts';
import { parsePop, popGeneric } from './pop-generic.ts';

export const lpop = defineCommand({
  name: 'lpop',
  parse(argv) {
    return parsePop(argv, 'lpop');
  },
  apply(ctx, { key, count }) {
    return popGeneric(ctx, key, count, 'head');
  },
});
