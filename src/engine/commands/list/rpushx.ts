/**
 * RPUSHX key element [element ...] — RPUSH only onto an existing list; 0 when the key is missing.
 * Counterpart in Redis: `rpushxCommand` / `pushGenericCommand` (t_list.c).
 */
import { defineCommand } from '../command.ts';
import { pushGeneric } from './push-generic.ts';

export const rpushx = defineCommand({
  name: 'rpushx',
  parse(argv) {
    return { key: argv[1], elements: argv.slice(2) };
  },
  apply(ctx, { key, elements }) {
    return pushGeneric(ctx, key, elements, 'tail', true);
  },
});
