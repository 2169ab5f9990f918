/**
 * SETRANGE key offset value — overwrites the string from a byte offset, padding with zero
 * bytes, and replies the new length. An empty value changes nothing (and creates no key).
 * The result is a `raw` string; the TTL is kept. Counterpart in Redis: `setrangeCommand`
 * (t_string.c).
 */
import { integer } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';
import { longArg, writeOfType } from '../../server/keyspace.ts';
import { checkStringLength } from './string-generic.ts';

export const setrange = defineCommand({
  name: 'setrange',
  parse(argv) {
    return { key: argv[1], offset: argv[2], value: argv[3] };
  },
  apply(ctx, args) {
    const offset = longArg(args.offset);
    const value = args.value;
    if (offset < 0) throw new ReplyError('ERR offset is out of range');
    const o = writeOfType(ctx, args.key, 'string');
    const old = o ? o.value : '';
    if (value.length === 0) return integer(old.length);
    checkStringLength(ctx, offset, value.length);
    const padded = old.length >= offset ? old : old + '\0'.repeat(offset - old.length);
    const next = padded.slice(0, offset) + value + padded.slice(offset + value.length);
    ctx.db.set(args.key, { type: 'string', value: next, encoding: 'raw' }, true);
    ctx.server.markDirty();
    return integer(next.length);
  },
});
