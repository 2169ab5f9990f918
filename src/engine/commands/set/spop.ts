/**
 * SPOP key [count] — removes and replies random members (from the node's seeded generator):
 * one as a bulk string (nil when missing), or up to count as an array. Never propagated as
 * itself: one member becomes `SREM key member`; several become one `SREM key member` each
 * (wrapped in MULTI/EXEC by the propagation); popping the whole set becomes `DEL key`.
 * Counterpart in Redis: `spopCommand` / `spopWithCountCommand` (t_set.c).
 */
import { bulk, bulks, EMPTY_ARRAY, NIL } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';
import { alsoPropagate, positiveLongArg, propagateAs, propagateNothing, writeOfType } from '../../server/keyspace.ts';
import { members, randomMember } from './set-generic.ts';
import { randomInt } from '../../util/random.ts';

export const spop = defineCommand({
  name: 'spop',
  parse(argv) {
    if (argv.length > 3) throw new ReplyError(Errors.syntax);
    return { key: argv[1], count: argv.length === 3 ? argv[2] : null };
  },
  apply(ctx, args) {
    const { key } = args;
    if (args.count === null) {
      const s = writeOfType(ctx, key, 'set');
      if (!s) return NIL;
      const m = randomMember(ctx, members(ctx, s));
      s.value.delete(m);
      propagateAs(ctx, ['SREM', key, m]);
      if (s.value.size === 0) ctx.db.delete(key);
      ctx.server.markDirty();
      return bulk(m);
    }
    const count = positiveLongArg(args.count, 'value is out of range, must be positive');
    const s = writeOfType(ctx, key, 'set');
    if (!s) return EMPTY_ARRAY;
    if (count === 0) return EMPTY_ARRAY;
    const all = members(ctx, s);
    if (count >= all.length) {
      ctx.server.markDirty(all.length);
      ctx.db.delete(key);
      propagateAs(ctx, ['DEL', key]);
      return bulks(all);
    }
    ctx.server.markDirty(count);
    const popped: string[] = [];
    const pool = [...all];
    for (let i = 0; i < count; i++) {
      const j = randomInt(ctx.server.rng, pool.length);
      const m = pool[j];
      pool[j] = pool[pool.length - 1];
      pool.pop();
      s.value.delete(m);
      popped.push(m);
      alsoPropagate(ctx, ['SREM', key, m]);
    }
    propagateNothing(ctx);
    return bulks(popped);
  },
});
