/**
 * INCRBY key increment — adds a signed 64-bit increment; replies the new value.
 * Counterpart in Redis: `incrbyCommand` (t_string.c).
 */
import { defineCommand } from '../command.ts';
import { longLongArg } from '../../server/keyspace.ts';
import { incrDecr } from './incr-generic.ts';

export const incrby = defineCommand({
  name: 'incrby',
  parse(argv) {
    return { key: argv[1], incr: argv[2] };
  },
  apply(ctx, { key, incr }) {
    return incrDecr(ctx, key, longLongArg(incr));
  },
});
