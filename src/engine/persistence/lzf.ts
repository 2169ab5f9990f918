/**
 * LZF decompression, for reading RDB files written by real Redis (it compresses strings longer
 * than 20 bytes when `rdbcompression` is on, the default).
 *
 * Counterpart in Redis: lzf_d.c (`lzf_decompress`), called by rdb.c's `rdbLoadLzfStringObject`.
 * The format: a control byte below 32 starts a literal run of (ctrl + 1) bytes; otherwise the
 * top three bits give a back-reference length (7 means "read one more length byte"), the low
 * five bits and the next byte the distance back (minus one). The engine never compresses (see
 * rdb.ts), so only decompression lives here.
 */
import type { Bytes } from '../types.ts';

/** Expands `input` to exactly `expectedLength` bytes; null when the data is corrupt. */
export function lzfDecompress(input: Bytes, expectedLength: number): Bytes | null {
  const out: number[] = [];
  let i = 0;
  while (i < input.length) {
    const ctrl = input.charCodeAt(i++);
    if (ctrl < 32) {
      const run = ctrl + 1;
      if (i + run > input.length) return null;
      for (let k = 0; k < run; k++) out.push(input.charCodeAt(i++));
    } else {
      let len = ctrl >> 5;
      if (len === 7) {
        if (i >= input.length) return null;
        len += input.charCodeAt(i++);
      }
      if (i >= input.length) return null;
      const back = ((ctrl & 0x1f) << 8) + input.charCodeAt(i++) + 1;
      let from = out.length - back;
      if (from < 0) return null;
      for (let k = 0; k < len + 2; k++) out.push(out[from++]);
    }
    if (out.length > expectedLength) return null;
  }
  if (out.length !== expectedLength) return null;
  let s = '';
  for (let k = 0; k < out.length; k += 8192) s += String.fromCharCode(...out.slice(k, k + 8192));
  return s;
}
