/**
 * Records what a real redis-server 7.0.15 does with the cases of cases.ts, into
 * fixtures/real-7.0.15.json, which the engine tests compare against.
 *
 * Run: `npx node test/engine/config/record-fixtures.ts` (needs redis-server and nothing else).
 * Every server runs in its own temporary directory on a free loopback port and is stopped by
 * its PID. Machine-dependent text is normalised before it is written: the working directory
 * becomes `<dir>`, the port `__PORT__`, log prefixes lose their pid and timestamp.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, realpathSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOAD_CASES, SESSION_CASES, type SessionCase } from './cases.ts';
import { ReplyParser } from '../../../src/engine/resp/reply-parser.ts';
import { encodeCommand, type Reply } from '../../../src/engine/resp/reply.ts';

export interface Fixtures {
  version: string;
  /** `CONFIG GET *` of a server started with `bind 127.0.0.1` and `port __PORT__`, sorted by name. */
  configGetAll: [string, string][];
  load: Record<string, { stdout: string; stderr: string; code: number | null }>;
  sessions: Record<string, { replies: Reply[]; conf?: string; log: string[] }>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Replaces the temp dir and port in every string of a reply tree. */
function normaliseReply(r: Reply, dir: string, port: number): Reply {
  const fix = (s: string) => normaliseText(s, dir, port);
  switch (r.type) {
    case 'bulk': return { type: 'bulk', value: r.value === null ? null : fix(r.value) };
    case 'simple': return { type: 'simple', value: fix(r.value) };
    case 'error': return { type: 'error', value: fix(r.value) };
    case 'array': return { type: 'array', value: r.value === null ? null : r.value.map((x) => normaliseReply(x, dir, port)) };
    default: return r;
  }
}

export function normaliseText(s: string, dir: string, port: number): string {
  let out = s.split(dir).join('<dir>');
  if (port) out = out.replace(new RegExp(`\\b${port}\\b`, 'g'), '__PORT__');
  return out;
}

/** `12345:C 27 Nov 2026 19:53:55.355 # msg` → `C # msg`. */
export function stripLogPrefix(line: string): string {
  return line.replace(/^\d+:([CMSX]) \d+ \w+ \d+ [\d:.]+ /, '$1 ');
}

class Client {
  private parser = new ReplyParser();
  private waiting: ((r: Reply) => void)[] = [];
  private ready: Reply[] = [];
  private sock;
  constructor(port: number) {
    this.sock = connect(port, '127.0.0.1');
    this.sock.setEncoding('latin1');
    this.sock.on('data', (d: string) => {
      this.parser.push(d);
      for (let r = this.parser.next(); r; r = this.parser.next()) {
        const w = this.waiting.shift();
        if (w) w(r);
        else this.ready.push(r);
      }
    });
  }
  call(argv: string[]): Promise<Reply> {
    this.sock.write(Buffer.from(encodeCommand(argv), 'latin1'));
    const r = this.ready.shift();
    if (r) return Promise.resolve(r);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no reply to ${argv.join(' ')}`)), 3000);
      this.waiting.push((x) => {
        clearTimeout(t);
        resolve(x);
      });
    });
  }
  close() {
    this.sock.destroy();
  }
}

async function waitReady(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.on('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(30);
  }
  throw new Error(`redis-server on ${port} did not start`);
}

function tempDir(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), 'redis-cfg-')));
}

async function recordSession(c: SessionCase): Promise<Fixtures['sessions'][string]> {
  const dir = tempDir();
  const port = await freePort();
  const sub = (s: string) => s.split('__PORT__').join(String(port));
  const args: string[] = [];
  if (c.conf !== null) {
    writeFileSync(join(dir, 'redis.conf'), sub(c.conf));
    args.push('./redis.conf');
  }
  args.push(...(c.argv ?? []).map(sub));
  const proc = spawn('redis-server', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  proc.stdout.setEncoding('latin1').on('data', (d: string) => (stdout += d));
  proc.stderr.setEncoding('latin1').on('data', (d: string) => (stdout += d));
  try {
    const exited = new Promise<never>((_, reject) => proc.once('exit', (code) => reject(new Error(`${c.name}: redis-server exited (${code}): ${stdout}`))));
    exited.catch(() => {});
    await Promise.race([waitReady(port), exited]);
    const client = new Client(port);
    const replies: Reply[] = [];
    for (const argv of c.commands) replies.push(normaliseReply(await client.call(argv.map(sub)), dir, port));
    client.close();
    const out: Fixtures['sessions'][string] = { replies, log: [] };
    if (c.readConf) out.conf = normaliseText(readFileSync(join(dir, 'redis.conf'), 'latin1'), dir, port);
    const logFile = join(dir, 'redis.log');
    const logText = stdout + (existsSync(logFile) ? readFileSync(logFile, 'latin1') : '');
    out.log = logText.split('\n').filter((l) => l.includes('CONFIG')).map((l) => normaliseText(stripLogPrefix(l), dir, port));
    return out;
  } finally {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL');
      await new Promise((r) => proc.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

async function recordLoad(c: (typeof LOAD_CASES)[number]): Promise<Fixtures['load'][string]> {
  const dir = tempDir();
  const port = await freePort();
  const sub = (s: string) => s.split('__PORT__').join(String(port));
  const args: string[] = [];
  if (c.conf !== null) {
    writeFileSync(join(dir, 'redis.conf'), sub(c.conf));
    args.push('./redis.conf');
  }
  for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(join(dir, name), sub(text));
  args.push(...(c.argv ?? []).map(sub));
  // A case that unexpectedly starts would listen on __PORT__ (never 6379): timeout stops it.
  const r = spawnSync('timeout', ['3', 'redis-server', ...args], { cwd: dir, encoding: 'latin1' });
  rmSync(dir, { recursive: true, force: true });
  const norm = (s: string) => normaliseText(s.split('\n').map(stripLogPrefix).join('\n'), dir, port);
  return { stdout: norm(r.stdout), stderr: norm(r.stderr), code: r.status };
}

async function main(): Promise<void> {
  const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout;
  if (!/v=7\.0\.15/.test(version)) throw new Error(`need redis-server 7.0.15, found: ${version}`);
  const fixtures: Fixtures = { version: '7.0.15', configGetAll: [], load: {}, sessions: {} };

  const all = await recordSession({ name: 'all', conf: 'bind 127.0.0.1\nport __PORT__\n', commands: [['CONFIG', 'GET', '*']] });
  const flat = all.replies[0].type === 'array' ? (all.replies[0].value ?? []) : [];
  for (let i = 0; i < flat.length; i += 2) {
    const k = flat[i], v = flat[i + 1];
    if (k.type === 'bulk' && v.type === 'bulk') fixtures.configGetAll.push([k.value ?? '', v.value ?? '']);
  }
  fixtures.configGetAll.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

  for (const c of LOAD_CASES) fixtures.load[c.name] = await recordLoad(c);
  for (const c of SESSION_CASES) fixtures.sessions[c.name] = await recordSession(c);

  const out = new URL('./fixtures/real-7.0.15.json', import.meta.url);
  writeFileSync(out, JSON.stringify(fixtures, null, 1) + '\n');
  console.log(`wrote ${out.pathname}: ${fixtures.configGetAll.length} configs, ${LOAD_CASES.length} load cases, ${SESSION_CASES.length} sessions`);
}

if (process.argv[1] && import.meta.url === new URL(process.argv[1], "file://" + process.cwd() + "/").href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
