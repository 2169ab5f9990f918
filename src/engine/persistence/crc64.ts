/**
 * The CRC-64 that ends every RDB file: the "Jones" polynomial (0xad93d23594c935a9), bits
 * reflected in and out, initial value 0, no final xor — check value 0xe9c6d914c4b8d9ca for
 * "123456789".
 *
 * Counterpart in Redis: crc64.c (`crc64`, used by rio's checksum while an RDB is written or
 * read). Computed here with a byte-wise lookup table over two 32-bit halves, so no BigInt is
 * needed in the hot loop.
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

/** A running CRC-64 as two 32-bit halves. */
export interface Crc64 {
  hi: number;
  lo: number;
}

/** Continues `crc` over `data` (bytes as a binary string), from `start` to `end`. */
export function crc64Update(crc: Crc64, data: Bytes, start = 0, end = data.length): Crc64 {
  let hi = crc.hi;
  let lo = crc.lo;
  for (let i = start; i < end; i++) {
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
  for (let i = start; i < end; i++) {
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
