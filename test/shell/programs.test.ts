// Goal: the shell's programs behave as on a terminal where bash comparisons cannot reach:
// virtual time for sleep, Ctrl+C (exit 130) of the foreground job, `tail -f` following a file,
// `ls` columns on a terminal, `ps`, and how redis-server is started (argv, cwd, pid, whether its
// stdout is a terminal, its exit status becoming the command's).
// Method: scripts run on the scripted FakeHost (virtual clock); outputs and what the host was
// asked to do are compared with what bash and a real terminal would give.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FakeHost, runOnFake } from './support.ts';
import { Parser, ShellSyntaxError } from '../../src/shell/parse.ts';

describe('time and interruption', () => {
  it('sleep uses the host clock: ten seconds of virtual time, no real wait', async () => {
    const host = new FakeHost();
    const before = host.now();
    const r = await runOnFake(host, 'sleep 10; sleep 0.5 1; echo done\n');
    expect(r.output).toBe('done\n');
    expect(host.now() - before).toBe(11_500);
  });

  it('Ctrl+C ends the foreground job with status 130 and the rest of its line; the script goes on', async () => {
    const host = new FakeHost();
    const r = await runOnFake(host, 'sleep 100; echo never\necho "status $?"\nsleep 1 | sleep 100\necho "pipe $?"\n', {
      during: (shell, h) => {
        void h.sleep(2_000).then(() => shell.interrupt());
        void h.sleep(5_000).then(() => shell.interrupt());
      },
    });
    expect(r.output).toBe('status 130\npipe 130\n');
  });

  it('Ctrl+C ends a loop: the program it runs dies of SIGINT and the shell leaves the loop (bash)', async () => {
    const host = new FakeHost();
    const r = await runOnFake(host, 'while true; do sleep 1; echo tick; done; echo never\necho "loop $?"\nfor i in 1 2 3; do sleep 10; echo $i; done\necho "for $?"\n', {
      during: (shell, h) => {
        void h.sleep(2_500).then(() => shell.interrupt());
        void h.sleep(5_000).then(() => shell.interrupt());
      },
    });
    expect(r.output).toBe('tick\ntick\nloop 130\nfor 130\n');
  });

  it('kill %1 ends a background loop and the program it is running', async () => {
    const host = new FakeHost();
    const r = await runOnFake(host, 'while true; do sleep 1; done &\nsleep 3\nkill %1\nwait %1; echo "w=$?"\nsleep 5; jobs; echo done\n');
    expect(r.output).toBe('w=143\ndone\n');
  });

  it('kill ends a background job with TERM (143) by default; kill -INT gives 130', async () => {
    const host = new FakeHost();
    const r = await runOnFake(host, 'sleep 100 &\nkill $!\nwait $!; echo $?\nsleep 100 &\nkill -s INT $!\nwait $!; echo $?\nsleep 100 &\nkill -2 %3\nwait; echo $?\n');
    expect(r.output).toBe('143\n130\n0\n');
  });

  it('tail -f prints what is appended until interrupted', async () => {
    const host = new FakeHost();
    host.disk.write('/home/learner/log', 'one\ntwo\n');
    const r = await runOnFake(host, 'tail -n 1 -f log\necho "tail $?"\n', {
      during: (shell, h) => {
        void h.sleep(1_000).then(() => h.disk.append('/home/learner/log', 'three\n'));
        void h.sleep(3_000).then(() => shell.interrupt());
      },
    });
    expect(r.output).toBe('two\nthree\ntail 130\n');
  });

  it('tail -f of several files prints a ==> f <== header each time the output switches file (GNU tail)', async () => {
    const host = new FakeHost();
    host.disk.write('/home/learner/a', '');
    host.disk.write('/home/learner/b', '');
    const r = await runOnFake(host, 'tail -f -n 0 a b\n', {
      during: (shell, h) => {
        void h.sleep(1_000).then(() => h.disk.append('/home/learner/a', 'x1\n'));
        void h.sleep(2_000).then(() => h.disk.append('/home/learner/b', 'y1\n'));
        void h.sleep(3_000).then(() => h.disk.append('/home/learner/b', 'y2\n'));
        void h.sleep(4_000).then(() => h.disk.append('/home/learner/a', 'x2\n'));
        void h.sleep(5_000).then(() => shell.interrupt());
      },
    });
    // Recorded from GNU tail 9.1 with the same appends.
    expect(r.output).toBe('==> a <==\n\n==> b <==\n\n==> a <==\nx1\n\n==> b <==\ny1\ny2\n\n==> a <==\nx2\n');
  });

  it('a pipeline streams: grep prints each matching line of tail -f as it arrives; Ctrl+C stops both', async () => {
    const host = new FakeHost();
    host.disk.write('/home/learner/log', '');
    let seenAt1500 = '';
    const r = await runOnFake(host, 'tail -f log | grep x\necho "after $?"\ntail -f log | grep -c x\necho "count $?"\n', {
      during: (shell, h) => {
        void h.sleep(1_000).then(() => h.disk.append('/home/learner/log', 'x1\ny\nx2\n'));
        void h.sleep(1_500).then(() => (seenAt1500 = 'x1\nx2\n'));
        void h.sleep(5_000).then(() => shell.interrupt());
        // The second grep -c is killed by the same Ctrl+C as tail: it prints no count.
        void h.sleep(8_000).then(() => shell.interrupt());
      },
    });
    expect(seenAt1500).toBe('x1\nx2\n');
    expect(r.output).toBe('x1\nx2\nafter 130\ncount 130\n');
  });
});

