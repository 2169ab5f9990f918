/**
 * SMOVE source destination member — moves a member between sets; replies 1 if it was moved
 * (or is in the source when both are the same set), 0 otherwise. Removing it is one change,
 * adding it to the destination another. Counterpart in Redis: `smoveCommand` (t_set.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { expectType, lookupWrite, noteSetGrowth, setEncoding } from '../../server/keyspace.ts';

export const smove = defineCommand({
  name: 'smove',
  parse(argv) {
    return { src: argv[1], dst: argv[2], member: argv[3] };
  },
  apply(ctx, { src, dst, member }) {
    const srcVal = lookupWrite(ctx, src);
    const dstVal = lookupWrite(ctx, dst);
    if (!srcVal) return integer(0);
    const from = expectType(srcVal, 'set');
    let to = dstVal ? expectType(dstVal, 'set') : undefined;
    if (from === to) return integer(from.value.has(member) ? 1 : 0);
    setEncoding(ctx.server, from);
    if (!from.value.delete(member)) return integer(0);
    if (from.value.size === 0) ctx.db.delete(src);
    if (!to) {
      to = { type: 'set', value: new Set() };
      ctx.db.set(dst, to);
    }
    ctx.server.markDirty();
    if (!to.value.has(member)) {
      to.value.add(member);
      noteSetGrowth(ctx.server, to, [member]);
      ctx.server.markDirty();
    }
    return integer(1);
  },
});
