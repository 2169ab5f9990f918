/**
 * SMEMBERS key — every member (an empty array when missing); an intset in numeric order.
 * Counterpart in Redis: `sinterCommand` with one key, which serves SMEMBERS in 7.0 (t_set.c).
 */
import { bulks, EMPTY_ARRAY } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { readOfType } from '../../server/keyspace.ts';
import { members } from './set-generic.ts';

export const smembers = defineCommand({
  name: 'smembers',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    const s = readOfType(ctx, key, 'set');
    return s ? bulks(members(ctx, s)) : EMPTY_ARRAY;
  },
});
