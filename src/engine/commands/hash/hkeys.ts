/**
 * HKEYS key — every field name; an empty array when missing.
 * Counterpart in Redis: `hkeysCommand` / `genericHgetallCommand` (t_hash.c).
 */
import { bulks } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { readOfType } from '../../server/keyspace.ts';

export const hkeys = defineCommand({
  name: 'hkeys',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    const h = readOfType(ctx, key, 'hash');
    const out: string[] = [];
    if (h) for (const f of h.value.keys()) out.push(f);
    return bulks(out);
  },
});
