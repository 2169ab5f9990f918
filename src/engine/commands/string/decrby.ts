/**
 * DECRBY key decrement — subtracts a signed 64-bit decrement ("decrement would overflow" for
 * the one that cannot be negated); replies the new value.
 * Counterpart in Redis: `decrbyCommand` (t_string.c).
 */
import { defineCommand, ReplyError } from '../command.ts';
import { LLONG_MIN, longLongArg } from '../../server/keyspace.ts';
import { incrDecr } from './incr-generic.ts';

export const decrby = defineCommand({
  name: 'decrby',
  parse(argv) {
    return { key: argv[1], decr: argv[2] };
  },
  apply(ctx, { key, decr }) {
    const n = longLongArg(decr);
    if (n === LLONG_MIN) throw new ReplyError('ERR decrement would overflow');
    return incrDecr(ctx, key, -n);
  },
});
