/**
 * HSET key field value [field value ...] — sets fields; replies how many were new. Every pair
 * counts as a change, new or not. Counterpart in Redis: `hsetCommand` (t_hash.c).
 */
import { integer, OK } from '../../resp/reply.ts';
import type { Reply } from '../../resp/reply.ts';
import type { CommandContext } from '../command.ts';
import { defineCommand, ReplyError } from '../command.ts';
import { noteHashGrowth } from '../../server/keyspace.ts';
import { hashForWrite } from './hash-generic.ts';

/** HSET and HMSET: the arity check for pairs, then the sets; the reply differs. */
export function parseFieldPairs(argv: string[], name: string): { key: string; pairs: string[] } {
  if (argv.length % 2 === 1) throw new ReplyError(`ERR wrong number of arguments for '${name}' command`);
  return { key: argv[1], pairs: argv.slice(2) };
}

export function hsetGeneric(ctx: CommandContext, key: string, pairs: string[], hmset: boolean): Reply {
  const h = hashForWrite(ctx, key);
  noteHashGrowth(ctx.server, h, pairs);
  let created = 0;
  for (let i = 0; i < pairs.length; i += 2) {
    if (!h.value.has(pairs[i])) created++;
    h.value.set(pairs[i], pairs[i + 1]);
  }
  noteHashGrowth(ctx.server, h);
  ctx.server.markDirty(pairs.length / 2);
  return hmset ? OK : integer(created);
}

export const hset = defineCommand({
  name: 'hset',
  parse(argv) {
    return parseFieldPairs(argv, 'hset');
  },
  apply(ctx, { key, pairs }) {
    return hsetGeneric(ctx, key, pairs, false);
  },
});
