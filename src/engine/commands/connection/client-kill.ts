/**
 * CLIENT KILL ip:port | CLIENT KILL [ID id] [TYPE type] [ADDR ip:port] [LADDR ip:port]
 * [USER name] [SKIPME yes|no] — closes matching connections. The old form replies OK or
 * `ERR No such client` and may kill the caller; the filter form replies the number killed and
 * skips the caller unless SKIPME no. A killed caller is closed after its reply.
 * Counterpart in Redis: `clientCommand` KILL branch (networking.c). Killing our link to our
 * primary (TYPE master) or a replica goes through `freeClient`, which tells the replication
 * module.
 */
import type { Bytes } from '../../types.ts';
import { integer, OK } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';
import { clientType, clientTypeByName, type ClientType } from './client-info-string.ts';

interface KillFilter {
  old: boolean;
  addr: Bytes | null;
  laddr: Bytes | null;
  type: ClientType | null;
  id: number;
  user: Bytes | null;
  skipme: boolean;
}

export const clientKill = defineCommand({
  name: 'client|kill',
  parse(argv): KillFilter {
    const f: KillFilter = { old: false, addr: null, laddr: null, type: null, id: 0, user: null, skipme: true };
    if (argv.length === 3) {
      return { ...f, old: true, addr: argv[2], skipme: false };
    }
    for (let i = 2; i < argv.length; i += 2) {
      const opt = argv[i].toLowerCase();
      const more = i + 1 < argv.length;
      const val = argv[i + 1];
      if (opt === 'id' && more) {
        if (!/^-?[0-9]+$/.test(val) || BigInt(val) < 1n || BigInt(val) > 9223372036854775807n) {
          throw new ReplyError('ERR client-id should be greater than 0');
        }
        f.id = Number(val);
      } else if (opt === 'type' && more) {
        f.type = clientTypeByName(val);
        if (f.type === null) throw new ReplyError(`ERR Unknown client type '${val}'`);
      } else if (opt === 'addr' && more) {
        f.addr = val;
      } else if (opt === 'laddr' && more) {
        f.laddr = val;
      } else if (opt === 'user' && more) {
        f.user = val;
      } else if (opt === 'skipme' && more) {
        if (val.toLowerCase() === 'yes') f.skipme = true;
        else if (val.toLowerCase() === 'no') f.skipme = false;
        else throw new ReplyError(Errors.syntax);
      } else {
        throw new ReplyError(Errors.syntax);
      }
    }
    return f;
  },
  apply({ server, client }, f) {
    if (f.user !== null && f.user !== 'default') throw new ReplyError(`ERR No such user '${f.user}'`);
    let killed = 0;
    for (const c of [...server.clients.values()]) {
      if (f.addr !== null && `${c.addr.host}:${c.addr.port}` !== f.addr) continue;
      if (f.laddr !== null && `${c.laddr.host}:${c.laddr.port}` !== f.laddr) continue;
      if (f.type !== null && clientType(c) !== f.type) continue;
      if (f.id !== 0 && c.id !== f.id) continue;
      if (f.user !== null && c.user !== f.user) continue;
      if (c === client && f.skipme) continue;
      if (c === client) client.closeAfterReply = true;
      else server.freeClient(c, true);
      killed++;
    }
    if (f.old) {
      if (killed === 0) throw new ReplyError('ERR No such client');
      return OK;
    }
    return integer(killed);
  },
});
