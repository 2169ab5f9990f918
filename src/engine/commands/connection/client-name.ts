/**
 * Validation of connection names (CLIENT SETNAME, HELLO SETNAME): printable ASCII without
 * spaces, so CLIENT LIST stays splittable on spaces. An empty name removes the name.
 * Counterpart in Redis: networking.c `clientSetName` / `clientSetNameOrReply`.
 */
import type { Bytes } from '../../types.ts';
import type { Client } from '../../server/client.ts';
import { ReplyError } from '../command.ts';

/** Sets the client's name, or throws Redis's error for a name with forbidden characters. */
export function clientSetNameOrThrow(c: Client, name: Bytes): void {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) throw new ReplyError('ERR Client names cannot contain spaces, newlines or special characters.');
  }
  c.name = name;
}
