/**
 * A scriptable stand-in for an engine node, for tests of the simulator itself: it records every
 * input, echoes `echo …` payloads, throws on `throw`, and lets the test open, write and close
 * connections (emitted at its next tick, every `tickMs`). Started by `fakeFactory` when argv[0]
 * is `fake`: `redis-server fake 7000` listens on 7000 (on every address); `redis-sentinel fake
 * 7000` does too, in sentinel mode.
 */
import type { EngineNode, NodeEnv } from '../../src/engine/node.ts';
import type { ConnId, NodeInput, NodeOutput } from '../../src/engine/types.ts';
import { startNode } from '../../src/engine/node.ts';
import type { NodeFactory } from '../../src/sim/index.ts';

export class FakeNode implements EngineNode {
  exited = false;
  readonly port: number;
  readonly inputs: Array<{ at: number; input: NodeInput }> = [];
  /** Data received, per connection, concatenated. */
  readonly received = new Map<ConnId, string>();
  readonly open = new Set<ConnId>();
  crons = 0;
  tickMs = 10;
  private nextMs: number;
  private queued: NodeOutput[] = [];
  private nextConn = 1_000_000;

  constructor(env: NodeEnv, port: number) {
    this.port = port;
    this.nextMs = env.nowMs + this.tickMs;
  }

  handle(input: NodeInput, nowMs: number): NodeOutput[] {
    this.inputs.push({ at: nowMs, input });
    switch (input.kind) {
      case 'accept':
      case 'connected':
        this.open.add(input.conn);
        break;
      case 'closed':
      case 'connectFailed':
        this.open.delete(input.conn);
        break;
      case 'data': {
        this.received.set(input.conn, (this.received.get(input.conn) ?? '') + input.bytes);
        if (input.bytes === 'throw') throw new Error('fake node: boom');
        if (input.bytes.startsWith('echo ')) this.queued.push({ kind: 'send', conn: input.conn, bytes: input.bytes.slice(5) });
        if (input.bytes === 'bye') this.close(input.conn);
        break;
      }
      case 'signal':
        this.queued.push({ kind: 'stdout', text: `got SIG${input.signal}\n` }, { kind: 'exit', code: 0 });
        this.exited = true;
        break;
    }
    return this.flush();
  }

  cron(nowMs: number): NodeOutput[] {
    this.crons++;
    this.nextMs = nowMs + this.tickMs;
    return this.flush();
  }

  nextWakeMs(): number {
    return this.exited ? Infinity : this.nextMs;
  }

  /** Opens a connection at the next tick; returns its id. */
  connectTo(host: string, port: number): ConnId {
    const conn = this.nextConn++;
    this.queued.push({ kind: 'connect', conn, host, port });
    return conn;
  }

  send(conn: ConnId, bytes: string): void {
    this.queued.push({ kind: 'send', conn, bytes });
  }

  close(conn: ConnId): void {
    this.open.delete(conn);
    this.queued.push({ kind: 'close', conn });
  }

  /** Queues any output (to provoke the simulator's checks). */
  emit(o: NodeOutput): void {
    this.queued.push(o);
  }

  /** The kinds of the inputs received, in order (`accept`, `data:echo x`, …). */
  kinds(): string[] {
    return this.inputs.map(({ input }) => (input.kind === 'data' ? `data:${input.bytes}` : input.kind === 'connectFailed' ? `connectFailed:${input.error}` : input.kind));
  }

  private flush(): NodeOutput[] {
    const out = this.queued;
    this.queued = [];
    return out;
  }
}

/** Starts a FakeNode for `redis-server fake PORT`, the real engine otherwise. */
export const fakeFactory: NodeFactory = (env) => {
  if (env.process.argv[0] !== 'fake') return startNode(env);
  const port = Number(env.process.argv[1]);
  const node = new FakeNode(env, port);
  if (!env.canBind('*', port)) return { node, outputs: [{ kind: 'stderr', text: 'port in use\n' }, { kind: 'exit', code: 1 }] };
  const mode = env.process.program === 'redis-sentinel' ? 'sentinel' : 'standalone';
  return { node, outputs: [{ kind: 'event', event: { type: 'listening', port, mode } }] };
};
