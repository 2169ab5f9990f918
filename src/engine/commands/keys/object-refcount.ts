/**
 * OBJECT REFCOUNT key — the value's reference count: Redis shares the integers 0–9999, whose
 * count is INT_MAX; every other value here has a count of 1. Nil for a missing key.
 * Counterpart in Redis: `objectCommand` (object.c), `OBJ_SHARED_INTEGERS` (server.h).
 */
import { integer, NIL } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { lookupRead, stringEncoding } from '../../server/keyspace.ts';

export const objectRefcount = defineCommand({
  name: 'object|refcount',
  parse(argv) {
    return { key: argv[2] };
  },
  apply(ctx, { key }) {
    const v = lookupRead(ctx, key);
    if (!v) return NIL;
    const shared = v.type === 'string' && stringEncoding(v) === 'int' && /^[0-9]{1,4}$/.test(v.value);
    return integer(shared ? 2147483647 : 1);
  },
});
