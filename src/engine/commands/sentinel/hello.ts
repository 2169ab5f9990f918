/**
 * HELLO in sentinel mode — the shared HELLO, answering `mode` `sentinel`.
 * Counterpart in Redis: networking.c `helloCommand` (`server.sentinel_mode`).
 */
import { bulk, type Reply } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { hello } from '../connection/hello.ts';

export const sentinelHello = defineCommand({
  name: 'hello',
  parse(argv) {
    return hello.parse(argv);
  },
  apply(ctx, args) {
    const r = hello.apply(ctx, args) as Reply;
    if (r.type === 'array' && r.value) {
      const i = r.value.findIndex((e) => e.type === 'bulk' && e.value === 'mode');
      if (i >= 0) r.value[i + 1] = bulk('sentinel');
    }
    return r;
  },
});
