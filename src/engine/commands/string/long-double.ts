/**
 * The x87 80-bit `long double` arithmetic INCRBYFLOAT and HINCRBYFLOAT run on, emulated
 * exactly with BigInt: parsing as `strtold` does (round to nearest, ties to even, 64-bit
 * significand), addition with the same rounding, and printing as `%.17Lf`.
 *
 * Counterpart in Redis: `string2ld`, `ld2string` with LD_STR_HUMAN (util.c) and the
 * `long double` additions of `incrbyfloatCommand` (t_string.c) and `hincrbyfloatCommand`
 * (t_hash.c). A JS double would print `10.5 + 0.1` as `10.59999999999999964`; Redis, with 64
 * bits of significand, prints `10.6`, and so does this.
 */

/** A finite long double, `(-1)^neg × m × 2^e` with `m < 2^64`, or an infinity. */
export type LongDouble = { kind: 'finite'; neg: boolean; m: bigint; e: number } | { kind: 'inf'; neg: boolean };

const SIGNIFICAND_BITS = 64;
/** Exponent of the least significant bit of the smallest subnormal (2^-16445). */
const MIN_LSB_EXP = -16445;
/** Largest `e` with a finite value: (2^64 − 1) × 2^16320 is LDBL_MAX. */
const MAX_EXP = 16320;
/** `MAX_LONG_DOUBLE_CHARS`: string2ld refuses longer input. */
const MAX_CHARS = 5 * 1024;

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Rounds the exact positive rational `num / den` to a long double (ties to even). */
function roundRational(neg: boolean, num: bigint, den: bigint): LongDouble {
  if (num === 0n) return { kind: 'finite', neg, m: 0n, e: 0 };
  let e = bitLength(num) - bitLength(den) - SIGNIFICAND_BITS;
  const scaled = (exp: number): [bigint, bigint, bigint] => {
    const n = exp < 0 ? num << BigInt(-exp) : num;
    const d = exp > 0 ? den << BigInt(exp) : den;
    return [n / d, n % d, d];
  };
  let [q, r, d] = scaled(e);
  while (q >= 1n << 64n) [q, r, d] = scaled(++e);
  while (q < 1n << 63n && e > MIN_LSB_EXP) [q, r, d] = scaled(--e);
  if (e < MIN_LSB_EXP) {
    e = MIN_LSB_EXP;
    [q, r, d] = scaled(e);
  }
  const twice = r * 2n;
  if (twice > d || (twice === d && (q & 1n) === 1n)) q += 1n;
  if (q === 1n << 64n) {
    q = 1n << 63n;
    e++;
  }
  if (e > MAX_EXP) return { kind: 'inf', neg };
  return { kind: 'finite', neg, m: q, e };
}

function fromParts(neg: boolean, mant: bigint, pow2: number, pow10: number): LongDouble {
  let num = mant;
  let den = 1n;
  if (pow10 >= 0) num *= 10n ** BigInt(pow10);
  else den *= 10n ** BigInt(-pow10);
  if (pow2 >= 0) num <<= BigInt(pow2);
  else den <<= BigInt(-pow2);
  return roundRational(neg, num, den);
}

/**
 * `string2ld`: the whole string must be a number `strtold` accepts (decimal or hex, `inf`),
 * with no leading space; NaN, overflow and underflow to zero are refused (null).
 */
export function parseLongDouble(s: string): LongDouble | null {
  if (s.length === 0 || s.length >= MAX_CHARS) return null;
  let m = /^([+-]?)(inf|infinity)$/i.exec(s);
  if (m) return { kind: 'inf', neg: m[1] === '-' };
  m = /^([+-]?)0[xX](?=\.?[0-9a-fA-F])([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/.exec(s);
  if (m) {
    const neg = m[1] === '-';
    const digits = (m[2] + (m[3] ?? '')).replace(/^0+/, '');
    if (digits === '') return { kind: 'finite', neg, m: 0n, e: 0 }; // an exact zero: no ERANGE
    const exp = m[4] === undefined ? 0 : clampExp(m[4]);
    const pow2 = exp - 4 * (m[3] ?? '').length;
    const approx = pow2 + 4 * digits.length;
    if (approx > 16400) return null;
    if (approx < -16500) return null;
    const v = fromParts(neg, BigInt('0x' + digits), pow2, 0);
    return checkRange(v);
  }
  m = /^([+-]?)(?=\.?[0-9])([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(s);
  if (!m) return null;
  const neg = m[1] === '-';
  const frac = m[3] ?? '';
  const all = (m[2] + frac).replace(/^0+/, '');
  if (all === '') return { kind: 'finite', neg, m: 0n, e: 0 };
  const exp = m[4] === undefined ? 0 : clampExp(m[4]);
  const pow10 = exp - frac.length;
  const magnitude = pow10 + all.length; // the value is below 10^magnitude
  if (magnitude > 4934) return null; // overflow: ERANGE with HUGE_VAL
  if (magnitude < -4952) return null; // underflow to zero: ERANGE with zero
  return checkRange(fromParts(neg, BigInt(all), 0, pow10));
}

/** An exponent, bounded so that absurd ones still overflow or underflow without huge BigInts. */
function clampExp(s: string): number {
  const n = Number(s);
  return Math.max(-1e6, Math.min(1e6, n));
}

function checkRange(v: LongDouble): LongDouble | null {
  if (v.kind === 'inf') return null;
  if (v.m === 0n) return null; // a non-zero literal that underflows to zero
  return v;
}

/** Exact sum of two long doubles, rounded to a long double. */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble | 'nan' {
  if (a.kind === 'inf' || b.kind === 'inf') {
    if (a.kind === 'inf' && b.kind === 'inf' && a.neg !== b.neg) return 'nan';
    return a.kind === 'inf' ? a : b;
  }
  if (a.m === 0n && b.m === 0n) return { kind: 'finite', neg: a.neg && b.neg, m: 0n, e: 0 };
  const emin = Math.min(a.e, b.e);
  const sa = (a.neg ? -a.m : a.m) << BigInt(a.e - emin);
  const sb = (b.neg ? -b.m : b.m) << BigInt(b.e - emin);
  const sum = sa + sb;
  if (sum === 0n) return { kind: 'finite', neg: false, m: 0n, e: 0 };
  const neg = sum < 0n;
  const abs = neg ? -sum : sum;
  return emin >= 0 ? roundRational(neg, abs << BigInt(emin), 1n) : roundRational(neg, abs, 1n << BigInt(-emin));
}

/** `ld2string(..., LD_STR_HUMAN)`: `%.17Lf` without trailing zeros (and `-0` printed as `0`). */
export function formatLongDouble(v: LongDouble): string {
  if (v.kind === 'inf') return v.neg ? '-inf' : 'inf';
  const scale = 10n ** 17n;
  let q: bigint;
  if (v.e >= 0) {
    q = (v.m << BigInt(v.e)) * scale;
  } else {
    const num = v.m * scale;
    const den = 1n << BigInt(-v.e);
    q = num / den;
    const twice = (num % den) * 2n;
    if (twice > den || (twice === den && (q & 1n) === 1n)) q += 1n;
  }
  const int = (q / scale).toString();
  const frac = (q % scale).toString().padStart(17, '0').replace(/0+$/, '');
  let out = (v.neg ? '-' : '') + int + (frac ? '.' + frac : '');
  if (out === '-0') out = '0';
  return out;
}
