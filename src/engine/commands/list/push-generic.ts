/**
 * What LPUSH, RPUSH, LPUSHX and RPUSHX share: create the list if missing (unless X), push each
 * element in argument order at one end, one change per element, reply the new length.
 * Counterpart in Redis: `pushGenericCommand` (t_list.c).
 */
import type { Reply } from '../../resp/reply.ts';
import { integer } from '../../resp/reply.ts';
import type { CommandContext } from '../command.ts';
import { writeOfType } from '../../server/keyspace.ts';

export function pushGeneric(ctx: CommandContext, key: string, elements: string[], where: 'head' | 'tail', onlyIfExists: boolean): Reply {
  let list = writeOfType(ctx, key, 'list');
  if (!list) {
    if (onlyIfExists) return integer(0);
    list = { type: 'list', value: [] };
    ctx.db.set(key, list);
  }
  if (where === 'tail') {
    for (const e of elements) list.value.push(e);
  } else {
    list.value = [...elements].reverse().concat(list.value);
  }
  ctx.server.markDirty(elements.length);
  return integer(list.value.length);
}

/** A list range with negative indexes resolved, as `addListRangeReply` and LTRIM compute it; null when empty. */
export function listRange(len: number, start: number, end: number): [number, number] | null {
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (start > end || start >= len) return null;
  if (end >= len) end = len - 1;
  return [start, end];
}

/** Deletes the key once its list is empty, as every removing list command does. */
export function deleteIfEmptyList(ctx: CommandContext, key: string, list: { value: string[] }): void {
  if (list.value.length === 0) ctx.db.delete(key);
}
