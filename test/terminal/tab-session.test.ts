// Goal: a terminal tab behaves like bash in a terminal window for what the lab offers — line
// editing, Tab completion of commands and files, history per tab kept across reloads (and a
// stored history that does not parse is discarded with a notice), a multi-line paste runs line
// by line, keys typed while a command runs wait for the next prompt, Ctrl+C stops the
// foreground process (a log stream, a foreground server) and throws type-ahead away, `&`
// announces `[1] PID` and later `[1]+  Done`, the tab's title is its foreground process,
// `edit FILE` saves to the virtual disk, `clear`, `help`, `exit` and Ctrl+D.
// Method: TabSessions on the simulator (virtual time) drawn on @xterm/headless screens.
import { describe, expect, it } from 'vitest';
import { lab } from './support.ts';
import { MemoryStorage, HISTORY_PREFIX } from '../../src/terminal/history.ts';
import { fromBytes } from '../../src/shell/streams.ts';

describe('a terminal tab', () => {
  it('edits the line with the arrow keys, Home/End and the Ctrl keys before running it', async () => {
    const l = lab();
    const t = l.tab();
    await t.type('echo helo wrld');
    await t.type('\x1b[D\x1b[D\x1b[D\x1b[Do');
    await t.type('\x1b[H\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D');
    await t.type('\x1b[F\x17\x17');
    await t.type('hello world\x01\x0b');
    expect((await t.screen.cursor()).row).toBe('$');
    await t.line('echo hel\x1b[Dl\x1b[Fo');
    expect(await t.text()).toBe('$ echo hello\nhello\n$');
  });

  it('completes command names and file names on Tab, and lists the candidates on a second Tab', async () => {
    const l = lab();
    await l.boot();
    const t = l.tab();
    await t.type('redis-c\t');
    expect((await t.screen.cursor()).row).toBe('$ redis-cli');
    await t.type('\x15cat sen\t');
    expect((await t.screen.cursor()).row).toBe('$ cat sentinel');
    await t.type('\t');
    const text = await t.text();
    expect(text).toContain('sentinel-5000.log');
    expect(text).toContain('sentinel3.conf');
    expect((await t.screen.cursor()).row).toBe('$ cat sentinel');
    await t.type('1\t\r');
    expect(await t.text()).toContain('$ cat sentinel1.conf\n# Sentinel 1:');
    expect(await t.text()).toContain('sentinel monitor myprimary 127.0.0.1 6379 2');
  });

  it('keeps each tab\'s history across a reload, and discards a stored history that does not parse', async () => {
    const storage = new MemoryStorage();
    const first = lab({ storage });
    const a = first.tab();
    await a.line('echo one');
    await a.line('echo two');
    expect(JSON.parse(storage.getItem(`${HISTORY_PREFIX}1:bash`)!)).toEqual(['echo one', 'echo two']);
    storage.setItem(`${HISTORY_PREFIX}2:bash`, '{not json');
    // The page is loaded again: tab 1 finds its history, tab 2's is discarded with a notice.
    const again = lab({ storage });
    const b = again.tab();
    await b.type('\x1b[A');
    expect((await b.screen.cursor()).row).toBe('$ echo two');
    await b.type('\x1b[A');
    expect((await b.screen.cursor()).row).toBe('$ echo one');
    await b.type('\x1b[B\x1b[B');
    expect((await b.screen.cursor()).row).toBe('$');
    const c = again.tab();
    expect(await c.text()).toBe('lab: the saved bash history of this tab could not be read; it was discarded.\n$');
    expect(storage.getItem(`${HISTORY_PREFIX}2:bash`)).toBeNull();
  });

  it('runs a multi-line paste one line at a time, in order', async () => {
    const l = lab();
    const t = l.tab();
    await t.type('echo one\recho two\r\recho three\r');
    expect(await t.text()).toBe('$ echo one\none\n$ echo two\ntwo\n$\n$ echo three\nthree\n$');
  });

  it('queues what is typed while a command runs, echoing it, and runs it afterwards', async () => {
    const l = lab();
    const t = l.tab();
    t.session.input('sleep 2\r');
    await l.wait(500);
    expect(t.session.busy).toBe(true);
    expect(t.session.currentTitle()).toBe('sleep');
    t.session.input('echo queued\r');
    await t.until(() => t.session.idle);
    expect(await t.text()).toBe('$ sleep 2\necho queued\n$ echo queued\nqueued\n$');
  });

  it('stops a log stream with Ctrl+C, throwing type-ahead away, and sets $? to 130', async () => {
    const l = lab();
    await l.boot();
    const t = l.tab();
    t.session.input('tail -f redis-6380.log\r');
    await l.wait(1500);
    expect(t.session.currentTitle()).toBe('tail');
    expect(t.screen.raw).toContain('MASTER <-> REPLICA sync: Finished with success');
    t.session.input('echo lost');
    await t.type('\x03');
    await t.line('echo $?');
    const text = await t.text();
    expect(text).toMatch(/echo lost\^C\n\$ echo \$\?\n130\n\$$/);
    expect(t.session.currentTitle()).toBe('bash');
  });

  it('streams a foreground server\'s log in the tab and shuts it down on Ctrl+C', async () => {
    const l = lab();
    const t = l.tab({ cols: 120 });
    t.session.input('redis-server --port 7000\r');
    await t.until(() => t.screen.raw.includes('Ready to accept connections'));
    expect(t.session.currentTitle()).toBe('redis-server');
    await t.type('\x03');
    const text = await t.text();
    expect(text).toMatch(/\^C\d+:signal-handler \(\d+\) Received SIGINT scheduling shutdown\.\.\./);
    expect(text).toMatch(/# Redis is now ready to exit, bye bye\.\.\.\n\$$/);
  });

  // Interactive bash 5.2 (checked under a pty): a foreground job killed by a signal is reported
  // with the signal's words alone, before the next prompt.
  it('reports a foreground server killed from another tab with `Killed`, as an interactive bash does', async () => {
    const l = lab();
    const a = l.tab({ cols: 120 });
    const b = l.tab({ cols: 120 });
    a.session.input('redis-server --port 7002 --pidfile k.pid --logfile k.log\r');
    await a.until(() => a.session.currentTitle() === 'redis-server');
    await l.wait(500);
    await b.line('kill -9 $(cat k.pid)');
    await a.until(() => a.screen.raw.includes('Killed'));
    await l.wait(100);
    expect(await a.text()).toBe('$ redis-server --port 7002 --pidfile k.pid --logfile k.log\nKilled\n$');
    await b.line('ls k.pid');
    expect(await b.text()).toContain('$ ls k.pid\nk.pid\n$');
  });

  it('announces background jobs and their end, as an interactive bash does', async () => {
    const l = lab();
    const t = l.tab();
    await t.line('sleep 1 &');
    const m = /\[1\] (\d+)/.exec(await t.text());
    expect(m).not.toBeNull();
    await t.line('jobs');
    await l.wait(1500);
    await t.line('');
    expect(await t.text()).toBe(`$ sleep 1 &\n[1] ${m![1]}\n$ jobs\n[1]+  Running                 sleep 1 &\n$\n[1]+  Done                    sleep 1\n$`);
  });

  it('opens `edit FILE` in the editor and saves what it returns to the disk', async () => {
    const l = lab();
    await l.boot();
    const seen: string[] = [];
    const t = l.tab({
      openEditor: async (path, text) => {
        seen.push(path, text);
        return text.replace('sentinel down-after-milliseconds myprimary 5000', 'sentinel down-after-milliseconds myprimary 3000');
      },
    });
    await t.line('edit sentinel1.conf');
    expect(seen[0]).toBe('/home/learner/sentinel1.conf');
    expect(seen[1]).toContain('sentinel monitor myprimary');
    expect(fromBytes(l.sim.disk.read('/home/learner/sentinel1.conf')!)).toContain('down-after-milliseconds myprimary 3000');
    await t.line('edit nosuchdir/x.conf');
    await t.line('edit');
    const text = await t.text();
    expect(text).toMatch(/\$ edit sentinel1\.conf\nedit: sentinel1\.conf: saved \(\d+ bytes\)\n/);
    expect(text).toContain('$ edit nosuchdir/x.conf\nedit: nosuchdir/x.conf: No such file or directory\n');
    expect(text).toContain('$ edit\nedit: usage: edit FILE\n');
  });

  it('closes the editor when the edit is interrupted, and leaves the file as it was', async () => {
    const l = lab({ files: { 'a.txt': 'before\n' } });
    let closed = false;
    const t = l.tab({
      openEditor: (_path, _text, signal) =>
        new Promise((resolve) => {
          signal.cancelled.catch(() => {
            closed = true;
            resolve(null);
          });
        }),
    });
    t.session.input('edit a.txt\r');
    await l.wait(10);
    expect(t.session.currentTitle()).toBe('edit');
    await t.type('\x03');
    expect(closed).toBe(true);
    expect(fromBytes(l.sim.disk.read('/home/learner/a.txt')!)).toBe('before\n');
  });

  it('clear empties the screen; help lists the commands', async () => {
    const l = lab();
    const t = l.tab();
    await t.line('echo x');
    await t.line('clear');
    expect(await t.text()).toBe('$');
    await t.line('help');
    const text = await t.text();
    expect(text).toContain('redis-cli [-h HOST] [-p PORT] [-a PASSWORD] [CMD ...]');
    expect(text).toContain('edit FILE');
  });

  it('ends on exit and on Ctrl+D, printing exit', async () => {
    const l = lab();
    const ended: number[] = [];
    const a = l.tab({ onExit: (s) => ended.push(s) });
    await a.line('false');
    a.session.input('exit 3\r');
    expect(await a.session.done).toBe(3);
    const b = l.tab({ onExit: (s) => ended.push(s) });
    b.session.input('\x04');
    expect(await b.session.done).toBe(0);
    expect(ended).toEqual([3, 0]);
    expect(await a.text()).toBe('$ false\n$ exit 3\nexit');
    expect(await b.text()).toBe('$\nexit');
  });

  it('asks for more after an open quote or a trailing &&, with the > prompt', async () => {
    const l = lab();
    const t = l.tab();
    await t.line('echo "a');
    await t.line('b" &&');
    await t.line('echo c');
    expect(await t.text()).toBe('$ echo "a\n> b" &&\n> echo c\na\nb\nc\n$');
  });

  it('puts user text on the screen only as text: escape sequences typed are never interpreted', async () => {
    const l = lab();
    const t = l.tab();
    await t.line('echo "<b>x</b>"');
    await t.type('\x1b[31mred');
    expect(await t.text()).toBe('$ echo "<b>x</b>"\n<b>x</b>\n$ red');
  });
});
