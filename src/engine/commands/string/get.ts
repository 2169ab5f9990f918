/**
 * GET key — the string stored at key, nil when missing, WRONGTYPE for another type.
 * Counterpart in Redis: `getCommand` / `getGenericCommand` (t_string.c).
 */
import { bulk, NIL } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { lookupRead, expectType } from '../../server/keyspace.ts';

export const get = defineCommand({
  name: 'get',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    const value = lookupRead(ctx, key);
    if (!value) return NIL;
    return bulk(expectType(value, 'string').value);
  },
});
