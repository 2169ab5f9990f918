/**
 * HINCRBY key field increment — adds a signed 64-bit increment to a field (0 if missing);
 * replies the new value. "hash value is not an integer" for a non-integer field.
 * Counterpart in Redis: `hincrbyCommand` (t_hash.c).
 */
import { defineCommand, Errors, ReplyError } from '../command.ts';
import { integerReply, LLONG_MAX, LLONG_MIN, longLongArg, noteHashGrowth, toLongLong } from '../../server/keyspace.ts';
import { hashForWrite } from './hash-generic.ts';

export const hincrby = defineCommand({
  name: 'hincrby',
  parse(argv) {
    return { key: argv[1], field: argv[2], incr: argv[3] };
  },
  apply(ctx, args) {
    const incr = longLongArg(args.incr);
    const h = hashForWrite(ctx, args.key);
    const cur = h.value.get(args.field);
    let old = 0n;
    if (cur !== undefined) {
      const v = toLongLong(cur);
      if (v === null) throw new ReplyError('ERR hash value is not an integer');
      old = v;
    }
    if ((incr < 0n && old < 0n && incr < LLONG_MIN - old) || (incr > 0n && old > 0n && incr > LLONG_MAX - old)) {
      throw new ReplyError(Errors.overflow);
    }
    const value = old + incr;
    h.value.set(args.field, value.toString());
    noteHashGrowth(ctx.server, h);
    ctx.server.markDirty();
    return integerReply(value);
  },
});
