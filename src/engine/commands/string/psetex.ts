/**
 * PSETEX key milliseconds value — SET with an expiry in milliseconds, which must be positive.
 * Propagated as `SET key value PXAT <ms>`. Counterpart in Redis: `psetexCommand` (t_string.c).
 */
import { defineCommand } from '../command.ts';
import { parseStringOptions, setGeneric } from './string-generic.ts';

export const psetex = defineCommand({
  name: 'psetex',
  parse(argv) {
    return { argv };
  },
  apply(ctx, { argv }) {
    const options = { ...parseStringOptions([], 'set'), expire: { unit: 'PX' as const, arg: argv[2] } };
    return setGeneric(ctx, { argv, key: argv[1], value: argv[3], options, command: 'psetex' });
  },
});
