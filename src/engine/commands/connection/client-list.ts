/**
 * CLIENT LIST [TYPE normal|master|replica|pubsub] [ID id …] — one line per connection (see
 * client-info-string.ts for the fields), each ending with a newline, as one bulk string.
 * Counterpart in Redis: `clientCommand` LIST branch and `getAllClientsInfoString`.
 */
import type { Bytes } from '../../types.ts';
import { bulk } from '../../resp/reply.ts';
import { defineCommand, Errors, parseIntArg, ReplyError } from '../command.ts';
import { clientInfoString, clientType, clientTypeByName, type ClientType } from './client-info-string.ts';

type ListFilter = { kind: 'all' } | { kind: 'type'; type: ClientType } | { kind: 'ids'; ids: number[] };

export const clientList = defineCommand({
  name: 'client|list',
  parse(argv) {
    let filter: ListFilter = { kind: 'all' };
    if (argv.length === 4 && argv[2].toLowerCase() === 'type') {
      const type = clientTypeByName(argv[3]);
      if (type === null) throw new ReplyError(`ERR Unknown client type '${argv[3]}'`);
      filter = { kind: 'type', type };
    } else if (argv.length > 3 && argv[2].toLowerCase() === 'id') {
      filter = { kind: 'ids', ids: argv.slice(3).map((a) => parseIntArg(a, 'ERR Invalid client ID')) };
    } else if (argv.length !== 2) {
      throw new ReplyError(Errors.syntax);
    }
    return { filter, argv: argv as Bytes[] };
  },
  apply({ server, client }, { filter, argv }) {
    const running = { argv, name: 'client|list' };
    const line = (c: typeof client) => clientInfoString(server, c, c === client ? running : undefined) + '\n';
    let out = '';
    if (filter.kind === 'ids') {
      for (const id of filter.ids) {
        const c = [...server.clients.values()].find((x) => x.id === id);
        if (c) out += line(c);
      }
    } else {
      for (const c of server.clients.values()) {
        if (filter.kind === 'type' && clientType(c) !== filter.type) continue;
        out += line(c);
      }
    }
    return bulk(out);
  },
});
