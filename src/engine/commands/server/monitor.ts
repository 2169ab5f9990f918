/**
 * MONITOR — streams every command the server processes to this connection, one status line
 * each (`<time> [<db> <addr>] "<arg>" …`). A replica link asking is ignored (no reply).
 * Counterpart in Redis: `monitorCommand` (server.c); the feed is `RedisServer.call`.
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const monitor = defineCommand({
  name: 'monitor',
  parse() {
    return {};
  },
  apply({ server, client }) {
    if (client.kind === 'replica' || client.monitor) return { type: 'blocked' };
    client.monitor = true;
    server.monitors.add(client);
    return OK;
  },
});
