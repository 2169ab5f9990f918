/**
 * LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len] — the index of the rank-th
 * match of an element (negative rank: searching from the tail), or with COUNT an array of up
 * to that many indexes (0: all); MAXLEN bounds how many elements are compared.
 * Counterpart in Redis: `lposCommand` (t_list.c).
 */
import type { Reply } from '../../resp/reply.ts';
import { array, EMPTY_ARRAY, integer, NIL } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';
import { longArg, lookupRead, expectType, positiveLongArg } from '../../server/keyspace.ts';

export const lpos = defineCommand({
  name: 'lpos',
  parse(argv) {
    let rank = 1;
    let count = -1;
    let maxlen = 0;
    for (let j = 3; j < argv.length; j++) {
      const opt = argv[j].toLowerCase();
      const more = j < argv.length - 1;
      if (opt === 'rank' && more) {
        rank = longArg(argv[++j]);
        if (rank === 0) {
          throw new ReplyError("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list");
        }
      } else if (opt === 'count' && more) {
        count = positiveLongArg(argv[++j], "COUNT can't be negative");
      } else if (opt === 'maxlen' && more) {
        maxlen = positiveLongArg(argv[++j], "MAXLEN can't be negative");
      } else {
        throw new ReplyError(Errors.syntax);
      }
    }
    return { key: argv[1], element: argv[2], rank, count, maxlen };
  },
  apply(ctx, { key, element, rank, count: countArg, maxlen }) {
    let count = countArg;
    const fromTail = rank < 0;
    // Redis negates the rank in a C long: -LONG_MIN stays negative, so every match qualifies
    // and a COUNT never stops the search.
    const minRank = rank === -9223372036854775808;
    const wanted = minRank ? 1 : Math.abs(rank);
    if (minRank && count > 0) count = 0;
    const v = lookupRead(ctx, key);
    if (!v) return count !== -1 ? EMPTY_ARRAY : NIL;
    const items = expectType(v, 'list').value;
    const len = items.length;
    const found: Reply[] = [];
    let matches = 0;
    for (let index = 0; index < len && (maxlen === 0 || index < maxlen); index++) {
      const at = fromTail ? len - index - 1 : index;
      if (items[at] !== element) continue;
      matches++;
      if (matches < wanted) continue;
      if (count === -1) return integer(at);
      found.push(integer(at));
      if (count !== 0 && matches - wanted + 1 >= count) break;
    }
    return count === -1 ? NIL : array(found);
  },
});
