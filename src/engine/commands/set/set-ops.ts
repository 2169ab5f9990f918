/**
 * SINTER, SUNION, SDIFF and their STORE forms: every key is read (a missing key is an empty
 * set, another type is WRONGTYPE), then the result is replied or stored.
 * Counterpart in Redis: `sinterGenericCommand` and `sunionDiffGenericCommand` (t_set.c).
 */
import type { Bytes } from '../../types.ts';
import type { Reply } from '../../resp/reply.ts';
import { bulks } from '../../resp/reply.ts';
import type { CommandContext } from '../command.ts';
import { readOfType } from '../../server/keyspace.ts';
import { members, newSet, storeSet, type SetValue } from './set-generic.ts';

function readSets(ctx: CommandContext, keys: Bytes[]): (SetValue | undefined)[] {
  return keys.map((k) => readOfType(ctx, k, 'set'));
}

/**
 * SINTER / SINTERSTORE: the members of the smallest set (in its order) present in all others;
 * any missing key makes the result empty at once.
 */
export function sinterGeneric(ctx: CommandContext, keys: Bytes[], dst: Bytes | null): Reply {
  const sets = readSets(ctx, keys);
  if (sets.some((s) => s === undefined)) return dst === null ? bulks([]) : storeSet(ctx, dst, newSet(ctx, []));
  const sorted = (sets as SetValue[]).map((s, i) => ({ s, i })).sort((a, b) => a.s.value.size - b.s.value.size || a.i - b.i).map((x) => x.s);
  const [first, ...rest] = sorted;
  const result = members(ctx, first).filter((m) => rest.every((s) => s === first || s.value.has(m)));
  return dst === null ? bulks(result) : storeSet(ctx, dst, newSet(ctx, result));
}

/** SUNION / SDIFF and their STORE forms: the result is a new set, replied in its own order. */
export function sunionDiffGeneric(ctx: CommandContext, keys: Bytes[], dst: Bytes | null, op: 'union' | 'diff'): Reply {
  const sets = readSets(ctx, keys);
  const out: Bytes[] = [];
  if (op === 'union') {
    const seen = new Set<Bytes>();
    for (const s of sets) if (s) for (const m of members(ctx, s)) if (!seen.has(m)) { seen.add(m); out.push(m); }
  } else if (sets[0] && !sets.slice(1).includes(sets[0])) {
    for (const m of members(ctx, sets[0])) if (!sets.slice(1).some((s) => s?.value.has(m))) out.push(m);
  }
  const result = newSet(ctx, out);
  return dst === null ? bulks(members(ctx, result)) : storeSet(ctx, dst, result);
}
