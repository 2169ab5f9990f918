/**
 * STRLEN key — the length in bytes of the string at key, 0 when missing.
 * Counterpart in Redis: `strlenCommand` (t_string.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { readOfType } from '../../server/keyspace.ts';

export const strlen = defineCommand({
  name: 'strlen',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    return integer(readOfType(ctx, key, 'string')?.value.length ?? 0);
  },
});
