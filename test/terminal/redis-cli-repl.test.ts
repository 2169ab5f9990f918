// Goal: interactive redis-cli in a terminal tab behaves as redis-cli 7.0 does on a real
// terminal (../shared/fidelity README §1, 08-interactive-cli): prompts with `[N]` and `(TX)`,
// grey hints from the help table (also when not connected), Tab completion, `HELP cmd`,
// `(1.06s)` timings, `Error: Server closed the connection` then `not connected> ` and
// `Could not connect …` after the server dies, silent reconnection with re-AUTH when it is
// back, SUBSCRIBE streaming until Ctrl+C returns to the prompt with `^C(3.53s)`, Ctrl+C and
// Ctrl+D at the prompt ending redis-cli, its own history without AUTH lines.
// Method: the default scenario (primary, replica, three sentinels) on the simulator with
// virtual time; keys are typed into TabSessions; the screen is @xterm/headless.
import { describe, expect, it } from 'vitest';
import { lab } from './support.ts';

const CLI = 'redis-cli -p 6379 -a a_strong_password --no-auth-warning';

describe('interactive redis-cli in a tab', () => {
  it('shows the prompts of redis-cli: [N] after SELECT, (TX) inside MULTI', async () => {
    const l = lab();
    await l.boot();
    const t = l.tab();
    await t.line(CLI);
    for (const c of ['SET greeting "hello world"', 'GET greeting', 'SELECT 1', 'MULTI', 'SET a 1', 'INCR', 'EXEC', 'SELECT 0', 'SET quoted \'it\'\'s\'', 'exit']) await t.line(c);
    expect(await t.text()).toBe(
      [
        `$ ${CLI}`,
        '127.0.0.1:6379> SET greeting "hello world"',
        'OK',
        '127.0.0.1:6379> GET greeting',
        '"hello world"',
        '127.0.0.1:6379> SELECT 1',
        'OK',
        '127.0.0.1:6379[1]> MULTI',
        'OK',
        '127.0.0.1:6379[1](TX)> SET a 1',
        'QUEUED',
        '127.0.0.1:6379[1](TX)> INCR',
        "(error) ERR wrong number of arguments for 'incr' command",
        '127.0.0.1:6379[1](TX)> EXEC',
        '(error) EXECABORT Transaction discarded because of previous errors.',
        '127.0.0.1:6379[1]> SELECT 0',
        'OK',
        "127.0.0.1:6379> SET quoted 'it''s'",
        'Invalid argument(s)',
        '127.0.0.1:6379> exit',
        '$',
      ].join('\n'),
    );
  });

  it('draws the hint in grey after the cursor, from the help table, even when not connected', async () => {
    const l = lab();
    const t = l.tab();
    await t.line('redis-cli -p 6399');
    expect(await t.text()).toContain('Could not connect to Redis at 127.0.0.1:6399: Connection refused\nnot connected>');
    await t.type('WAIT ');
    const cur = await t.screen.cursor();
    expect(cur.row).toBe('not connected> WAIT numreplicas timeout');
    expect(cur.x).toBe('not connected> WAIT '.length);
    const cells = await t.screen.cells('not connected> '.length);
    expect(cells.map((c) => c.ch).join('')).toBe('WAIT numreplicas timeout');
    // Typed text in the default colour, the hint in palette colour 8 (SGR 90, bright black).
    expect(cells.slice(0, 5).every((c) => c.fg === -1)).toBe(true);
    expect(cells.slice(5).every((c) => c.fg === 8)).toBe(true);
    await t.type('1 ');
    expect((await t.screen.cursor()).row).toBe('not connected> WAIT 1 timeout');
    await t.type('\x15ge');
    expect((await t.screen.cursor()).row).toBe('not connected> ge');
    await t.type('\x15CONFIG ');
    expect((await t.screen.cursor()).row).toBe('not connected> CONFIG');
  });

  it('completes command names on Tab and answers HELP locally', async () => {
    const l = lab();
    await l.boot();
    const t = l.tab({ cols: 160 });
    await t.line(CLI);
    await t.type('rep');
    await t.type('\t');
    expect((await t.screen.cursor()).row).toBe('127.0.0.1:6379> REPLCONF');
    await t.type('\t');
    expect((await t.screen.cursor()).row).toBe('127.0.0.1:6379> REPLICAOF host port|NO ONE');
    await t.type('\x15HELP SET\r');
    const text = await t.text();
    expect(text).toContain(
      [
        '127.0.0.1:6379> HELP SET',
        '',
        '  SET key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]',
        '  summary: Set the string value of a key',
        '  since: 1.0.0',
        '  group: string',
        '',
        '127.0.0.1:6379>',
      ].join('\n'),
    );
  });

  it('prints (1.06s)-style timings after slow commands', async () => {
    const l = lab();
    await l.boot();
    const t = l.tab();
    await t.line(CLI);
    await t.line('WAIT 2 1000');
    expect(await t.text()).toMatch(/127\.0\.0\.1:6379> WAIT 2 1000\n\(integer\) 1\n\(1\.0\ds\)\n127\.0\.0\.1:6379>$/);
  });

  it('after the server dies: Error: Server closed the connection, not connected>, Could not connect, then a silent reconnect', async () => {
    const l = lab();
    const pids = await l.boot();
    const t = l.tab();
    const other = l.tab();
    await t.line(CLI);
    await t.line('SET k v');
    await other.line(`kill -9 ${pids.get(6379)}`);
    await l.wait(100);
    // Nothing is printed while the prompt is idle.
    expect((await t.text()).endsWith('127.0.0.1:6379>')).toBe(true);
    await t.line('PING');
    await t.line('GET k');
    await t.line('');
    await other.line('redis-server primary.conf &');
    await l.wait(1000);
    await t.line('GET k');
    expect(await t.text()).toBe(
      [
        `$ ${CLI}`,
        '127.0.0.1:6379> SET k v',
        'OK',
        '127.0.0.1:6379> PING',
        'Error: Server closed the connection',
        'not connected> GET k',
        'Could not connect to Redis at 127.0.0.1:6379: Connection refused',
        'not connected>',
        'not connected> GET k',
        '"v"',
        '127.0.0.1:6379>',
      ].join('\n'),
    );
  });

  it('streams SUBSCRIBE messages until Ctrl+C returns to the prompt with the elapsed time', async () => {
    const l = lab();
    await l.boot();
    const t = l.tab();
    const pub = l.tab();
    await t.line(CLI);
    t.session.input('SUBSCRIBE news\r');
    await t.until(() => t.screen.raw.includes('(integer) 1'));
    await l.wait(1000);
    await pub.line('redis-cli -p 6379 -a a_strong_password --no-auth-warning PUBLISH news "first message"');
    await t.until(() => t.screen.raw.includes('first message'));
    expect(t.session.currentTitle()).toBe('redis-cli');
    // Typed text is echoed but ignored while subscribed.
    t.session.input('PING\r');
    await l.wait(2000);
    await t.type('\x03');
    await t.line('PING');
    const text = await t.text();
    expect(text).toMatch(
      new RegExp(
        [
          '127\\.0\\.0\\.1:6379> SUBSCRIBE news',
          'Reading messages\\.\\.\\. \\(press Ctrl-C to quit\\)',
          '1\\) "subscribe"',
          '2\\) "news"',
          '3\\) \\(integer\\) 1',
          '1\\) "message"',
          '2\\) "news"',
          '3\\) "first message"',
          'PING',
          '\\^C\\(3\\.\\d\\ds\\)',
          '127\\.0\\.0\\.1:6379> PING',
          'PONG',
          '127\\.0\\.0\\.1:6379>$',
        ].join('\\n'),
      ),
    );
  });

  it('Ctrl+C and Ctrl+D at the prompt end redis-cli; the shell prompt comes back', async () => {
    const l = lab();
    await l.boot();
    const t = l.tab();
    await t.line(CLI);
    await t.type('GET');
    await t.type('\x03');
    await t.line(CLI);
    await t.type('\x04');
    await t.line('echo $?');
    // linenoise returns at once on Ctrl+C: the grey hint stays on the screen, as in a real terminal.
    expect(await t.text()).toBe([`$ ${CLI}`, '127.0.0.1:6379> GET key', `$ ${CLI}`, '127.0.0.1:6379>', '$ echo $?', '0', '$'].join('\n'));
  });

  it('keeps its own history, without AUTH lines, apart from the shell history', async () => {
    const l = lab();
    await l.boot();
    const t = l.tab();
    await t.line(CLI);
    await t.line('AUTH a_strong_password');
    await t.line('GET foo');
    await t.type('\x1b[A');
    expect((await t.screen.cursor()).row).toBe('127.0.0.1:6379> GET foo');
    await t.type('\x1b[A');
    expect((await t.screen.cursor()).row).toBe('127.0.0.1:6379> GET foo');
    await t.type('\x15exit\r');
    await t.type('\x1b[A');
    expect((await t.screen.cursor()).row).toBe(`$ ${CLI}`);
  });
});
