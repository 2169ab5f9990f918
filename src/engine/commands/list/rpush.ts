/**
 * RPUSH key element [element ...] — pushes elements at the tail, creating the list; replies its length.
 * Counterpart in Redis: `rpushCommand` / `pushGenericCommand` (t_list.c).
 */
import { defineCommand } from '../command.ts';
import { pushGeneric } from './push-generic.ts';

export const rpush = defineCommand({
  name: 'rpush',
  parse(argv) {
    return { key: argv[1], elements: argv.slice(2) };
  },
  apply(ctx, { key, elements }) {
    return pushGeneric(ctx, key, elements, 'tail', false);
  },
});
