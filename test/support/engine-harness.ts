/**
 * A tiny host for engine tests: one or more nodes on a virtual clock, with clients that send a
 * command and read its reply. No simulator, no network model: outputs are delivered at once.
 * (test/sim uses the real simulator; this harness is for per-command tests.)
 */
import { startNode, type EngineNode } from '../../src/engine/node.ts';
import type { NodeOutput } from '../../src/engine/types.ts';
import { MemoryDisk } from '../../src/engine/util/memory-disk.ts';
import { SeededRng } from '../../src/engine/util/random.ts';
import { encodeCommand, type Reply } from '../../src/engine/resp/reply.ts';
import { ReplyParser } from '../../src/engine/resp/reply-parser.ts';

export const START_MS = Date.UTC(2026, 10, 27, 19, 52, 56, 203);
export const CWD = '/home/learner';

export interface TestServer {
  node: EngineNode;
  disk: MemoryDisk;
  /** Everything the process printed on stdout and stderr, in order. */
  stdout: string[];
  stderr: string[];
  exitCode: number | null;
  now(): number;
  /** Lets `ms` of virtual time pass, running the node's timers when due. */
  advance(ms: number): void;
  client(opts?: { host?: string; port?: number }): TestClient;
  /** The log file's content (when `logfile` is set), else the stdout lines joined. */
  log(file?: string): string;
}

export interface TestClient {
  /** Sends one command and returns its reply (throws if none arrives without advancing time). */
  call(...argv: string[]): Reply;
  /** Sends raw bytes; returns the replies that arrived at once. */
  sendRaw(bytes: string): Reply[];
  /** Replies received so far and not yet read (pub/sub messages, delayed replies). */
  take(): Reply[];
  closed: boolean;
  close(): void;
  readonly conn: number;
}

/** Starts a redis-server with a config file (written to CWD/redis.conf) and extra argv. */
export function startServer(opts: { conf?: string; argv?: string[]; nowMs?: number; seed?: number; disk?: MemoryDisk; pid?: number } = {}): TestServer {
  const disk = opts.disk ?? new MemoryDisk();
  let argv = opts.argv ?? [];
  if (opts.conf !== undefined) {
    disk.write(`${CWD}/redis.conf`, opts.conf);
    argv = ['redis.conf', ...argv];
  }
  let now = opts.nowMs ?? START_MS;
  const stdout: string[] = [];
  const stderr: string[] = [];
  const clients = new Map<number, { parser: ReplyParser; inbox: Reply[]; closed: boolean }>();
  const result: TestServer = {
    node: null as unknown as EngineNode,
    disk, stdout, stderr, exitCode: null,
    now: () => now,
    advance(ms) {
      const target = now + ms;
      for (;;) {
        const wake = result.node.nextWakeMs();
        if (wake > target) break;
        now = Math.max(now, wake);
        apply(result.node.cron(now));
      }
      now = target;
      apply(result.node.cron(now));
    },
    client(o = {}) {
      const conn = nextConn++;
      const state = { parser: new ReplyParser(), inbox: [] as Reply[], closed: false };
      clients.set(conn, state);
      apply(result.node.handle({ kind: 'accept', conn, peer: { host: o.host ?? '127.0.0.1', port: 40000 + conn }, local: { host: '127.0.0.1', port: result.node.port } }, now));
      const tc: TestClient = {
        conn,
        get closed() {
          return state.closed;
        },
        sendRaw(bytes) {
          apply(result.node.handle({ kind: 'data', conn, bytes }, now));
          return state.inbox.splice(0);
        },
        call(...args) {
          const replies = tc.sendRaw(encodeCommand(args));
          if (replies.length === 0) throw new Error(`no reply to ${args.join(' ')}`);
          state.inbox.unshift(...replies.slice(1));
          return replies[0];
        },
        take: () => state.inbox.splice(0),
        close() {
          state.closed = true;
          apply(result.node.handle({ kind: 'closed', conn }, now));
        },
      };
      return tc;
    },
    log(file = 'redis.log') {
      return disk.read(`${CWD}/${file}`) ?? stdout.join('');
    },
  };
  let nextConn = 1;
  const apply = (outputs: NodeOutput[]) => {
    for (const o of outputs) {
      if (o.kind === 'send') {
        const c = clients.get(o.conn);
        if (c) {
          c.parser.push(o.bytes);
          for (let r = c.parser.next(); r; r = c.parser.next()) c.inbox.push(r);
        }
      } else if (o.kind === 'close') {
        const c = clients.get(o.conn);
        if (c) c.closed = true;
      } else if (o.kind === 'stdout') stdout.push(o.text);
      else if (o.kind === 'stderr') stderr.push(o.text);
      else if (o.kind === 'exit') result.exitCode = o.code;
    }
  };
  const started = startNode({
    process: { pid: opts.pid ?? 4242, cwd: CWD, program: 'redis-server', argv, stdoutIsTty: false },
    disk, rng: new SeededRng(opts.seed ?? 1), nowMs: now, canBind: () => true,
  });
  result.node = started.node;
  apply(started.outputs);
  return result;
}

/** Renders a reply compactly for assertions: `OK`, `(error) ERR …`, `"v"`, `(nil)`, `[...]`, `(integer) 1`. */
/** A reply rendered by {@link show}: text, or a list of rendered replies. */
export type Shown = string | Shown[];

export function show(r: Reply): Shown {
  switch (r.type) {
    case 'simple': return r.value;
    case 'error': return `(error) ${r.value}`;
    case 'integer': return `(integer) ${r.value}`;
    case 'bulk': return r.value === null ? '(nil)' : r.value;
    case 'array': return r.value === null ? '(nil array)' : r.value.map(show);
    case 'raw': return r.value;
  }
}
