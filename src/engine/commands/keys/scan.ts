/**
 * SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] — one step of an iteration over the
 * keys: replies the next cursor (0 when done) and a batch of keys. A key present for the whole
 * iteration is returned at least once; MATCH, TYPE and expiry filter a batch after it is taken,
 * so a batch may be empty before the end.
 * Counterpart in Redis: `scanCommand`, `parseScanCursorOrReply`, `scanGenericCommand` (db.c).
 */
import { array, bulk, bulks } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';
import { expireIfNeeded, longArg, lookupRead, typeName } from '../../server/keyspace.ts';
import { globMatch } from '../../util/glob.ts';

const ULONG_MAX = 18446744073709551615n;

/** `parseScanCursorOrReply`: an unsigned 64-bit cursor as `strtoul` reads it, else "invalid cursor". */
export function parseCursor(s: string): bigint {
  if (s === '') return 0n;
  const m = /^([+-]?)([0-9]+)$/.exec(s);
  if (!m) throw new ReplyError('ERR invalid cursor');
  const v = BigInt(m[2]);
  if (v > ULONG_MAX) throw new ReplyError('ERR invalid cursor');
  return m[1] === '-' ? (ULONG_MAX + 1n - v) % (ULONG_MAX + 1n) : v;
}

export const scan = defineCommand({
  name: 'scan',
  parse(argv) {
    const cursor = parseCursor(argv[1]);
    let count = 10;
    let pattern: string | null = null;
    let type: string | null = null;
    for (let i = 2; i < argv.length; i += 2) {
      const left = argv.length - i;
      const opt = argv[i].toLowerCase();
      if (opt === 'count' && left >= 2) {
        count = longArg(argv[i + 1]);
        if (count < 1) throw new ReplyError(Errors.syntax);
      } else if (opt === 'match' && left >= 2) {
        pattern = argv[i + 1] === '*' ? null : argv[i + 1];
      } else if (opt === 'type' && left >= 2) {
        type = argv[i + 1];
      } else {
        throw new ReplyError(Errors.syntax);
      }
    }
    return { cursor, count, pattern, type };
  },
  apply(ctx, { cursor, count, pattern, type }) {
    const step = ctx.db.scan(cursor, count);
    const out = step.keys.filter((key) => {
      if (pattern !== null && !globMatch(pattern, key)) return false;
      if (type !== null && typeName(lookupRead(ctx, key)) !== type.toLowerCase()) return false;
      return !expireIfNeeded(ctx, key);
    });
    return array([bulk(step.cursor.toString()), bulks(out)]);
  },
});
