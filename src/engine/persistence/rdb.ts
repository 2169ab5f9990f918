/**
 * The RDB file format, version 10 (what Redis 7.0 writes): encoder and decoder.
 *
 * Counterpart in Redis: rdb.c (`rdbSaveRio`, `rdbSaveInfoAuxFields`, `rdbSaveObject`,
 * `rdbSaveLen`, `rdbTryIntegerEncoding`, `rdbLoadRio`, `rdbLoadObject`) and rdb.h (opcodes and
 * object types). The layout: `REDIS0010`, AUX fields (redis-ver, redis-bits, ctime, used-mem,
 * then repl-stream-db/repl-id/repl-offset when replication info is saved, then aof-base), per
 * non-empty database SELECTDB + RESIZEDB and its keys (EXPIRETIME_MS before a key with a TTL),
 * EOF, and the CRC-64 of everything before it.
 *
 * Objects are written as Redis 7.0 writes them: strings with the integer encoding when they
 * are a canonical integer within 32 bits, lists as quicklist 2 (listpack nodes of at most 8 KB,
 * `list-max-listpack-size -2`), hashes as a listpack while small (128 entries, 64-byte values),
 * sets as an intset while they hold only integers (512 entries). Simplification: strings are
 * never LZF-compressed (Redis compresses those over 20 bytes), so our files can be larger than
 * Redis's for long values; both load in either program. The reader also accepts LZF strings,
 * the classic list/set/hash types and the ziplist encodings of older versions.
 */
import type { Bytes } from '../types.ts';
import type { RedisValue } from '../server/db.ts';
import { crc64Bytes, crc64Update, crc64UpdateArray, crc64Hex } from './crc64.ts';
import { lzfDecompress } from './lzf.ts';
import { EncodingError, intsetDecode, intsetEncode, lpDecode, lpEncode, lpEntry, lpFromEntries, parseInt64, ziplistDecode } from './compact-encodings.ts';

export const RDB_VERSION = 10;

/** Opcodes (rdb.h). */
const OP_FUNCTION2 = 0xf5;
const OP_FUNCTION_PRE_GA = 0xf6;
const OP_MODULE_AUX = 0xf7;
const OP_IDLE = 0xf8;
const OP_FREQ = 0xf9;
const OP_AUX = 0xfa;
const OP_RESIZEDB = 0xfb;
const OP_EXPIRETIME_MS = 0xfc;
const OP_EXPIRETIME = 0xfd;
const OP_SELECTDB = 0xfe;
const OP_EOF = 0xff;

/** Object types (rdb.h). */
const TYPE_STRING = 0;
const TYPE_LIST = 1;
const TYPE_SET = 2;
const TYPE_HASH = 4;
const TYPE_LIST_ZIPLIST = 10;
const TYPE_SET_INTSET = 11;
const TYPE_HASH_ZIPLIST = 13;
const TYPE_LIST_QUICKLIST = 14;
const TYPE_HASH_LISTPACK = 16;
const TYPE_LIST_QUICKLIST_2 = 18;

const TYPE_NAMES: Record<number, string> = {
  3: 'zset', 5: 'zset', 6: 'module', 7: 'module', 9: 'zipmap hash', 12: 'ziplist zset', 15: 'stream',
  17: 'listpack zset', 19: 'stream', 20: 'stream',
};

/** Redis 7.0's defaults for the compact encodings (`*-max-listpack-*`, `set-max-intset-entries`). */
export const ENCODING_LIMITS = {
  hashMaxListpackEntries: 128,
  hashMaxListpackValue: 64,
  setMaxIntsetEntries: 512,
  /** `list-max-listpack-size -2`: 8 KB per quicklist node. */
  listMaxListpackBytes: 8192,
};

/** What Redis keeps in `rdbSaveInfo` and writes as the repl-* AUX fields. */
export interface RdbSaveInfo {
  /** The DB the replication stream last selected (`repl-stream-db`). */
  streamDb: number;
  replid: string;
  offset: number;
}

/** One key as stored in (or read from) an RDB file. */
export interface RdbEntry {
  key: Bytes;
  value: RedisValue;
  /** Absolute expiry in Unix ms, or null. */
  expireMs: number | null;
}

