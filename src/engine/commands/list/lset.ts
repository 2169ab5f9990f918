/**
 * LSET key index element — replaces the element at an index; "ERR no such key" when missing,
 * "ERR index out of range" past either end. Counterpart in Redis: `lsetCommand` (t_list.c).
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';
import { longArg, writeOfType } from '../../server/keyspace.ts';

export const lset = defineCommand({
  name: 'lset',
  parse(argv) {
    return { key: argv[1], index: argv[2], element: argv[3] };
  },
  apply(ctx, args) {
    const list = writeOfType(ctx, args.key, 'list');
    if (!list) throw new ReplyError(Errors.noSuchKey);
    let index = longArg(args.index);
    if (index < 0) index += list.value.length;
    if (index < 0 || index >= list.value.length) throw new ReplyError(Errors.outOfRange);
    list.value[index] = args.element;
    ctx.server.markDirty();
    return OK;
  },
});
