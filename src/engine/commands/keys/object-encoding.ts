/**
 * OBJECT ENCODING key — how Redis 7.0 would store the value: `int`, `embstr` or `raw` for
 * strings, `quicklist` for lists, `listpack` or `hashtable` for hashes, `intset` or
 * `hashtable` for sets; nil for a missing key.
 * Counterpart in Redis: `objectCommand` and `strEncoding` (object.c).
 */
import { bulk, NIL } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { lookupRead, objectEncoding } from '../../server/keyspace.ts';

export const objectEncodingCommand = defineCommand({
  name: 'object|encoding',
  parse(argv) {
    return { key: argv[2] };
  },
  apply(ctx, { key }) {
    const v = lookupRead(ctx, key);
    return v ? bulk(objectEncoding(ctx.server, v)) : NIL;
  },
});
