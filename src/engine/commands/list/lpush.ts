/**
 * LPUSH key element [element ...] — pushes elements at the head, one after the other (so they end up reversed), creating the list; replies its length.
 * Counterpart in Redis: `lpushCommand` / `pushGenericCommand` (t_list.c).
 */
import { defineCommand } from '../command.ts';
import { pushGeneric } from './push-generic.ts';

export const lpush = defineCommand({
  name: 'lpush',
  parse(argv) {
    return { key: argv[1], elements: argv.slice(2) };
  },
  apply(ctx, { key, elements }) {
    return pushGeneric(ctx, key, elements, 'head', false);
  },
});
