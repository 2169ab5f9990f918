/**
 * WAIT numreplicas timeout — blocks the calling client (not the server) until `numreplicas`
 * replicas acknowledged the replication offset as of the client's last command, or until
 * `timeout` ms passed (0 waits forever); replies with the number of replicas that did. Inside
 * MULTI it never blocks. On a replica it is an error. Argument errors are checked after the
 * replica check, in Redis's order.
 * Counterpart in Redis: `waitCommand` (replication.c).
 */
import { defineCommand } from '../command.ts';
import type { Bytes } from '../../types.ts';

export const wait = defineCommand({
  name: 'wait',
  parse(argv: Bytes[]) {
    return { numreplicas: argv[1], timeout: argv[2] };
  },
  apply({ server, client }, { numreplicas, timeout }) {
    const r = server.replication.waitCommand(client, numreplicas, timeout);
    return r === 'blocked' ? { type: 'blocked' } : r;
  },
});
