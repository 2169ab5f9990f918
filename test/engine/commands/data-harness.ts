/**
 * Shared setup for the data-command tests: a started server, a client, and a spy on what the
 * server feeds to persistence (the AOF and, through the same path, the replication stream),
 * so a test can check what Redis 7.0 would propagate for each command.
 */
import { startServer, show, type TestServer, type TestClient } from '../../support/engine-harness.ts';
import type { RedisServer } from '../../../src/engine/server/server.ts';
import { encodeReply } from '../../../src/engine/resp/reply.ts';

export interface DataHarness {
  s: TestServer;
  c: TestClient;
  server: RedisServer;
  /** Sends a command and returns its reply in the compact `show` form. */
  run(...argv: string[]): unknown;
  /** The commands fed since the last call, as space-joined lines (`SET k v PXAT 123`). */
  fed(): string[];
  /** Runs a command and returns its reply as RESP bytes (exact where a JS number is not). */
  wire(...argv: string[]): string;
}

export function dataHarness(opts: { conf?: string; seed?: number } = {}): DataHarness {
  const s = startServer({ conf: opts.conf ?? 'save ""\n', seed: opts.seed });
  const server = s.node as unknown as RedisServer;
  const fed: string[] = [];
  server.persistence.feed = (dbId: number, argv: string[]) => {
    fed.push((dbId !== 0 ? `[db${dbId}] ` : '') + argv.join(' '));
  };
  const c = s.client();
  return {
    s, c, server,
    run: (...argv) => show(c.call(...argv)),
    fed: () => fed.splice(0),
    wire(...argv) {
      const client = server.clients.get(c.conn)!;
      const reply = server.call(client, server.lookupCommand(argv)!, argv, { replyTo: null });
      return reply === null ? '' : encodeReply(reply);
    },
  };
}
