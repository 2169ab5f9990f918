/**
 * The real side of a fidelity comparison: a scenario script run by real bash, with Debian's
 * redis-server / redis-cli, in a fresh temp dir, on loopback ports the harness picked. stdout and
 * stderr share one file descriptor, so they interleave exactly as a terminal would show them.
 * Whatever the script leaves running is found through /proc/<pid>/cwd and killed by PID.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunResult {
  output: string;
  status: number;
}

export interface RealRun extends RunResult {
  /** The temp dir the script ran in (already removed). */
  dir: string;
  /** Pids of redis processes the script left behind (killed by the harness). */
  strays: Array<{ pid: number; comm: string }>;
  timedOut: boolean;
}

/** The PATH real scripts see: the Debian binaries and coreutils, nothing else. */
export const REAL_PATH = '/usr/bin:/bin';

/** Whether the real programs a scenario needs are installed. */
export function missingPrograms(programs: readonly string[] = ['redis-server', 'redis-cli']): string[] {
  return programs.filter((p) => !REAL_PATH.split(':').some((d) => existsSync(join(d, p))));
}

/** `redis-server --version`, or null when it is not installed. */
export function redisServerVersion(): string | null {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8', env: { PATH: REAL_PATH } });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Ports nobody should get: the tutorial's well-known ports, which a developer may be using. */
const RESERVED = new Set([6379, 6380, 6381, 5000, 5001, 5002, 26379]);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** `count` distinct free loopback ports, as `{ P1: …, P2: … }`. */
export async function pickPorts(count: number): Promise<Record<string, number>> {
  const ports: Record<string, number> = {};
  const used = new Set<number>();
  for (let i = 1; i <= count;) {
    const p = await freePort();
    // Redis listens on port+10000 only in cluster mode; a port above 55535 is fine otherwise.
    if (RESERVED.has(p) || used.has(p)) continue;
    used.add(p);
    ports[`P${i}`] = p;
    i++;
  }
  return ports;
}

/** Redis processes (redis-server, redis-cli, redis-sentinel…) whose cwd is inside `dir`. */
export function redisProcessesIn(dir: string): Array<{ pid: number; comm: string }> {
  const found: Array<{ pid: number; comm: string }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cwd = readlinkSync(`/proc/${name}/cwd`);
      if (cwd !== dir && !cwd.startsWith(`${dir}/`)) continue;
      const comm = readFileSync(`/proc/${name}/comm`, 'utf8').trim();
      if (comm.startsWith('redis')) found.push({ pid: Number(name), comm });
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `bash <script>` with cwd = a fresh temp dir and `env` (plus PATH, HOME, LC_ALL), waits up
 * to `timeoutMs`, then kills by PID any redis process still working in that dir.
 */
export async function runReal(scriptPath: string, env: Record<string, string>, timeoutMs = 60_000): Promise<RealRun> {
  const dir = mkdtempSync(join(tmpdir(), 'redis-fidelity-'));
  const outFile = join(dir, '..', `${dir.split('/').pop()}.out`);
  const fd = openSync(outFile, 'w');
  let timedOut = false;
  let status: number;
  try {
    const child = spawn('bash', [scriptPath], {
      cwd: dir,
      env: { PATH: REAL_PATH, HOME: dir, LC_ALL: 'C', LANG: 'C', TERM: 'dumb', ...env },
      stdio: ['ignore', fd, fd],
      // Its own process group, so that a timeout can stop the script and its children together.
      detached: true,
    });
    status = await new Promise<number>((resolve) => {
      const timer = setTimeout(() => {
        timedOut = true;
        try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
      }, timeoutMs);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        resolve(code ?? 128 + (signal === 'SIGKILL' ? 9 : 15));
      });
    });
  } finally {
    closeSync(fd);
  }
  // A server stopped with SIGTERM may still be saving when the script ends: give it a moment.
  let strays = redisProcessesIn(dir);
  for (let i = 0; i < 40 && strays.length > 0; i++) {
    await delay(50);
    strays = redisProcessesIn(dir);
  }
  for (const p of strays) {
    try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone meanwhile */ }
  }
  const output = readFileSync(outFile, 'utf8');
  rmSync(outFile, { force: true });
  rmSync(dir, { recursive: true, force: true });
  return { output, status, dir, strays, timedOut };
}
