/**
 * Helpers for the runtime tests: a runtime on worker_threads torn down after each test, a tiny
 * RESP client over ShellHost.connect, and waiting for a condition (polling, never timing it).
 */
import { afterEach } from 'vitest';
import { createNodeRuntime, type ClusterRuntime, type RuntimeOptions } from '../../src/runtime/node.ts';
import type { ClientConnection, SpawnRequest } from '../../src/shell/host.ts';

const runtimes: ClusterRuntime[] = [];
afterEach(() => {
  for (const rt of runtimes.splice(0)) rt.teardown();
});

export function runtime(options: Omit<RuntimeOptions, 'platform'> = {}): ClusterRuntime {
  const rt = createNodeRuntime({ seed: 1, heartbeatMs: 0, ...options });
  runtimes.push(rt);
  return rt;
}

export const FAKE_NODE = new URL('./fake-node.ts', import.meta.url).href;

/** A spawned process with its output and exit code collected. */
export interface Spawned {
  pid: number;
  out: string[];
  err: string[];
  exit: Promise<number>;
}

export function spawn(rt: ClusterRuntime, argv: string[], program: SpawnRequest['program'] = 'redis-server'): Spawned {
  const out: string[] = [];
  const err: string[] = [];
  let exited!: (code: number) => void;
  const exit = new Promise<number>((resolve) => (exited = resolve));
  const pid = rt.spawn({ program, argv, cwd: '/home/learner', stdoutIsTty: false, stdout: (t) => out.push(t), stderr: (t) => err.push(t), exit: (c) => exited(c) });
  return { pid, out, err, exit };
}

/** A RESP client: `call('SET', 'k', 'v')` resolves with the raw reply. */
export interface Client {
  conn: ClientConnection;
  call(...args: string[]): Promise<string>;
  send(...args: string[]): void;
  /** Everything received so far not yet consumed by `call`. */
  readonly buffered: string;
  closed: boolean;
}

export async function client(rt: ClusterRuntime, port: number): Promise<Client> {
  let buf = '';
  let waiter: (() => void) | null = null;
  const c: Client = {
    conn: null as unknown as ClientConnection,
    closed: false,
    get buffered() {
      return buf;
    },
    send(...args) {
      c.conn.send(`*${args.length}\r\n${args.map((a) => `$${a.length}\r\n${a}\r\n`).join('')}`);
    },
    async call(...args) {
      c.send(...args);
      for (;;) {
        const n = replyLength(buf);
        if (n > 0) {
          const reply = buf.slice(0, n);
          buf = buf.slice(n);
          return reply;
        }
        if (c.closed) throw new Error('connection closed');
        await new Promise<void>((resolve) => (waiter = resolve));
      }
    },
  };
  c.conn = await rt.connect('127.0.0.1', port, {
    onData: (b) => {
      buf += b;
      waiter?.();
    },
    onClose: () => {
      c.closed = true;
      waiter?.();
    },
  });
  return c;
}

/** The length of the first complete reply in `buf` (simple types and bulk strings), 0 if incomplete. */
function replyLength(buf: string): number {
  const eol = buf.indexOf('\r\n');
  if (eol < 0) return 0;
  if (buf[0] === '$') {
    const len = Number(buf.slice(1, eol));
    if (len < 0) return eol + 2;
    return buf.length >= eol + 2 + len + 2 ? eol + 2 + len + 2 : 0;
  }
  return eol + 2;
}

/** Waits (polling every few ms) until `check` holds; fails after `limit` polls. */
export async function until(check: () => boolean | Promise<boolean>, what: string, limit = 4000): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`still waiting for: ${what}`);
}
