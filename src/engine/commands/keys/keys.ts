/**
 * KEYS pattern — every key matching a glob pattern, skipping logically expired keys (without
 * deleting them). Redis lists keys in its hash table's order, which depends on a random seed
 * per process; the lab lists them in creation order.
 * Counterpart in Redis: `keysCommand` (db.c).
 */
import { bulks } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { globMatch } from '../../util/glob.ts';

export const keys = defineCommand({
  name: 'keys',
  parse(argv) {
    return { pattern: argv[1] };
  },
  apply(ctx, { pattern }) {
    const all = pattern === '*';
    const out: string[] = [];
    for (const key of ctx.db.keys.keys()) {
      if ((all || globMatch(pattern, key)) && !ctx.db.isExpired(key, ctx.nowMs)) out.push(key);
    }
    return bulks(out);
  },
});
