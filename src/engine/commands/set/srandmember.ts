/**
 * SRANDMEMBER key [count] — random members without removing them (from the node's seeded
 * generator): one as a bulk string (nil when missing); with a positive count up to that many
 * distinct members; with a negative count exactly |count| draws, repeats allowed.
 * Counterpart in Redis: `srandmemberCommand` / `srandmemberWithCountCommand` (t_set.c).
 */
import { bulk, bulks, EMPTY_ARRAY, NIL } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';
import { LLONG_MIN, longLongArg, readOfType } from '../../server/keyspace.ts';
import { members, randomMember } from './set-generic.ts';
import { randomInt } from '../../util/random.ts';

export const srandmember = defineCommand({
  name: 'srandmember',
  parse(argv) {
    if (argv.length > 3) throw new ReplyError(Errors.syntax);
    return { key: argv[1], count: argv.length === 3 ? argv[2] : null };
  },
  apply(ctx, args) {
    if (args.count === null) {
      const s = readOfType(ctx, args.key, 'set');
      return s ? bulk(randomMember(ctx, members(ctx, s))) : NIL;
    }
    const l = longLongArg(args.count);
    if (l === LLONG_MIN) {
      throw new ReplyError('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
    }
    const unique = l >= 0n;
    const count = Number(unique ? l : -l);
    const s = readOfType(ctx, args.key, 'set');
    if (!s || count === 0) return EMPTY_ARRAY;
    const all = members(ctx, s);
    if (!unique || count === 1) {
      const out: string[] = [];
      for (let i = 0; i < count; i++) out.push(randomMember(ctx, all));
      return bulks(out);
    }
    if (count >= all.length) return bulks(all);
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(randomInt(ctx.server.rng, all.length));
    return bulks(all.filter((_, i) => chosen.has(i)));
  },
});
