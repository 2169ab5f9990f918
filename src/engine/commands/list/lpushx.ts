/**
 * LPUSHX key element [element ...] — LPUSH only onto an existing list; 0 when the key is missing.
 * Counterpart in Redis: `lpushxCommand` / `pushGenericCommand` (t_list.c).
 */
import { defineCommand } from '../command.ts';
import { pushGeneric } from './push-generic.ts';

export const lpushx = defineCommand({
  name: 'lpushx',
  parse(argv) {
    return { key: argv[1], elements: argv.slice(2) };
  },
  apply(ctx, { key, elements }) {
    return pushGeneric(ctx, key, elements, 'head', true);
  },
});
