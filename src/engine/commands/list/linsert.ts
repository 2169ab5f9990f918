/**
 * LINSERT key BEFORE|AFTER pivot element — inserts next to the first occurrence of the pivot;
 * replies the new length, -1 when the pivot is absent, 0 when the key is missing.
 * Counterpart in Redis: `linsertCommand` (t_list.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';
import { writeOfType } from '../../server/keyspace.ts';

export const linsert = defineCommand({
  name: 'linsert',
  parse(argv) {
    const where = argv[2].toLowerCase();
    if (where !== 'before' && where !== 'after') throw new ReplyError(Errors.syntax);
    return { key: argv[1], after: where === 'after', pivot: argv[3], element: argv[4] };
  },
  apply(ctx, args) {
    const list = writeOfType(ctx, args.key, 'list');
    if (!list) return integer(0);
    const i = list.value.indexOf(args.pivot);
    if (i < 0) return integer(-1);
    list.value.splice(args.after ? i + 1 : i, 0, args.element);
    ctx.server.markDirty();
    return integer(list.value.length);
  },
});
