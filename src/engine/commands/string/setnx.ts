/**
 * SETNX key value — sets the key only if it does not exist; replies 1 if set, 0 otherwise.
 * Propagated as itself. Counterpart in Redis: `setnxCommand` (t_string.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { parseStringOptions, setGeneric } from './string-generic.ts';

export const setnx = defineCommand({
  name: 'setnx',
  parse(argv) {
    return { argv };
  },
  apply(ctx, { argv }) {
    const options = { ...parseStringOptions([], 'set'), nx: true };
    return setGeneric(ctx, { argv, key: argv[1], value: argv[2], options, command: 'setnx', okReply: integer(1), abortReply: integer(0) });
  },
});
