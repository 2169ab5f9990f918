/**
 * Goal: `npm run lab` gives the script the caller's environment on both hosts (so the fidelity
 * README's reproduction lines, `P1=7701 npm run lab -- --sim x.sh`, run what the harness ran),
 * keeps the lab's own HOME/PATH and drops npm's variables, and `--sim` stays deterministic.
 * Method: scripts/lab.ts as a child process (the Node running this test), on the simulator and
 * on worker threads, with a variable set in the child's environment; and callerEnvironment on
 * a hand-made environment.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { callerEnvironment } from '../../src/headless/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = [
  'echo "port $P1 home $HOME npm ${npm_lifecycle_event:-unset}"',
  'redis-server --port $P1 > /dev/null &',
  'sleep 0.5',
  'redis-cli -p $P1 PING',
  'redis-cli -p $P1 SHUTDOWN NOSAVE',
].join('\n') + '\n';

function lab(args: string[]): { out: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'lab-env-'));
  const file = join(dir, 'x.sh');
  writeFileSync(file, SCRIPT);
  const r = spawnSync(process.execPath, ['scripts/lab.ts', ...args, file], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, P1: '7731', npm_lifecycle_event: 'lab' },
  });
  return { out: r.stdout + r.stderr, status: r.status };
}

describe('npm run lab: the caller\'s environment', () => {
  it('reaches the script on the simulator, the same on every run', () => {
    const a = lab(['--sim']);
    expect(a.out).toBe('port 7731 home /home/learner npm unset\nPONG\n');
    expect(a.status).toBe(0);
    expect(lab(['--sim']).out).toBe(a.out);
  });

  it('reaches the script on worker threads', () => {
    const r = lab(['--speed', '10']);
    expect(r.out).toBe('port 7731 home /home/learner npm unset\nPONG\n');
    expect(r.status).toBe(0);
  });

  it('keeps the lab\'s identity and leaves out npm\'s and Node\'s variables and names bash would not import', () => {
    expect(callerEnvironment({ P1: '7701', HOME: '/root', PATH: '/x', USER: 'root', PWD: '/w', npm_config_cache: 'c', NODE_OPTIONS: '-x', 'A-B': '1', EMPTY: '', UNSET: undefined }))
      .toEqual({ P1: '7701', EMPTY: '' });
  });
});