export interface RdbDatabase {
  id: number;
  entries: RdbEntry[];
}

/**
 * A database the encoder reads in place (the server's `Db` is one): keys in insertion order
 * with their values, and absolute expiry times in Unix ms. Saves copying a large dataset into
 * {@link RdbEntry} objects first; the bytes written are the same.
 */
export interface RdbDbSource {
  id: number;
  keys: ReadonlyMap<Bytes, RedisValue>;
  expires: ReadonlyMap<Bytes, number>;
}

/** The header facts of an RDB file, with the AUX fields in file order. */
export interface RdbInfo {
  version: number;
  aux: [Bytes, Bytes][];
}

/** Inputs of {@link encodeRdb}. */
export interface RdbEncodeOptions {
  redisVersion: string;
  /** Unix seconds for the `ctime` field. */
  ctimeSec: number;
  usedMem: number;
  /** Replication info; omitted (as Redis does with a NULL rsi) when null. */
  rsi: RdbSaveInfo | null;
  /** True for the base file of a multi-part AOF (`aof-base 1`). */
  aofBase: boolean;
}

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

/** `rdbSaveLen`: 6-bit, 14-bit, 32-bit or 64-bit length. */
export function encodeLength(n: number): Bytes {
  if (n < 64) return String.fromCharCode(n);
  if (n < 16384) return String.fromCharCode(0x40 | (n >> 8), n & 0xff);
  if (n <= 0xffffffff) return '\x80' + String.fromCharCode((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  let s = '\x81';
  const big = BigInt(n);
  for (let i = 7; i >= 0; i--) s += String.fromCharCode(Number((big >> BigInt(8 * i)) & 0xffn));
  return s;
}

/**
 * `rdbSaveRawString`: a string, integer-encoded when it is the canonical form of an integer that
 * fits in 32 bits (`rdbTryIntegerEncoding`), else length-prefixed.
 */
export function encodeString(s: Bytes): Bytes {
  // Only a string starting with a digit or a minus can be a canonical integer.
  const c0 = s.length > 0 && s.length <= 11 ? s.charCodeAt(0) : 0;
  if ((c0 >= 48 && c0 <= 57) || c0 === 45) {
    const v = parseInt64(s);
    if (v !== null) {
      const n = Number(v);
      if (n >= -128 && n <= 127) return '\xc0' + String.fromCharCode(n & 0xff);
      if (n >= -32768 && n <= 32767) return '\xc1' + String.fromCharCode(n & 0xff, (n >> 8) & 0xff);
      if (n >= -2147483648 && n <= 2147483647) return '\xc2' + String.fromCharCode(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
    }
  }
  return encodeLength(s.length) + s;
}

function int64le(v: number): Bytes {
  let x = BigInt.asUintN(64, BigInt(v));
  let s = '';
  for (let i = 0; i < 8; i++) {
    s += String.fromCharCode(Number(x & 0xffn));
    x >>= 8n;
  }
  return s;
}

/** Whether a hash stays a listpack under Redis 7.0's default limits. */
function hashIsListpack(v: Extract<RedisValue, { type: 'hash' }>): boolean {
  if (v.hashtable || v.value.size > ENCODING_LIMITS.hashMaxListpackEntries) return false;
  for (const [f, val] of v.value) {
    if (f.length > ENCODING_LIMITS.hashMaxListpackValue || val.length > ENCODING_LIMITS.hashMaxListpackValue) return false;
  }
  return true;
}

/** The set's members as integers when Redis would keep it an intset, else null. */
function setAsIntset(v: Extract<RedisValue, { type: 'set' }>): bigint[] | null {
  if (v.hashtable || v.value.size > ENCODING_LIMITS.setMaxIntsetEntries) return null;
  const ints: bigint[] = [];
  for (const m of v.value) {
    const n = parseInt64(m);
    if (n === null) return null;
    ints.push(n);
  }
  return ints;
}

/** `rdbSaveObjectType` + `rdbSaveObject`: the type byte and the serialised value. */
export function encodeValue(v: RedisValue): { type: number; body: Bytes } {
  switch (v.type) {
    case 'string':
      return { type: TYPE_STRING, body: encodeString(v.value) };
    case 'list': {
      // Quicklist 2: listpack nodes filled up to 8 KB each, saved as PACKED (2) containers.
      const nodes: Bytes[] = [];
      let entries: Bytes[] = [];
      let size = 7;
      for (const el of v.value) {
        const e = lpEntry(el);
        if (entries.length > 0 && size + e.length > ENCODING_LIMITS.listMaxListpackBytes) {
          nodes.push(lpFromEntries(entries));
          entries = [];
          size = 7;
        }
        entries.push(e);
        size += e.length;
      }
      if (entries.length > 0) nodes.push(lpFromEntries(entries));
      let body = encodeLength(nodes.length);
      for (const n of nodes) body += encodeLength(2) + encodeString(n);
      return { type: TYPE_LIST_QUICKLIST_2, body };
    }
    case 'hash': {
      if (hashIsListpack(v)) {
        const flat: Bytes[] = [];
        for (const [f, val] of v.value) flat.push(f, val);
        return { type: TYPE_HASH_LISTPACK, body: encodeString(lpEncode(flat)) };
      }
      const parts: Bytes[] = [encodeLength(v.value.size)];
      for (const [f, val] of v.value) parts.push(encodeString(f), encodeString(val));
      return { type: TYPE_HASH, body: parts.join('') };
    }
    case 'set': {
      const ints = setAsIntset(v);
      if (ints) return { type: TYPE_SET_INTSET, body: encodeString(intsetEncode(ints)) };
      const parts: Bytes[] = [encodeLength(v.value.size)];
      for (const m of v.value) parts.push(encodeString(m));
      return { type: TYPE_SET, body: parts.join('') };
    }
  }
}

function aux(key: string, value: string): Bytes {
  return String.fromCharCode(OP_AUX) + encodeString(key) + encodeString(value);
}

/**
 * A growable byte buffer the encoder writes a file into (rio's buffer target), read back once
 * as a binary string. Writing bytes into one array and converting at the end costs far less
 * than concatenating a few small strings per key.
 */
class ByteWriter {
  buf: Uint8Array;
  len = 0;
  /** `sizeHint`: the expected length; the buffer starts at that size (at least 64 KB). */
  constructor(sizeHint = 0) {
    this.buf = new Uint8Array(Math.max(1 << 16, sizeHint));
  }
  private grow(n: number): void {
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b: number): void {
    if (this.len === this.buf.length) this.grow(1);
    this.buf[this.len++] = b;
  }
  /** A binary string's bytes. */
  bytes(s: Bytes): void {
    const n = s.length;
    if (this.len + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    let p = this.len;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.len = p;
  }
  /** {@link encodeString}'s bytes, without building the string for the common case. */
  string(s: Bytes): void {
    const n = s.length;
    const c0 = n > 0 && n <= 11 ? s.charCodeAt(0) : 0;
    if ((c0 >= 48 && c0 <= 57) || c0 === 45 || n >= 64) {
      this.bytes(encodeString(s));
      return;
    }
    this.byte(n);
    this.bytes(s);
  }
  /** The bytes written, as a binary string. */
  toBytes(): Bytes {
    // Through a plain array of small integers: String.fromCharCode takes those about twice as
    // fast as a typed array's elements.
    const parts: Bytes[] = [];
    const STEP = 8192;
    const codes: number[] = new Array<number>(STEP).fill(0);
    for (let i = 0; i < this.len; i += STEP) {
      const n = Math.min(STEP, this.len - i);
      if (n !== STEP) codes.length = n;
      for (let j = 0; j < n; j++) codes[j] = this.buf[i + j];
      parts.push(String.fromCharCode.apply(null, codes));
    }
    return parts.join('');
  }
}

/** Writes one key: EXPIRETIME_MS when it has a TTL, the type, the key, the value. */
function writeEntry(w: ByteWriter, key: Bytes, value: RedisValue, expireMs: number | null | undefined): void {
  if (expireMs !== null && expireMs !== undefined) {
    w.byte(OP_EXPIRETIME_MS);
    w.bytes(int64le(expireMs));
  }
  // Strings, by far the most common, skip the object returned by encodeValue.
  if (value.type === 'string') {
    w.byte(TYPE_STRING);
    w.string(key);
    w.string(value.value);
    return;
  }
  const { type, body } = encodeValue(value);
  w.byte(type);
  w.string(key);
  w.bytes(body);
}

/**
 * A whole RDB file for these databases (in id order; empty ones are skipped as Redis does).
 * A database is either a list of entries or read in place ({@link RdbDbSource}).
 */
export function encodeRdb(dbs: Iterable<RdbDatabase | RdbDbSource>, opts: RdbEncodeOptions): Bytes {
  const list = [...dbs];
  // About 25 bytes per key for small strings: a large dataset then needs no growth.
  let keys = 0;
  for (const db of list) keys += 'keys' in db ? db.keys.size : db.entries.length;
  const w = new ByteWriter(Math.min(keys * 32, 1 << 28));
  w.bytes(`REDIS${String(RDB_VERSION).padStart(4, '0')}`);
  w.bytes(aux('redis-ver', opts.redisVersion));
  w.bytes(aux('redis-bits', '64'));
  w.bytes(aux('ctime', String(opts.ctimeSec)));
  w.bytes(aux('used-mem', String(opts.usedMem)));
  if (opts.rsi) {
    w.bytes(aux('repl-stream-db', String(opts.rsi.streamDb)));
    w.bytes(aux('repl-id', opts.rsi.replid));
    w.bytes(aux('repl-offset', String(opts.rsi.offset)));
  }
  w.bytes(aux('aof-base', opts.aofBase ? '1' : '0'));
  for (const db of list) {
    const inPlace = 'keys' in db;
    const size = inPlace ? db.keys.size : db.entries.length;
    if (size === 0) continue;
    let expires = 0;
    if (inPlace) {
      for (const key of db.expires.keys()) if (db.keys.has(key)) expires++;
    } else {
      for (const e of db.entries) if (e.expireMs !== null) expires++;
    }
    w.byte(OP_SELECTDB);
    w.bytes(encodeLength(db.id));
    w.byte(OP_RESIZEDB);
    w.bytes(encodeLength(size));
    w.bytes(encodeLength(expires));
    if (inPlace) {
      const ttls = db.expires;
      // forEach walks a Map without an iterator result per key.
      if (ttls.size > 0) db.keys.forEach((value, key) => writeEntry(w, key, value, ttls.get(key)));
      else db.keys.forEach((value, key) => writeEntry(w, key, value, undefined));
    } else {
      for (const e of db.entries) writeEntry(w, e.key, e.value, e.expireMs);
    }
  }
  w.byte(OP_EOF);
  w.bytes(crc64Bytes(crc64UpdateArray({ hi: 0, lo: 0 }, w.buf, 0, w.len)));
  return w.toBytes();
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/** Why an RDB could not be read; `kind` picks Redis's wording in the log. */
export class RdbError extends Error {
  readonly kind: 'signature' | 'version' | 'eof' | 'corrupt' | 'checksum' | 'unsupported';
  /** AUX fields read before the error (Redis logs them as it meets them). */
  aux: [Bytes, Bytes][] = [];
  constructor(kind: RdbError['kind'], message: string) {
    super(message);
    this.kind = kind;
  }
}

class Reader {
  pos = 0;
  readonly data: Bytes;
  constructor(data: Bytes) {
    this.data = data;
  }
  need(n: number): void {
    if (this.pos + n > this.data.length) throw new RdbError('eof', 'Unexpected EOF reading RDB file');
  }
  byte(): number {
    this.need(1);
    return this.data.charCodeAt(this.pos++);
  }
  bytes(n: number): Bytes {
    this.need(n);
    const s = this.data.slice(this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
  uintBE(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + this.byte();
    return v;
  }
  intLE(n: number): number {
    let v = 0n;
    const s = this.bytes(n);
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(s.charCodeAt(i));
    return Number(BigInt.asIntN(n * 8, v));
  }
  /** Set by {@link length}: whether the length read was an encoding marker. */
  encoded = false;
  /**
   * `rdbLoadLenByRef`: a length, or an encoding marker for special strings (then
   * {@link encoded} is true).
   */
  length(): number {
    const b = this.byte();
    const kind = b >> 6;
    this.encoded = false;
    if (kind === 0) return b & 0x3f;
    if (kind === 1) return ((b & 0x3f) << 8) | this.byte();
    if (kind === 3) {
      this.encoded = true;
      return b & 0x3f;
    }
    if (b === 0x80) return this.uintBE(4);
    if (b === 0x81) return this.uintBE(8);
    throw new RdbError('corrupt', `Unknown length encoding ${b} in rdbLoadLen()`);
  }
  len(): number {
    const len = this.length();
    if (this.encoded) throw new RdbError('corrupt', 'Unexpected encoded length');
    return len;
  }
  string(): Bytes {
    // A plain string of under 64 bytes, the common case, is read without further calls.
    const p = this.pos;
    if (p < this.data.length) {
      const b = this.data.charCodeAt(p);
      if (b < 64 && p + 1 + b <= this.data.length) {
        this.pos = p + 1 + b;
        return this.data.slice(p + 1, p + 1 + b);
      }
    }
    const len = this.length();
    if (!this.encoded) return this.bytes(len);
    switch (len) {
      case 0: return String(this.intLE(1));
      case 1: return String(this.intLE(2));
      case 2: return String(this.intLE(4));
      case 3: {
        const clen = this.len();
        const ulen = this.len();
        const out = lzfDecompress(this.bytes(clen), ulen);
        if (out === null) throw new RdbError('corrupt', 'Invalid LZF compressed string');
        return out;
      }
      default:
        throw new RdbError('corrupt', `Unknown RDB string encoding type ${len}`);
    }
  }
}

function decodeValue(r: Reader, type: number): RedisValue {
  try {
    switch (type) {
      case TYPE_STRING:
        return { type: 'string', value: r.string() };
      case TYPE_LIST: {
        const n = r.len();
        const items: Bytes[] = [];
        for (let i = 0; i < n; i++) items.push(r.string());
        return { type: 'list', value: items };
      }
      case TYPE_LIST_ZIPLIST:
        return { type: 'list', value: ziplistDecode(r.string()) };
      case TYPE_LIST_QUICKLIST:
      case TYPE_LIST_QUICKLIST_2: {
        const nodes = r.len();
        const items: Bytes[] = [];
        for (let i = 0; i < nodes; i++) {
          const container = type === TYPE_LIST_QUICKLIST_2 ? r.len() : 2;
          const blob = r.string();
          if (container === 1) items.push(blob);
          else if (type === TYPE_LIST_QUICKLIST) items.push(...ziplistDecode(blob));
          else items.push(...lpDecode(blob));
        }
        return { type: 'list', value: items };
      }
      case TYPE_SET: {
        const n = r.len();
        const set = new Set<Bytes>();
        for (let i = 0; i < n; i++) set.add(r.string());
        return { type: 'set', value: set };
      }
      case TYPE_SET_INTSET:
        return { type: 'set', value: new Set(intsetDecode(r.string())) };
      case TYPE_HASH: {
        const n = r.len();
        const map = new Map<Bytes, Bytes>();
        for (let i = 0; i < n; i++) {
          const f = r.string();
          map.set(f, r.string());
        }
        return { type: 'hash', value: map };
      }
      case TYPE_HASH_ZIPLIST:
      case TYPE_HASH_LISTPACK: {
        const flat = type === TYPE_HASH_LISTPACK ? lpDecode(r.string()) : ziplistDecode(r.string());
        if (flat.length % 2 !== 0) throw new RdbError('corrupt', 'Hash listpack with an odd number of elements');
        const map = new Map<Bytes, Bytes>();
        for (let i = 0; i < flat.length; i += 2) map.set(flat[i], flat[i + 1]);
        return { type: 'hash', value: map };
      }
      default: {
        const name = TYPE_NAMES[type];
        if (name) throw new RdbError('unsupported', `The lab cannot hold a ${name} value (RDB object type ${type})`);
        throw new RdbError('corrupt', `Unknown RDB encoding type ${type}`);
      }
    }
  } catch (e) {
    if (e instanceof EncodingError) throw new RdbError('corrupt', `Invalid encoded object: ${e.message}`);
    throw e;
  }
}

/** A decoded RDB file. */
export interface DecodedRdb extends RdbInfo {
  dbs: RdbDatabase[];
  /** Offset just past the checksum (an old-style AOF continues with commands there). */
  end: number;
}

/**
 * The keys of one database as {@link decodeRdbColumns} returns them: parallel arrays in file
 * order (no object per key), `expireMs[i]` null when key i has no TTL.
 */
export interface RdbColumns {
  id: number;
  keys: Bytes[];
  values: RedisValue[];
  expireMs: (number | null)[];
}

/** An RDB file decoded into {@link RdbColumns}. */
export interface DecodedRdbColumns extends RdbInfo {
  dbs: RdbColumns[];
  end: number;
}

/**
 * Reads a whole RDB file (`rdbLoadRio`). Throws {@link RdbError} with the AUX fields seen so
 * far. The checksum is verified unless it is zero (a file saved with `rdbchecksum no`).
 */
export function decodeRdb(data: Bytes): DecodedRdb {
  const d = decodeRdbColumns(data);
  return {
    version: d.version,
    aux: d.aux,
    dbs: d.dbs.map((db) => ({ id: db.id, entries: db.keys.map((key, i) => ({ key, value: db.values[i], expireMs: db.expireMs[i] })) })),
    end: d.end,
  };
}

/**
 * {@link decodeRdb} with each database's keys in parallel arrays: what a server loading a
 * large file uses, as it saves an object per key. Same checks, same errors.
 */
export function decodeRdbColumns(data: Bytes): DecodedRdbColumns {
  const auxSeen: [Bytes, Bytes][] = [];
  try {
    const r = new Reader(data);
    if (data.length < 9 || data.slice(0, 5) !== 'REDIS') throw new RdbError('signature', 'Wrong signature trying to load DB from file');
    const version = Number(data.slice(5, 9));
    if (!Number.isInteger(version) || version < 1 || version > RDB_VERSION) {
      throw new RdbError('version', `Can't handle RDB format version ${data.slice(5, 9)}`);
    }
    r.pos = 9;
    const dbs: RdbColumns[] = [];
    let current: RdbColumns | null = null;
    let expireMs: number | null = null;
    for (;;) {
      const op = r.byte();
      if (op === OP_EOF) break;
      switch (op) {
        case OP_EXPIRETIME_MS:
          expireMs = r.intLE(8);
          continue;
        case OP_EXPIRETIME:
          expireMs = r.intLE(4) * 1000;
          continue;
        case OP_FREQ:
          r.byte();
          continue;
        case OP_IDLE:
          r.len();
          continue;
        case OP_SELECTDB: {
          const id = r.len();
          current = dbs.find((d) => d.id === id) ?? null;
          if (!current) {
            current = { id, keys: [], values: [], expireMs: [] };
            dbs.push(current);
          }
          continue;
        }
        case OP_RESIZEDB:
          r.len();
          r.len();
          continue;
        case OP_AUX: {
          const k = r.string();
          const v = r.string();
          auxSeen.push([k, v]);
          continue;
        }
        case OP_MODULE_AUX:
          throw new RdbError('unsupported', 'The RDB file contains module AUX data, which the lab cannot load');
        case OP_FUNCTION_PRE_GA:
        case OP_FUNCTION2:
          // Function libraries: read and ignored (the lab has no scripting).
          r.string();
          continue;
      }
      if (!current) {
        current = { id: 0, keys: [], values: [], expireMs: [] };
        dbs.push(current);
      }
      current.keys.push(r.string());
      current.values.push(op === TYPE_STRING ? { type: 'string', value: r.string() } : decodeValue(r, op));
      current.expireMs.push(expireMs);
      expireMs = null;
    }
    if (version >= 5) {
      const end = r.pos;
      const stored = r.bytes(8);
      if (stored !== '\0\0\0\0\0\0\0\0') {
        const crc = crc64Update({ hi: 0, lo: 0 }, data, 0, end);
        if (crc64Bytes(crc) !== stored) {
          let got = 0n;
          for (let i = 7; i >= 0; i--) got = (got << 8n) | BigInt(stored.charCodeAt(i));
          throw new RdbError('checksum', `Wrong RDB checksum expected: (${crc64Hex(crc).replace(/^0+(?=.)/, '')}) but got (${got.toString(16)}). Aborting now.`);
        }
      }
    }
    return { version, aux: auxSeen, dbs, end: r.pos };
  } catch (e) {
    if (e instanceof RdbError) e.aux = auxSeen;
    throw e;
  }
}
