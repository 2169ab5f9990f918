/**
 * INCRBYFLOAT key increment — adds a float to the number stored at key, in 80-bit long double
 * arithmetic, and replies the result as `%.17Lf` without trailing zeros. Always propagated as
 * `SET key <result> KEEPTTL`, so float formatting can never make a replica diverge.
 * Counterpart in Redis: `incrbyfloatCommand` (t_string.c).
 */
import { bulk } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';
import { createdString, propagateAs, writeOfType } from '../../server/keyspace.ts';
import { addLongDouble, formatLongDouble, parseLongDouble } from './long-double.ts';

export const incrbyfloat = defineCommand({
  name: 'incrbyfloat',
  parse(argv) {
    return { key: argv[1], incr: argv[2] };
  },
  apply(ctx, { key, incr }) {
    const o = writeOfType(ctx, key, 'string');
    const value = o ? parseLongDouble(o.value) : parseLongDouble('0');
    const by = parseLongDouble(incr);
    if (value === null || by === null) throw new ReplyError(Errors.notFloat);
    const sum = addLongDouble(value, by);
    if (sum === 'nan' || sum.kind === 'inf') throw new ReplyError('ERR increment would produce NaN or Infinity');
    const text = formatLongDouble(sum);
    ctx.db.set(key, createdString(text), true);
    ctx.server.markDirty();
    propagateAs(ctx, ['SET', key, text, 'KEEPTTL']);
    return bulk(text);
  },
});
