/**
 * The compact encodings Redis 7.0 stores small collections in, and writes into RDB files as
 * opaque strings: listpack (lists, small hashes), intset (small sets of integers), and the older
 * ziplist (read only, for RDB files from Redis before 7.0).
 *
 * Counterpart in Redis: listpack.c (`lpAppend`, `lpEncodeBacklen`, `lpStringToInt64`),
 * intset.c, ziplist.c (`zipEntrySafe`). Strings are bytes as binary strings (types.ts).
 */
import type { Bytes } from '../types.ts';

const INT64_MIN = -9223372036854775808n;
const INT64_MAX = 9223372036854775807n;

/**
 * The integer a string denotes when Redis would store it as one (`string2ll`): optional minus,
 * no leading zeros or plus sign, no spaces, within 64-bit range; null otherwise.
 */
export function parseInt64(s: Bytes): bigint | null {
  if (s.length === 0 || s.length > 20) return null;
  if (!/^(0|-?[1-9][0-9]*)$/.test(s)) return null;
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? null : v;
}

/** Little-endian bytes of the low `n` bytes of a (two's complement) integer. */
function le(v: bigint, n: number): Bytes {
  let x = BigInt.asUintN(n * 8, v);
  let s = '';
  for (let i = 0; i < n; i++) {
    s += String.fromCharCode(Number(x & 0xffn));
    x >>= 8n;
  }
  return s;
}

function readLe(data: Bytes, at: number, n: number, signed: boolean): bigint {
  if (at < 0 || at + n > data.length) throw new EncodingError('read past the end');
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(data.charCodeAt(at + i));
  return signed ? BigInt.asIntN(n * 8, v) : v;
}