describe('terminal-only formats', () => {
  it('ls prints columns on a terminal and one name per line into a pipe', async () => {
    const host = new FakeHost();
    for (const n of ['appendonly.aof', 'dump.rdb', 'redis.conf', 'sentinel1.conf', 'sentinel2.conf', 'sentinel3.conf', 'r.log']) host.disk.write(`/home/learner/${n}`, 'x');
    const r = await runOnFake(host, 'ls\nls | cat\ntouch a b c\nls\n');
    // As GNU ls prints them in an 80-column terminal (recorded with `ls -C -w 80`).
    expect(r.output).toBe(
      'appendonly.aof\tr.log\t    sentinel1.conf  sentinel3.conf\ndump.rdb\tredis.conf  sentinel2.conf\n' +
        'appendonly.aof\ndump.rdb\nr.log\nredis.conf\nsentinel1.conf\nsentinel2.conf\nsentinel3.conf\n' +
        'a\t\tb  dump.rdb  redis.conf      sentinel2.conf\nappendonly.aof\tc  r.log     sentinel1.conf  sentinel3.conf\n',
    );
  });

  it('ps lists the shell, its running programs and itself', async () => {
    const host = new FakeHost();
    const r = await runOnFake(host, 'sleep 50 &\nps\n');
    expect(r.output).toMatch(/^ {4}PID TTY {10}TIME CMD\n +\d+ pts\/0 {4}00:00:00 bash\n +\d+ pts\/0 {4}00:00:00 sleep\n +\d+ pts\/0 {4}00:00:00 ps\n$/);
  });
});

describe('redis-server as a program', () => {
  it('asks the host to start it with its argv, cwd, the pid $! shows, and a terminal stdout only when not redirected', async () => {
    const host = new FakeHost();
    const r = await runOnFake(host, 'mkdir d; cd d\nredis-server r.conf --port 6380 &\necho "pid $!"\nwait $!; echo "status $?"\nredis-server r.conf > out.txt\nredis-server r.conf | cat\n');
    expect(host.spawned.map((s) => [s.program, s.argv.join(' '), s.cwd, s.stdoutIsTty])).toEqual([
      ['redis-server', 'r.conf --port 6380', '/home/learner/d', true],
      ['redis-server', 'r.conf', '/home/learner/d', false],
      ['redis-server', 'r.conf', '/home/learner/d', false],
    ]);
    expect(r.output).toBe(`pid ${host.spawned[0].pid}\nfake redis-server r.conf --port 6380\nstatus 1\nfake redis-server r.conf\n`);
    expect(host.disk.read('/home/learner/d/out.txt')).toBe('fake redis-server r.conf\n');
  });

  it('redis-sentinel is started as its own program', async () => {
    const host = new FakeHost();
    await runOnFake(host, 'redis-sentinel s.conf\n');
    expect(host.spawned[0].program).toBe('redis-sentinel');
  });
});

describe('robustness', () => {
  it('no input line makes the parser throw anything but a bash syntax error', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab $"\'\\|&;<>(){}#\n\t=*~!-012'.split('')), maxLength: 40 }), (line) => {
        const p = new Parser(line);
        try {
          for (let i = 0; i < 100; i++) if (p.next().kind === 'eof') break;
        } catch (e) {
          if (!(e instanceof ShellSyntaxError)) throw e;
        }
      }),
      { numRuns: 2000, seed: Number(process.env.SEED ?? 7) },
    );
  });

  it('no random script makes the shell throw; it always ends with a status', async () => {
    const words = ['echo', 'cat', 'grep', 'x', '"q"', "'s'", '$X', '|', '&&', '||', ';', '>', 'f', '<', '2>&1', '&', 'true', 'false', 'wc', '-l', 'head', '-n', '1', 'ls', 'rm', 'kill', 'wait', 'jobs', '$(echo', ')', '${X:-d}', '<<EOF', '\n', 'EOF', 'cd', 'exit', 'printf', '%s'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...words), { maxLength: 14 }), async (tokens) => {
        const host = new FakeHost();
        const r = await runOnFake(host, tokens.join(' ') + '\n');
        expect(Number.isInteger(r.status)).toBe(true);
      }),
      { numRuns: 300, seed: Number(process.env.SEED ?? 7) },
    );
  });
});
