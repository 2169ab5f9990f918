/**
 * What EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT share: the NX/XX/GT/LT options of Redis 7.0, the
 * conversion to absolute milliseconds, and the propagation as `PEXPIREAT key <ms> [options]`
 * (or `DEL key` when the time is already past on a primary, which deletes the key at once).
 * Counterpart in Redis: `parseExtendedExpireArgumentsOrReply`, `expireGenericCommand`,
 * `checkAlreadyExpired` (expire.c).
 */
import type { Bytes } from '../../types.ts';
import type { Reply } from '../../resp/reply.ts';
import { integer } from '../../resp/reply.ts';
import type { CommandContext } from '../command.ts';
import { ReplyError } from '../command.ts';
import { deletionCommand, LLONG_MAX, LLONG_MIN, longLongArg, lookupWrite, propagateAs } from '../../server/keyspace.ts';

export interface ExpireFlags {
  nx: boolean;
  xx: boolean;
  gt: boolean;
  lt: boolean;
}

/** Parses the options after the time; an unknown one is "Unsupported option <opt>". */
export function parseExpireFlags(argv: Bytes[]): ExpireFlags {
  const f: ExpireFlags = { nx: false, xx: false, gt: false, lt: false };
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j].toLowerCase();
    if (opt === 'nx') f.nx = true;
    else if (opt === 'xx') f.xx = true;
    else if (opt === 'gt') f.gt = true;
    else if (opt === 'lt') f.lt = true;
    else throw new ReplyError(`ERR Unsupported option ${argv[j]}`);
  }
  if (f.nx && (f.xx || f.gt || f.lt)) throw new ReplyError('ERR NX and XX, GT or LT options at the same time are not compatible');
  if (f.gt && f.lt) throw new ReplyError('ERR GT and LT options at the same time are not compatible');
  return f;
}

export interface ExpireArgs {
  argv: Bytes[];
  flags: ExpireFlags;
  /** Relative commands count from now; the *AT commands from the epoch. */
  relative: boolean;
  unit: 'seconds' | 'milliseconds';
  command: string;
}

export function expireGeneric(ctx: CommandContext, a: ExpireArgs): Reply {
  const key = a.argv[1];
  let when = longLongArg(a.argv[2]);
  const invalid = () => new ReplyError(`ERR invalid expire time in '${a.command}' command`);
  if (a.unit === 'seconds') {
    if (when > LLONG_MAX / 1000n || when < LLONG_MIN / 1000n) throw invalid();
    when *= 1000n;
  }
  const base = a.relative ? BigInt(ctx.nowMs) : 0n;
  if (when > LLONG_MAX - base) throw invalid();
  when += base;
  if (!lookupWrite(ctx, key)) return integer(0);
  const f = a.flags;
  if (f.nx || f.xx || f.gt || f.lt) {
    const cur = ctx.db.getExpire(key);
    const current = cur === undefined ? null : BigInt(cur);
    if (f.nx && current !== null) return integer(0);
    if (f.xx && current === null) return integer(0);
    if (f.gt && (current === null || when <= current)) return integer(0);
    if (f.lt && current !== null && when >= current) return integer(0);
  }
  const { server } = ctx;
  if (when <= BigInt(ctx.nowMs) && !server.persistence.loading && !server.replication.isReplica) {
    ctx.db.delete(key);
    server.markDirty();
    propagateAs(ctx, [deletionCommand(server, 'lazyfree-lazy-expire'), key]);
    return integer(1);
  }
  ctx.db.setExpire(key, Number(when));
  if (a.command !== 'pexpireat') propagateAs(ctx, ['PEXPIREAT', key, when.toString(), ...a.argv.slice(3)]);
  server.markDirty();
  return integer(1);
}
