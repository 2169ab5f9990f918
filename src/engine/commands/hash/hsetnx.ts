/**
 * HSETNX key field value — sets a field only if it does not exist; replies 1 or 0.
 * Counterpart in Redis: `hsetnxCommand` (t_hash.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { noteHashGrowth } from '../../server/keyspace.ts';
import { hashForWrite } from './hash-generic.ts';

export const hsetnx = defineCommand({
  name: 'hsetnx',
  parse(argv) {
    return { key: argv[1], field: argv[2], value: argv[3] };
  },
  apply(ctx, { key, field, value }) {
    const h = hashForWrite(ctx, key);
    if (h.value.has(field)) return integer(0);
    noteHashGrowth(ctx.server, h, [field, value]);
    h.value.set(field, value);
    noteHashGrowth(ctx.server, h);
    ctx.server.markDirty();
    return integer(1);
  },
});
