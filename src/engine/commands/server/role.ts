/**
 * ROLE — `master`, the replication offset and the replicas (ip, port, acked offset), or on a
 * replica `slave`, the primary's host and port, the link state and the offset.
 * Counterpart in Redis: `roleCommand` (replication.c); the reply is built by the replication
 * module (`roleReply`).
 */
import { defineCommand } from '../command.ts';

export const role = defineCommand({
  name: 'role',
  parse() {
    return {};
  },
  apply({ server }) {
    return server.replication.roleReply();
  },
});
