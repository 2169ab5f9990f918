// Goal: the terminal's command tap reports what the learner submitted — each complete shell
// command line (a continued line once, joined), each line at redis-cli's interactive prompt —
// and nothing else (not a half-typed line, not an empty Enter); a `command` goal ticks from
// either. Method: a real TabSession on a SimLab with lesson 2's cluster, keys typed as xterm
// sends them, the `onCommand` tap recorded and fed to a GoalMatcher.
import { describe, expect, it } from 'vitest';
import { SimLab } from '../../src/components/lab/sim-lab.ts';
import { GoalMatcher } from '../../src/components/lab/goal-matcher.ts';
import { TabSession } from '../../src/terminal/tab-session.ts';
import { MemoryStorage } from '../../src/terminal/history.ts';

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('terminal command tap', () => {
  it('reports shell lines and redis-cli prompt lines; a command goal ticks from the redis-cli prompt', async () => {
    const lab = new SimLab({ files: ['primary.conf', 'replica.conf'], running: ['primary.conf', 'replica.conf'] }, { animate: false, startMs: Date.UTC(2026, 10, 28, 1, 0) });
    const lines: string[] = [];
    const matcher = new GoalMatcher([
      { text: 'asked the replica its role', check: { kind: 'command', value: '^ROLE$' } },
      { text: 'started redis-cli on 6380', check: { kind: 'command', value: '^redis-cli -p 6380\\b' } },
    ]);
    const met: number[] = [];
    let screen = '';
    const session = new TabSession({
      host: lab.host(),
      write: (t) => {
        screen += t;
      },
      cols: () => 120,
      storage: new MemoryStorage(),
      tabId: '1',
      onCommand: (line) => {
        lines.push(line);
        met.push(...matcher.command(line));
      },
    });
    const until = async (pred: () => boolean) => {
      expect(await lab.sim.run(() => (lab.advance(0), pred()), settle, { limitMs: 30_000 })).toBe('done');
    };
    await until(() => session.idle);
    session.input('\r');
    session.input("echo 'one\r");
    session.input("two'\r");
    await until(() => session.idle);
    session.input('ls -');
    expect(lines).toEqual(["echo 'one two'"]);
    session.input('\x15redis-cli -p 6380 -a a_strong_password --no-auth-warning\r');
    await until(() => screen.includes('127.0.0.1:6380> '));
    expect(met).toEqual([1]);
    session.input('ROLE\r');
    await until(() => screen.includes('"connected"'));
    await until(() => session.idle);
    expect(lines).toEqual(["echo 'one two'", 'redis-cli -p 6380 -a a_strong_password --no-auth-warning', 'ROLE']);
    expect(met).toEqual([1, 0]);
  });
});