function u32le(n: number): Bytes {
  return String.fromCharCode(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
}

/** Thrown on a malformed compact blob (the RDB loader turns it into Redis's corruption report). */
export class EncodingError extends Error {}

// ---------------------------------------------------------------------------------------------
// listpack
// ---------------------------------------------------------------------------------------------

/** One listpack entry: its encoding and data, without the trailing back-length. */
function lpEntryBody(s: Bytes): Bytes {
  const v = s.length <= 20 ? parseInt64(s) : null;
  if (v !== null) {
    if (v >= 0n && v <= 127n) return String.fromCharCode(Number(v));
    if (v >= -4096n && v <= 4095n) {
      const u = Number(BigInt.asUintN(13, v));
      return String.fromCharCode(0xc0 | (u >> 8), u & 0xff);
    }
    if (v >= -32768n && v <= 32767n) return '\xf1' + le(v, 2);
    if (v >= -8388608n && v <= 8388607n) return '\xf2' + le(v, 3);
    if (v >= -2147483648n && v <= 2147483647n) return '\xf3' + le(v, 4);
    return '\xf4' + le(v, 8);
  }
  const n = s.length;
  if (n < 64) return String.fromCharCode(0x80 | n) + s;
  if (n < 4096) return String.fromCharCode(0xe0 | (n >> 8), n & 0xff) + s;
  return '\xf0' + u32le(n) + s;
}

/** The back-length that follows an entry: its body length in 7-bit groups, most significant first. */
function lpBacklen(l: number): Bytes {
  if (l <= 127) return String.fromCharCode(l);
  if (l < 16383) return String.fromCharCode(l >> 7, (l & 127) | 128);
  if (l < 2097151) return String.fromCharCode(l >> 14, ((l >> 7) & 127) | 128, (l & 127) | 128);
  if (l < 268435455) return String.fromCharCode(l >> 21, ((l >> 14) & 127) | 128, ((l >> 7) & 127) | 128, (l & 127) | 128);
  return String.fromCharCode(Math.floor(l / 2 ** 28), ((l >> 21) & 127) | 128, ((l >> 14) & 127) | 128, ((l >> 7) & 127) | 128, (l & 127) | 128);
}

/** The bytes one element adds to a listpack. */
export function lpEntry(s: Bytes): Bytes {
  const body = lpEntryBody(s);
  return body + lpBacklen(body.length);
}

/** A listpack holding `entries` (already encoded with {@link lpEntry}). */
export function lpFromEntries(entries: Bytes[]): Bytes {
  const payload = entries.join('');
  const total = 6 + payload.length + 1;
  const count = Math.min(entries.length, 65535);
  return u32le(total) + String.fromCharCode(count & 0xff, count >> 8) + payload + '\xff';
}

/** A listpack of these elements, in order. */
export function lpEncode(elements: Bytes[]): Bytes {
  return lpFromEntries(elements.map(lpEntry));
}

/** The elements of a listpack, integers rendered as decimal strings. */
export function lpDecode(lp: Bytes): Bytes[] {
  if (lp.length < 7) throw new EncodingError('listpack too short');
  const total = Number(readLe(lp, 0, 4, false));
  if (total !== lp.length) throw new EncodingError('listpack size mismatch');
  const out: Bytes[] = [];
  let p = 6;
  for (;;) {
    if (p >= lp.length) throw new EncodingError('listpack without terminator');
    const b = lp.charCodeAt(p);
    if (b === 0xff) break;
    const start = p;
    let value: Bytes;
    if ((b & 0x80) === 0) {
      value = String(b);
      p += 1;
    } else if ((b & 0xc0) === 0x80) {
      const n = b & 0x3f;
      value = lp.slice(p + 1, p + 1 + n);
      p += 1 + n;
    } else if ((b & 0xe0) === 0xc0) {
      if (p + 1 >= lp.length) throw new EncodingError('listpack entry overflows');
      const u = ((b & 0x1f) << 8) | lp.charCodeAt(p + 1);
      value = String(u >= 4096 ? u - 8192 : u);
      p += 2;
    } else if ((b & 0xf0) === 0xe0) {
      if (p + 1 >= lp.length) throw new EncodingError('listpack entry overflows');
      const n = ((b & 0x0f) << 8) | lp.charCodeAt(p + 1);
      value = lp.slice(p + 2, p + 2 + n);
      p += 2 + n;
    } else if (b === 0xf0) {
      const n = Number(readLe(lp, p + 1, 4, false));
      value = lp.slice(p + 5, p + 5 + n);
      p += 5 + n;
    } else if (b >= 0xf1 && b <= 0xf4) {
      const n = [2, 3, 4, 8][b - 0xf1];
      value = readLe(lp, p + 1, n, true).toString();
      p += 1 + n;
    } else {
      throw new EncodingError('bad listpack encoding');
    }
    const bodyLen = p - start;
    p += lpBacklen(bodyLen).length;
    if (p > lp.length - 1) throw new EncodingError('listpack entry overflows');
    out.push(value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// intset
// ---------------------------------------------------------------------------------------------

/** An intset of these integers (sorted ascending, the narrowest width that holds them all). */
export function intsetEncode(values: bigint[]): Bytes {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let width = 2;
  for (const v of sorted) {
    if (v < -2147483648n || v > 2147483647n) width = 8;
    else if ((v < -32768n || v > 32767n) && width < 4) width = 4;
  }
  let s = u32le(width) + u32le(sorted.length);
  for (const v of sorted) s += le(v, width);
  return s;
}

export function intsetDecode(blob: Bytes): Bytes[] {
  if (blob.length < 8) throw new EncodingError('intset too short');
  const width = Number(readLe(blob, 0, 4, false));
  const n = Number(readLe(blob, 4, 4, false));
  if (![2, 4, 8].includes(width) || blob.length !== 8 + width * n) throw new EncodingError('bad intset');
  const out: Bytes[] = [];
  for (let i = 0; i < n; i++) out.push(readLe(blob, 8 + i * width, width, true).toString());
  return out;
}

// ---------------------------------------------------------------------------------------------
// ziplist (read only)
// ---------------------------------------------------------------------------------------------

/** The elements of a ziplist (RDB files written before Redis 7.0). */
export function ziplistDecode(zl: Bytes): Bytes[] {
  if (zl.length < 11) throw new EncodingError('ziplist too short');
  const out: Bytes[] = [];
  let p = 10;
  for (;;) {
    if (p >= zl.length) throw new EncodingError('ziplist without terminator');
    if (zl.charCodeAt(p) === 0xff) break;
    p += zl.charCodeAt(p) < 254 ? 1 : 5;
    const b = zl.charCodeAt(p);
    const top = b >> 6;
    if (top === 0) {
      const n = b & 0x3f;
      out.push(zl.slice(p + 1, p + 1 + n));
      p += 1 + n;
    } else if (top === 1) {
      if (p + 1 >= zl.length) throw new EncodingError('ziplist entry overflows');
      const n = ((b & 0x3f) << 8) | zl.charCodeAt(p + 1);
      out.push(zl.slice(p + 2, p + 2 + n));
      p += 2 + n;
    } else if (top === 2) {
      if (p + 4 >= zl.length) throw new EncodingError('ziplist entry overflows');
      const n = ((zl.charCodeAt(p + 1) << 24) | (zl.charCodeAt(p + 2) << 16) | (zl.charCodeAt(p + 3) << 8) | zl.charCodeAt(p + 4)) >>> 0;
      out.push(zl.slice(p + 5, p + 5 + n));
      p += 5 + n;
    } else {
      const widths: Record<number, number> = { 0xc0: 2, 0xd0: 4, 0xe0: 8, 0xf0: 3, 0xfe: 1 };
      const w = widths[b];
      if (w !== undefined) {
        out.push(readLe(zl, p + 1, w, true).toString());
        p += 1 + w;
      } else if (b >= 0xf1 && b <= 0xfd) {
        out.push(String((b & 0x0f) - 1));
        p += 1;
      } else {
        throw new EncodingError('bad ziplist encoding');
      }
    }
    if (p > zl.length) throw new EncodingError('ziplist entry overflows');
  }
  return out;
}
