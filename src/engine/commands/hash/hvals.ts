/**
 * HVALS key — every value; an empty array when missing.
 * Counterpart in Redis: `hvalsCommand` / `genericHgetallCommand` (t_hash.c).
 */
import { bulks } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { readOfType } from '../../server/keyspace.ts';

export const hvals = defineCommand({
  name: 'hvals',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    const h = readOfType(ctx, key, 'hash');
    const out: string[] = [];
    if (h) for (const v of h.value.values()) out.push(v);
    return bulks(out);
  },
});
