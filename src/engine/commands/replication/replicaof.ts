/**
 * REPLICAOF host port | REPLICAOF NO ONE — makes the server a replica of host:port (replying
 * `OK`, or `OK Already connected to specified master` when nothing changes), or turns a
 * replica into a primary that continues its replication history. `NO ONE` on a primary is a
 * no-op that still replies `OK`. Errors: `ERR REPLICAOF not allowed while failing over.`,
 * `ERR Invalid master port`, and `Command is not valid when client is a replica.` for a
 * replica connection.
 * Counterpart in Redis: `replicaofCommand` (replication.c).
 */
import { simple } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';
import type { Bytes } from '../../types.ts';

/** Both spellings share the implementation; only the name differs. */
export function replicaofHandler(name: 'replicaof' | 'slaveof') {
  return defineCommand({
    name,
    parse(argv: Bytes[]) {
      return { argv, host: argv[1], port: argv[2] };
    },
    apply({ server, client }, { argv, host, port }) {
      const repl = server.replication;
      if (repl.failoverState !== 'no-failover') throw new ReplyError('ERR REPLICAOF not allowed while failing over.');
      if (host.toLowerCase() === 'no' && port.toLowerCase() === 'one') {
        repl.replicaOfNoOne(client, argv);
        return simple('OK');
      }
      if (client.kind === 'replica') throw new ReplyError('ERR Command is not valid when client is a replica.');
      if (!/^-?(0|[1-9][0-9]*)$/.test(port) || Number(port) < 0 || Number(port) > 65535) throw new ReplyError('ERR Invalid master port');
      return simple(repl.replicaOf(client, host, Number(port), argv));
    },
  });
}

export const replicaof = replicaofHandler('replicaof');
