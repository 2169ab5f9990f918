/**
 * DEL key [key ...] — deletes the keys and replies how many existed. An expired key counts as
 * missing (on a primary its expiry is propagated as its own DEL). Each deletion is one change.
 * Counterpart in Redis: `delCommand` / `delGenericCommand` (db.c).
 */
import { integer } from '../../resp/reply.ts';
import type { CommandContext } from '../command.ts';
import { defineCommand } from '../command.ts';
import { expireIfNeeded } from '../../server/keyspace.ts';

/** DEL and UNLINK: the number of keys removed. */
export function delGeneric(ctx: CommandContext, keys: string[]): number {
  let deleted = 0;
  for (const key of keys) {
    expireIfNeeded(ctx, key);
    if (ctx.db.delete(key)) {
      ctx.server.markDirty();
      deleted++;
    }
  }
  return deleted;
}

export const del = defineCommand({
  name: 'del',
  parse(argv) {
    return { keys: argv.slice(1) };
  },
  apply(ctx, { keys }) {
    return integer(delGeneric(ctx, keys));
  },
});
