/**
 * HGETALL key — every field and value, flattened (field, value, …); an empty array when missing.
 * Counterpart in Redis: `hgetallCommand` / `genericHgetallCommand` (t_hash.c).
 */
import { bulks } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { readOfType } from '../../server/keyspace.ts';

export const hgetall = defineCommand({
  name: 'hgetall',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    const h = readOfType(ctx, key, 'hash');
    const out: string[] = [];
    if (h) for (const [f, v] of h.value) out.push(f, v);
    return bulks(out);
  },
});
