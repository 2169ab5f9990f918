/**
 * TYPE key — the type of the value as a status reply (`string`, `list`, `hash`, `set`), or
 * `none`. Counterpart in Redis: `typeCommand` (db.c).
 */
import { simple } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { lookupRead, typeName } from '../../server/keyspace.ts';

export const type = defineCommand({
  name: 'type',
  parse(argv) {
    return { key: argv[1] };
  },
  apply(ctx, { key }) {
    return simple(typeName(lookupRead(ctx, key)));
  },
});
