/**
 * SETEX key seconds value — SET with an expiry in seconds, which must be positive
 * ("invalid expire time in 'setex' command"). Propagated as `SET key value PXAT <ms>`.
 * Counterpart in Redis: `setexCommand` (t_string.c).
 */
import { defineCommand } from '../command.ts';
import { parseStringOptions, setGeneric } from './string-generic.ts';

export const setex = defineCommand({
  name: 'setex',
  parse(argv) {
    return { argv };
  },
  apply(ctx, { argv }) {
    const options = { ...parseStringOptions([], 'set'), expire: { unit: 'EX' as const, arg: argv[2] } };
    return setGeneric(ctx, { argv, key: argv[1], value: argv[3], options, command: 'setex' });
  },
});
