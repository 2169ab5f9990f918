/**
 * HMSET key field value [field value ...] — HSET replying OK (deprecated in favour of HSET).
 * Counterpart in Redis: `hsetCommand` (t_hash.c), which serves both.
 */
import { defineCommand } from '../command.ts';
import { hsetGeneric, parseFieldPairs } from './hset.ts';

export const hmset = defineCommand({
  name: 'hmset',
  parse(argv) {
    return parseFieldPairs(argv, 'hmset');
  },
  apply(ctx, { key, pairs }) {
    return hsetGeneric(ctx, key, pairs, true);
  },
});
