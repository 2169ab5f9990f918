/**
 * SET key value [NX|XX] [GET] [EX s|PX ms|EXAT unix-s|PXAT unix-ms|KEEPTTL] — stores a
 * string, optionally only if the key is missing (NX) or present (XX), returning the old value
 * (GET), with an expiry. Replies OK, nil when NX/XX prevented the write, or the old value.
 *
 * Redis 7 propagates a SET with a relative expiry as `SET key value PXAT <absolute ms>` so a
 * replica or the AOF expires the key at the same instant; Redis 7.0 does that for EX, PX and
 * EXAT alike. Counterpart in Redis: `setCommand` / `setGenericCommand` / `parseExtendedStringArgumentsOrReply` (t_string.c).
 */
import { bulk, NIL, OK } from '../../resp/reply.ts';
import { defineCommand, Errors, parseIntArg, ReplyError } from '../command.ts';
import { lookupWrite, expectType } from '../../server/keyspace.ts';

type Expiry = { unit: 'EX' | 'PX' | 'EXAT' | 'PXAT'; amount: number } | null;

export const set = defineCommand({
  name: 'set',
  parse(argv) {
    const opts = { key: argv[1], value: argv[2], nx: false, xx: false, get: false, keepTtl: false, expiry: null as Expiry };
    for (let i = 3; i < argv.length; i++) {
      const a = argv[i].toUpperCase();
      const next = argv[i + 1];
      if (a === 'NX' && !opts.xx) opts.nx = true;
      else if (a === 'XX' && !opts.nx) opts.xx = true;
      else if (a === 'GET') opts.get = true;
      else if (a === 'KEEPTTL' && !opts.expiry) opts.keepTtl = true;
      else if ((a === 'EX' || a === 'PX' || a === 'EXAT' || a === 'PXAT') && !opts.keepTtl && !opts.expiry && next !== undefined) {
        opts.expiry = { unit: a, amount: parseIntArg(next) };
        i++;
      } else {
        throw new ReplyError(Errors.syntax);
      }
    }
    if (opts.expiry && opts.expiry.amount <= 0) throw new ReplyError("ERR invalid expire time in 'set' command");
    return opts;
  },
  apply(ctx, o) {
    const { db, nowMs, server } = ctx;
    const old = lookupWrite(ctx, o.key);
    let oldValue: string | null = null;
    if (o.get && old) oldValue = expectType(old, 'string').value;
    if ((o.nx && old) || (o.xx && !old)) return o.get ? (oldValue === null ? NIL : bulk(oldValue)) : NIL;
    let whenMs: number | null = null;
    if (o.expiry) {
      const { unit, amount } = o.expiry;
      whenMs = unit === 'EX' ? nowMs + amount * 1000 : unit === 'PX' ? nowMs + amount : unit === 'EXAT' ? amount * 1000 : amount;
      if (unit === 'EX' && amount > Number.MAX_SAFE_INTEGER / 1000) throw new ReplyError("ERR invalid expire time in 'set' command");
    }
    db.set(o.key, { type: 'string', value: o.value }, o.keepTtl);
    if (whenMs !== null) db.setExpire(o.key, whenMs);
    server.markDirty();
    if (whenMs !== null && o.expiry!.unit !== 'PXAT') {
      const rest: string[] = [];
      if (o.nx) rest.push('NX');
      if (o.xx) rest.push('XX');
      if (o.get) rest.push('GET');
      server.replication.rewrite([['SET', o.key, o.value, ...rest, 'PXAT', String(whenMs)]]);
    }
    if (o.get) return oldValue === null ? NIL : bulk(oldValue);
    return OK;
  },
});
