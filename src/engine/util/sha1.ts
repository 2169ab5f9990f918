/**
 * SHA-1 (FIPS 180-4) over bytes, in plain TypeScript: the engine has no crypto module.
 *
 * Counterpart in Redis: sha1.c (Steve Reid's public-domain SHA1), which DEBUG DIGEST and
 * DEBUG DIGEST-VALUE use. Speed matters a little (a digest hashes every key twice), so the
 * compression runs on a reused 80-word schedule.
 */
import type { Bytes } from '../types.ts';

const W = new Int32Array(80);

/** The 20-byte SHA-1 of `data`; a binary string is read one byte per character. */
export function sha1(data: Bytes | Uint8Array): Uint8Array {
  const len = data.length;
  const at: (i: number) => number = typeof data === 'string' ? (i) => data.charCodeAt(i) & 0xff : (i) => data[i];
  let h0 = 0x67452301;
  let h1 = 0xefcdab89 | 0;
  let h2 = 0x98badcfe | 0;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0 | 0;
  // Message plus 0x80, zero padding and the 64-bit bit length, in 64-byte blocks.
  const total = (((len + 8) >>> 6) + 1) << 6;
  const bitLenHi = Math.floor(len / 0x20000000);
  const bitLenLo = (len << 3) >>> 0;
  const byteAt = (i: number): number => {
    if (i < len) return at(i);
    if (i === len) return 0x80;
    if (i >= total - 8) {
      const k = i - (total - 8);
      return k < 4 ? (bitLenHi >>> (24 - 8 * k)) & 0xff : (bitLenLo >>> (24 - 8 * (k - 4))) & 0xff;
    }
    return 0;
  };
  for (let off = 0; off < total; off += 64) {
    if (off + 64 <= len) {
      for (let t = 0; t < 16; t++) {
        const i = off + 4 * t;
        W[t] = (at(i) << 24) | (at(i + 1) << 16) | (at(i + 2) << 8) | at(i + 3);
      }
    } else {
      for (let t = 0; t < 16; t++) {
        const i = off + 4 * t;
        W[t] = (byteAt(i) << 24) | (byteAt(i + 1) << 16) | (byteAt(i + 2) << 8) | byteAt(i + 3);
      }
    }
    for (let t = 16; t < 80; t++) {
      const x = W[t - 3] ^ W[t - 8] ^ W[t - 14] ^ W[t - 16];
      W[t] = (x << 1) | (x >>> 31);
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4;
    for (let t = 0; t < 80; t++) {
      let f: number, k: number;
      if (t < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (t < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (t < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc | 0;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6 | 0;
      }
      const temp = (((a << 5) | (a >>> 27)) + f + e + k + W[t]) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = temp;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  const out = new Uint8Array(20);
  [h0, h1, h2, h3, h4].forEach((h, i) => {
    out[4 * i] = (h >>> 24) & 0xff;
    out[4 * i + 1] = (h >>> 16) & 0xff;
    out[4 * i + 2] = (h >>> 8) & 0xff;
    out[4 * i + 3] = h & 0xff;
  });
  return out;
}

/** Lower-case hex of bytes (`%02x` each, as Redis prints digests). */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
