/**
 * RPOP key [count] — removes and replies the last element(s) of the list, last first.
 * Propagated as itself. Counterpart in Redis: `rpopCommand` / `popGenericCommand` (t_list.c).
 */
import { defineCommand } from '../command.ts';
import { parsePop, popGeneric } from './pop-generic.ts';

export const rpop = defineCommand({
  name: 'rpop',
  parse(argv) {
    return parsePop(argv, 'rpop');
  },
  apply(ctx, { key, count }) {
    return popGeneric(ctx, key, count, 'tail');
  },
});
