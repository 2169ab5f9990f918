/**
 * What LPOP and RPOP share: without a count, one element (nil when missing); with a count, an
 * array of up to that many elements from that end (a nil array when missing, an empty one for
 * a count of 0). The list is deleted once empty. Each element removed is a change.
 * Counterpart in Redis: `popGenericCommand` and `listElementsRemoved` (t_list.c).
 */
import type { Bytes } from '../../types.ts';
import type { Reply } from '../../resp/reply.ts';
import { bulk, bulks, EMPTY_ARRAY, NIL, NIL_ARRAY } from '../../resp/reply.ts';
import type { CommandContext } from '../command.ts';
import { ReplyError } from '../command.ts';
import { positiveLongArg, writeOfType } from '../../server/keyspace.ts';
import { deleteIfEmptyList } from './push-generic.ts';

export function parsePop(argv: Bytes[], name: string): { key: Bytes; count: Bytes | null } {
  if (argv.length > 3) throw new ReplyError(`ERR wrong number of arguments for '${name}' command`);
  return { key: argv[1], count: argv.length === 3 ? argv[2] : null };
}

export function popGeneric(ctx: CommandContext, key: Bytes, countArg: Bytes | null, where: 'head' | 'tail'): Reply {
  const count = countArg === null ? null : positiveLongArg(countArg);
  const list = writeOfType(ctx, key, 'list');
  if (!list) return count === null ? NIL : NIL_ARRAY;
  if (count === 0) return EMPTY_ARRAY;
  let out: Bytes[];
  if (count === null) {
    out = [where === 'head' ? list.value.shift()! : list.value.pop()!];
  } else {
    const n = Math.min(count, list.value.length);
    if (where === 'head') {
      out = list.value.splice(0, n);
    } else {
      out = list.value.splice(list.value.length - n, n).reverse();
    }
  }
  deleteIfEmptyList(ctx, key, list);
  ctx.server.markDirty(out.length);
  return count === null ? bulk(out[0]) : bulks(out);
}
