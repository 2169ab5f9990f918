/**
 * MSET key value [key value ...] — sets every pair, dropping their expiries; always OK.
 * An odd number of arguments is a wrong-number-of-arguments error. Each key counts one change.
 * Counterpart in Redis: `msetCommand` / `msetGenericCommand` (t_string.c).
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';
import { stringValue } from '../../server/keyspace.ts';

/** The pairs of MSET/MSETNX, or the arity error Redis gives for an odd count. */
export function parsePairs(argv: string[], command: string): [string, string][] {
  if (argv.length % 2 === 0) throw new ReplyError(`ERR wrong number of arguments for '${command}' command`);
  const pairs: [string, string][] = [];
  for (let j = 1; j < argv.length; j += 2) pairs.push([argv[j], argv[j + 1]]);
  return pairs;
}

export const mset = defineCommand({
  name: 'mset',
  parse(argv) {
    return { pairs: parsePairs(argv, 'mset') };
  },
  apply(ctx, { pairs }) {
    for (const [k, v] of pairs) ctx.db.set(k, stringValue(v));
    ctx.server.markDirty(pairs.length);
    return OK;
  },
});
