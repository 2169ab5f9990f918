/**
 * Starting a scenario through the {@link ShellHost} interface alone, so the same code boots the
 * cluster on the simulator (tests, the page's stopgap) and on the browser runtime: write the
 * files, spawn the nodes, then wait until the replica reports its link to the primary up
 * (`ROLE` → `connected`), as a learner would check with redis-cli.
 */
import type { ShellHost } from '../shell/host.ts';
import { encodeCommand, type Reply } from '../engine/resp/reply.ts';
import { ReplyParser } from '../engine/resp/reply-parser.ts';
import { toBytes } from '../shell/streams.ts';
import { DEFAULT_FILES, DEFAULT_NODES, HOME, PASSWORD } from './default-scenario.ts';

/** Writes the scenario's files and starts its nodes; returns their pids by port. */
export function startDefaultScenario(host: ShellHost, files: Readonly<Record<string, string>> = DEFAULT_FILES): Map<number, number> {
  if (!host.disk.isDirectory('/home')) host.disk.mkdir('/home');
  if (!host.disk.isDirectory(HOME)) host.disk.mkdir(HOME);
  for (const [name, content] of Object.entries(files)) host.disk.write(`${HOME}/${name}`, toBytes(content));
  const pids = new Map<number, number>();
  for (const node of DEFAULT_NODES) {
    const pid = host.spawn({
      program: node.program,
      argv: node.argv,
      cwd: HOME,
      pid: host.allocatePid?.(),
      stdoutIsTty: false,
      // The nodes log to files; anything printed before logging starts is dropped, as for a daemon.
      stdout: () => {},
      stderr: () => {},
      exit: () => {},
    });
    pids.set(node.port, pid);
  }
  return pids;
}

/** Sends one command on a fresh connection and resolves with the reply (null if the connection failed or closed). */
export async function callOnce(host: ShellHost, port: number, argv: string[], auth: string | null = null): Promise<Reply | null> {
  const parser = new ParserQueue();
  let conn;
  try {
    conn = await host.connect('127.0.0.1', port, { onData: (b) => parser.push(b), onClose: () => parser.close() });
  } catch {
    return null;
  }
  try {
    if (auth !== null) {
      conn.send(encodeCommand(['AUTH', auth]));
      const r = await parser.next();
      if (r === null || r.type === 'error') return r;
    }
    conn.send(encodeCommand(argv));
    return await parser.next();
  } finally {
    conn.close();
  }
}

/**
 * Resolves once the replica on `port` says `ROLE` → `connected` (its initial sync is done),
 * polling every `everyMs` of host time; rejects after `limitMs`.
 */
export async function waitForReplicaSync(host: ShellHost, port = 6380, auth: string | null = PASSWORD, everyMs = 100, limitMs = 60_000): Promise<void> {
  const start = host.now();
  for (;;) {
    const role = await callOnce(host, port, ['ROLE'], auth);
    if (role && role.type === 'array' && role.value) {
      const state = role.value[3];
      if (state && state.type === 'bulk' && state.value === 'connected') return;
    }
    if (host.now() - start > limitMs) throw new Error(`the replica on ${port} did not sync within ${limitMs} ms`);
    await host.sleep(everyMs);
  }
}

/** Replies in arrival order, awaited one at a time. */
class ParserQueue {
  private parser = new ReplyParser();
  private replies: Reply[] = [];
  private closed = false;
  private waiter: (() => void) | null = null;

  push(bytes: string): void {
    this.parser.push(bytes);
    for (let r = this.parser.next(); r !== null; r = this.parser.next()) this.replies.push(r);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  async next(): Promise<Reply | null> {
    for (;;) {
      if (this.replies.length > 0) return this.replies.shift()!;
      if (this.closed) return null;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }
}
