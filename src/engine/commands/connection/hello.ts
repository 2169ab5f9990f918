/**
 * HELLO [protover [AUTH username password] [SETNAME clientname]] — handshakes: optionally
 * authenticates and names the connection, then replies with the server's identity as a map
 * (a flat array in RESP2): server, version, proto, id, mode, role, modules.
 * Counterpart in Redis: networking.c `helloCommand`.
 *
 * Deliberate simplification: the lab speaks RESP2 only. `HELLO 3` runs its AUTH and SETNAME
 * options like Redis (so `HELLO 3 AUTH default wrong` still answers WRONGPASS) and then
 * answers `NOPROTO unsupported protocol version` instead of switching to RESP3.
 */
import type { Bytes } from '../../types.ts';
import { array, bulk, integer, type Reply } from '../../resp/reply.ts';
import { defineCommand, Errors, parseIntArg, ReplyError } from '../command.ts';
import { REDIS_VERSION } from '../table.generated.ts';
import { authenticateUser } from './auth.ts';
import { clientSetNameOrThrow } from './client-name.ts';

const NOPROTO = 'NOPROTO unsupported protocol version';

export const hello = defineCommand({
  name: 'hello',
  parse(argv) {
    let ver = 0;
    if (argv.length >= 2) {
      ver = parseIntArg(argv[1], 'ERR Protocol version is not an integer or out of range');
      if (ver < 2 || ver > 3) throw new ReplyError(NOPROTO);
    }
    return { ver, options: argv.slice(2) as Bytes[] };
  },
  apply({ server, client }, { ver, options }) {
    for (let j = 0; j < options.length; j++) {
      const more = options.length - 1 - j;
      const opt = options[j];
      if (opt.toLowerCase() === 'auth' && more >= 2) {
        if (!authenticateUser(server, client, options[j + 1], options[j + 2])) throw new ReplyError(Errors.wrongPass);
        j += 2;
      } else if (opt.toLowerCase() === 'setname' && more >= 1) {
        clientSetNameOrThrow(client, options[j + 1]);
        j += 1;
      } else {
        throw new ReplyError(`ERR Syntax error in HELLO option '${opt}'`);
      }
    }
    if (!client.authenticated) {
      throw new ReplyError(
        'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time',
      );
    }
    if (ver === 3) throw new ReplyError(NOPROTO);
    if (ver) client.resp = ver;
    const fields: Reply[] = [
      bulk('server'), bulk('redis'),
      bulk('version'), bulk(REDIS_VERSION),
      bulk('proto'), integer(client.resp),
      bulk('id'), integer(client.id),
      bulk('mode'), bulk('standalone'),
      bulk('role'), bulk(server.replication.isReplica ? 'replica' : 'master'),
      bulk('modules'), array([]),
    ];
    return array(fields);
  },
});
