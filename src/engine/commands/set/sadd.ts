/**
 * SADD key member [member ...] — adds members, creating the set; replies how many were new.
 * Counterpart in Redis: `saddCommand` (t_set.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { noteSetGrowth, writeOfType } from '../../server/keyspace.ts';

export const sadd = defineCommand({
  name: 'sadd',
  parse(argv) {
    return { key: argv[1], members: argv.slice(2) };
  },
  apply(ctx, { key, members }) {
    let s = writeOfType(ctx, key, 'set');
    if (!s) {
      s = { type: 'set', value: new Set() };
      ctx.db.set(key, s);
    }
    let added = 0;
    for (const m of members) {
      if (s.value.has(m)) continue;
      s.value.add(m);
      added++;
    }
    noteSetGrowth(ctx.server, s, members);
    ctx.server.markDirty(added);
    return integer(added);
  },
});
