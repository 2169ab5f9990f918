/**
 * REPLCONF option value [option value …] — the replica tells its primary its listening port,
 * address and capabilities (`eof`, `psync2`) during the handshake (`OK`), then acknowledges the
 * offset it applied (`REPLCONF ACK <offset>`, no reply); `REPLCONF GETACK *` from a primary asks
 * a replica for an immediate ACK. Counterpart in Redis: `replconfCommand` (replication.c).
 */
import { defineCommand } from '../command.ts';
import type { Bytes } from '../../types.ts';

export const replconf = defineCommand({
  name: 'replconf',
  parse(argv: Bytes[]) {
    return { argv };
  },
  apply({ server, client }, { argv }) {
    const reply = server.replication.replconf(client, argv);
    return reply ?? { type: 'blocked' };
  },
});
