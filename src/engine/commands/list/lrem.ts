/**
 * LREM key count element — removes up to |count| occurrences of an element, from the head when
 * count > 0, from the tail when < 0, all of them when 0; replies how many were removed.
 * Counterpart in Redis: `lremCommand` (t_list.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { longArg, writeOfType } from '../../server/keyspace.ts';
import { deleteIfEmptyList } from './push-generic.ts';

export const lrem = defineCommand({
  name: 'lrem',
  parse(argv) {
    return { key: argv[1], count: argv[2], element: argv[3] };
  },
  apply(ctx, args) {
    const count = longArg(args.count);
    const list = writeOfType(ctx, args.key, 'list');
    if (!list) return integer(0);
    const limit = Math.abs(count);
    const items = list.value;
    let removed = 0;
    if (count < 0) {
      for (let i = items.length - 1; i >= 0 && (limit === 0 || removed < limit); i--) {
        if (items[i] === args.element) {
          items.splice(i, 1);
          removed++;
        }
      }
    } else {
      const kept: string[] = [];
      for (const item of items) {
        if (item === args.element && (limit === 0 || removed < limit)) removed++;
        else kept.push(item);
      }
      list.value = kept;
    }
    ctx.server.markDirty(removed);
    deleteIfEmptyList(ctx, args.key, list);
    return integer(removed);
  },
});
