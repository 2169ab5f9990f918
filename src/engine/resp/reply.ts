/**
 * RESP2 replies as data, and their encoding on the wire.
 *
 * Counterpart in Redis: the `addReply*` family in networking.c. Commands return a {@link Reply}
 * value rather than writing bytes, so tests can compare structure and the host can encode once.
 */
import type { Bytes } from '../types.ts';

export type Reply =
  | { type: 'simple'; value: string }
  /** The whole error line without the leading `-`, e.g. `ERR syntax error`. */
  | { type: 'error'; value: string }
  /** `exact` carries the decimal text when the value is beyond 2^53 (JS numbers would round it). */
  | { type: 'integer'; value: number; exact?: string }
  | { type: 'bulk'; value: Bytes | null }
  | { type: 'array'; value: Reply[] | null }
  /** Bytes already encoded (used for the replication stream and large transfers). */
  | { type: 'raw'; value: Bytes };

export const OK: Reply = { type: 'simple', value: 'OK' };
export const QUEUED: Reply = { type: 'simple', value: 'QUEUED' };
export const NIL: Reply = { type: 'bulk', value: null };
export const NIL_ARRAY: Reply = { type: 'array', value: null };
export const EMPTY_ARRAY: Reply = { type: 'array', value: [] };

export const simple = (value: string): Reply => ({ type: 'simple', value });
export const error = (value: string): Reply => ({ type: 'error', value });
export const integer = (value: number): Reply => ({ type: 'integer', value });
export const bulk = (value: Bytes | null): Reply => ({ type: 'bulk', value });
export const array = (value: Reply[]): Reply => ({ type: 'array', value });
export const bulks = (values: Bytes[]): Reply => ({ type: 'array', value: values.map(bulk) });
export const isError = (r: Reply): r is { type: 'error'; value: string } => r.type === 'error';

/** Encodes a reply as RESP2 bytes (counterpart: `_addReplyToBufferOrList`). */
export function encodeReply(reply: Reply): Bytes {
  switch (reply.type) {
    case 'simple':
      return `+${reply.value}\r\n`;
    case 'error':
      // Redis never lets CR or LF inside an error line (addReplyErrorFormat, commandCheckExistence
      // map them to spaces): user bytes quoted in an error cannot break the stream.
      return `-${reply.value.replace(/[\r\n]/g, ' ')}\r\n`;
    case 'integer':
      return `:${reply.exact ?? reply.value}\r\n`;
    case 'bulk':
      return reply.value === null ? '$-1\r\n' : `$${reply.value.length}\r\n${reply.value}\r\n`;
    case 'array': {
      if (reply.value === null) return '*-1\r\n';
      let out = `*${reply.value.length}\r\n`;
      for (const item of reply.value) out += encodeReply(item);
      return out;
    }
    case 'raw':
      return reply.value;
  }
}

/** Encodes a command as a RESP array of bulk strings, as clients and the replication stream send it. */
export function encodeCommand(argv: readonly Bytes[]): Bytes {
  let out = `*${argv.length}\r\n`;
  for (const arg of argv) out += `$${arg.length}\r\n${arg}\r\n`;
  return out;
}
