/**
 * What the SET family shares: the option parser of SET and GETEX, the conversion of an expire
 * argument to an absolute time, `setGenericCommand` itself, and the string length limit.
 *
 * Counterpart in Redis: `parseExtendedStringArgumentsOrReply`, `getExpireMillisecondsOrReply`,
 * `setGenericCommand` and `checkStringLength` (t_string.c).
 */
import type { Bytes } from '../../types.ts';
import type { Reply } from '../../resp/reply.ts';
import { bulk, NIL, OK } from '../../resp/reply.ts';
import type { CommandContext } from '../command.ts';
import { Errors, ReplyError } from '../command.ts';
import { expectType, LLONG_MAX, longLongArg, lookupRead, lookupWrite, propagateAs, stringValue } from '../../server/keyspace.ts';

export type ExpireUnit = 'EX' | 'PX' | 'EXAT' | 'PXAT';

/** The flags `parseExtendedStringArgumentsOrReply` collects. */
export interface StringOptions {
  nx: boolean;
  xx: boolean;
  get: boolean;
  keepTtl: boolean;
  persist: boolean;
  expire: { unit: ExpireUnit; arg: Bytes } | null;
}

/**
 * Parses the options of SET (from argv[3]: NX XX GET KEEPTTL EX PX EXAT PXAT) or GETEX (from
 * argv[2]: PERSIST EX PX EXAT PXAT). Conflicting or unknown options are a syntax error; the
 * numbers are read later, when the command runs.
 */
export function parseStringOptions(argv: Bytes[], command: 'set' | 'get'): StringOptions {
  const o: StringOptions = { nx: false, xx: false, get: false, keepTtl: false, persist: false, expire: null };
  const isSet = command === 'set';
  for (let j = isSet ? 3 : 2; j < argv.length; j++) {
    const opt = argv[j].toUpperCase();
    const hasNext = j < argv.length - 1;
    const unit = o.expire?.unit;
    if (opt === 'NX' && !o.xx && isSet) o.nx = true;
    else if (opt === 'XX' && !o.nx && isSet) o.xx = true;
    else if (opt === 'GET' && isSet) o.get = true;
    else if (opt === 'KEEPTTL' && !o.persist && !o.expire && isSet) o.keepTtl = true;
    else if (opt === 'PERSIST' && !isSet && !o.expire && !o.keepTtl) o.persist = true;
    else if ((opt === 'EX' || opt === 'PX' || opt === 'EXAT' || opt === 'PXAT') && !o.keepTtl && !o.persist && (unit === undefined || unit === opt) && hasNext) {
      o.expire = { unit: opt, arg: argv[++j] };
    } else {
      throw new ReplyError(Errors.syntax);
    }
  }
  return o;
}

/**
 * `getExpireMillisecondsOrReply`: the absolute expiry in Unix milliseconds for an EX/PX/EXAT/
 * PXAT argument, or "invalid expire time in '<command>' command" when it is not positive or
 * overflows.
 */
export function expireAtMs(ctx: CommandContext, arg: Bytes, unit: ExpireUnit, command: string): bigint {
  let ms = longLongArg(arg);
  const invalid = () => new ReplyError(`ERR invalid expire time in '${command}' command`);
  const seconds = unit === 'EX' || unit === 'EXAT';
  if (ms <= 0n || (seconds && ms > LLONG_MAX / 1000n)) throw invalid();
  if (seconds) ms *= 1000n;
  if (unit === 'EX' || unit === 'PX') ms += BigInt(ctx.nowMs);
  if (ms > LLONG_MAX) throw invalid(); // where C's signed addition would wrap
  return ms;
}

/** Whether an absolute expiry is already past and the key must go now (`checkAlreadyExpired`). */
export function alreadyExpired(ctx: CommandContext, whenMs: bigint): boolean {
  return whenMs <= BigInt(ctx.nowMs) && !ctx.server.persistence.loading && !ctx.server.replication.isReplica;
}

export interface SetGenericArgs {
  argv: Bytes[];
  key: Bytes;
  value: Bytes;
  options: StringOptions;
  /** The command's name for error texts (`set`, `setex`, `psetex`, `setnx`). */
  command: string;
  okReply?: Reply;
  abortReply?: Reply;
}

/**
 * `setGenericCommand`: stores the value unless NX/XX says no, with an expiry, replying the old
 * value for GET. Propagates `SET key value PXAT <ms>` when an expiry was given, and the
 * command without its GET arguments otherwise.
 */
export function setGeneric(ctx: CommandContext, a: SetGenericArgs): Reply {
  const o = a.options;
  let whenMs: bigint | null = null;
  if (o.expire) whenMs = expireAtMs(ctx, o.expire.arg, o.expire.unit, a.command);
  let getReply: Reply | null = null;
  if (o.get) {
    const old = lookupRead(ctx, a.key);
    getReply = old ? bulk(expectType(old, 'string').value) : NIL;
  }
  const found = lookupWrite(ctx, a.key) !== undefined;
  if ((o.nx && found) || (o.xx && !found)) return getReply ?? a.abortReply ?? NIL;
  ctx.db.set(a.key, stringValue(a.value), o.keepTtl);
  ctx.server.markDirty();
  if (whenMs !== null) {
    ctx.db.setExpire(a.key, Number(whenMs));
    propagateAs(ctx, ['SET', a.key, a.value, 'PXAT', whenMs.toString()]);
  } else if (o.get) {
    propagateAs(ctx, a.argv.filter((arg, j) => j < 3 || arg.toLowerCase() !== 'get'));
  }
  return getReply ?? a.okReply ?? OK;
}

/** proto-max-bulk-len's default: the largest string Redis builds. */
const PROTO_MAX_BULK_LEN = 512 * 1024 * 1024;
/**
 * A lab limit below Redis's: a JavaScript string cannot hold 512 MB, and a learner's
 * `SETRANGE k 500000000 x` must not take the node down. Past it we answer with Redis's text.
 */
const LAB_MAX_STRING = 64 * 1024 * 1024;

/** `checkStringLength`: refuses a string that would grow past the limit (not for our primary's stream). */
export function checkStringLength(ctx: CommandContext, size: number, append: number): void {
  if (ctx.client.kind === 'primary' && size + append <= LAB_MAX_STRING) return;
  if (size + append > Math.min(PROTO_MAX_BULK_LEN, LAB_MAX_STRING)) {
    throw new ReplyError('ERR string exceeds maximum allowed size (proto-max-bulk-len)');
  }
}
