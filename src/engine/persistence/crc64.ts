/**
 * The CRC-64 that ends every RDB file: the "Jones" polynomial (0xad93d23594c935a9), bits
 * reflected in and out, initial value 0, no final xor — check value 0xe9c6d914c4b8d9ca for
 * "123456789".
 *
 * Counterpart in Redis: crc64.c (`crc64`, used by rio's checksum while an RDB is written or
 * read). Computed here with lookup tables over two 32-bit halves, so no BigInt is needed in
 * the hot loop: eight bytes at a time (slicing-by-8, as Redis 7's crcspeed does), the tail
 * byte by byte.
 */
import type { Bytes } from '../types.ts';

/** The reflected polynomial, split in halves. */
const POLY_HI = 0x95ac9329;
const POLY_LO = 0xac4bc9b5;

const TABLE_HI = new Uint32Array(256);
const TABLE_LO = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  let hi = 0;
  let lo = i;
  for (let b = 0; b < 8; b++) {
    const carry = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (carry) {
      hi = (hi ^ POLY_HI) >>> 0;
      lo = (lo ^ POLY_LO) >>> 0;
    }
  }
  TABLE_HI[i] = hi;
  TABLE_LO[i] = lo;
}

/**
 * Slicing-by-8 tables: `SLICE_*[k * 256 + i]` is the CRC of byte `i` followed by `k` zero
 * bytes (k = 0 is the table above), so eight input bytes are folded in with eight lookups
 * (the loops below index them with k * 256 written out).
 */
const SLICE_HI = new Uint32Array(8 * 256);
const SLICE_LO = new Uint32Array(8 * 256);
SLICE_HI.set(TABLE_HI);
SLICE_LO.set(TABLE_LO);
for (let k = 1; k < 8; k++) {
  for (let i = 0; i < 256; i++) {
    const hi = SLICE_HI[(k - 1) * 256 + i];
    const lo = SLICE_LO[(k - 1) * 256 + i];
    const idx = lo & 0xff;
    SLICE_LO[k * 256 + i] = (((lo >>> 8) | ((hi & 0xff) << 24)) ^ TABLE_LO[idx]) >>> 0;
    SLICE_HI[k * 256 + i] = ((hi >>> 8) ^ TABLE_HI[idx]) >>> 0;
  }
}

/** A running CRC-64 as two 32-bit halves. */
export interface Crc64 {
  hi: number;
  lo: number;
}

/** Continues `crc` over `data` (bytes as a binary string), from `start` to `end`. */
export function crc64Update(crc: Crc64, data: Bytes, start = 0, end = data.length): Crc64 {
  let hi = crc.hi;
  let lo = crc.lo;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const a = lo ^ (data.charCodeAt(i) | (data.charCodeAt(i + 1) << 8) | (data.charCodeAt(i + 2) << 16) | (data.charCodeAt(i + 3) << 24));
    const b = hi ^ (data.charCodeAt(i + 4) | (data.charCodeAt(i + 5) << 8) | (data.charCodeAt(i + 6) << 16) | (data.charCodeAt(i + 7) << 24));
    lo = SLICE_LO[1792 + (a & 0xff)] ^ SLICE_LO[1536 + ((a >>> 8) & 0xff)] ^ SLICE_LO[1280 + ((a >>> 16) & 0xff)] ^ SLICE_LO[1024 + (a >>> 24)] ^
      SLICE_LO[768 + (b & 0xff)] ^ SLICE_LO[512 + ((b >>> 8) & 0xff)] ^ SLICE_LO[256 + ((b >>> 16) & 0xff)] ^ SLICE_LO[b >>> 24];
    hi = SLICE_HI[1792 + (a & 0xff)] ^ SLICE_HI[1536 + ((a >>> 8) & 0xff)] ^ SLICE_HI[1280 + ((a >>> 16) & 0xff)] ^ SLICE_HI[1024 + (a >>> 24)] ^
      SLICE_HI[768 + (b & 0xff)] ^ SLICE_HI[512 + ((b >>> 8) & 0xff)] ^ SLICE_HI[256 + ((b >>> 16) & 0xff)] ^ SLICE_HI[b >>> 24];
  }
  for (; i < end; i++) {
    const idx = (lo ^ data.charCodeAt(i)) & 0xff;
    lo = ((lo >>> 8) | ((hi & 0xff) << 24)) ^ TABLE_LO[idx];
    hi = (hi >>> 8) ^ TABLE_HI[idx];
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

/** Continues `crc` over bytes of an array, from `start` to `end` (the encoder's buffer). */
export function crc64UpdateArray(crc: Crc64, data: Uint8Array, start = 0, end = data.length): Crc64 {
  let hi = crc.hi;
  let lo = crc.lo;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const a = lo ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    const b = hi ^ (data[i + 4] | (data[i + 5] << 8) | (data[i + 6] << 16) | (data[i + 7] << 24));
    lo = SLICE_LO[1792 + (a & 0xff)] ^ SLICE_LO[1536 + ((a >>> 8) & 0xff)] ^ SLICE_LO[1280 + ((a >>> 16) & 0xff)] ^ SLICE_LO[1024 + (a >>> 24)] ^
      SLICE_LO[768 + (b & 0xff)] ^ SLICE_LO[512 + ((b >>> 8) & 0xff)] ^ SLICE_LO[256 + ((b >>> 16) & 0xff)] ^ SLICE_LO[b >>> 24];
    hi = SLICE_HI[1792 + (a & 0xff)] ^ SLICE_HI[1536 + ((a >>> 8) & 0xff)] ^ SLICE_HI[1280 + ((a >>> 16) & 0xff)] ^ SLICE_HI[1024 + (a >>> 24)] ^
      SLICE_HI[768 + (b & 0xff)] ^ SLICE_HI[512 + ((b >>> 8) & 0xff)] ^ SLICE_HI[256 + ((b >>> 16) & 0xff)] ^ SLICE_HI[b >>> 24];
  }
  for (; i < end; i++) {
    const idx = (lo ^ data[i]) & 0xff;
    lo = ((lo >>> 8) | ((hi & 0xff) << 24)) ^ TABLE_LO[idx];
    hi = (hi >>> 8) ^ TABLE_HI[idx];
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

/** The CRC-64 of `data`. */
export function crc64(data: Bytes): Crc64 {
  return crc64Update({ hi: 0, lo: 0 }, data);
}

/** The checksum as the 8 little-endian bytes Redis appends to an RDB file. */
export function crc64Bytes(crc: Crc64): Bytes {
  let s = '';
  for (let i = 0; i < 4; i++) s += String.fromCharCode((crc.lo >>> (8 * i)) & 0xff);
  for (let i = 0; i < 4; i++) s += String.fromCharCode((crc.hi >>> (8 * i)) & 0xff);
  return s;
}

/** The checksum as 16 lower-case hex digits (for log lines). */
export function crc64Hex(crc: Crc64): string {
  return crc.hi.toString(16).padStart(8, '0') + crc.lo.toString(16).padStart(8, '0');
}
