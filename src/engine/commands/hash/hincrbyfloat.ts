/**
 * HINCRBYFLOAT key field increment — adds a float to a field in long double arithmetic and
 * replies the result as `%.17Lf` without trailing zeros. Always propagated as
 * `HSET key field <result>`. Counterpart in Redis: `hincrbyfloatCommand` (t_hash.c).
 */
import { bulk } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';
import { noteHashGrowth, propagateAs } from '../../server/keyspace.ts';
import { addLongDouble, formatLongDouble, parseLongDouble } from '../string/long-double.ts';
import { hashForWrite } from './hash-generic.ts';

export const hincrbyfloat = defineCommand({
  name: 'hincrbyfloat',
  parse(argv) {
    return { key: argv[1], field: argv[2], incr: argv[3] };
  },
  apply(ctx, args) {
    const incr = parseLongDouble(args.incr);
    if (incr === null) throw new ReplyError(Errors.notFloat);
    if (incr.kind === 'inf') throw new ReplyError('ERR value is NaN or Infinity');
    const h = hashForWrite(ctx, args.key);
    const cur = h.value.get(args.field);
    const value = cur === undefined ? parseLongDouble('0') : parseLongDouble(cur);
    if (value === null) throw new ReplyError('ERR hash value is not a float');
    const sum = addLongDouble(value, incr);
    if (sum === 'nan' || sum.kind === 'inf') throw new ReplyError('ERR increment would produce NaN or Infinity');
    const text = formatLongDouble(sum);
    h.value.set(args.field, text);
    noteHashGrowth(ctx.server, h);
    ctx.server.markDirty();
    propagateAs(ctx, ['HSET', args.key, args.field, text]);
    return bulk(text);
  },
});
