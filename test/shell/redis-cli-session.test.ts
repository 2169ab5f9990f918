// Goal: redis-cli's behaviour around the replies matches redis-cli 7.0 as recorded in
// ../shared/fidelity (README §1, 08-interactive-cli, 04-errors): prompts, hints, `HELP`,
// `Invalid argument(s)`, connection refused, the -a warning, AUTH failure, -n, reconnection
// after the server dies, `(1.06s)` timings only in batch mode, SUBSCRIBE streaming and Ctrl-C,
// exit codes.
// Method: the REPL core (RedisCliSession) and the redis-cli program run against the scripted
// FakeHost on a virtual clock; outputs are compared with the recorded transcripts' text.
import { describe, expect, it } from 'vitest';
import { RedisCliSession, type CliConfig } from '../../src/shell/redis-cli/session.ts';
import { hintFor } from '../../src/shell/redis-cli/help.ts';
import { TextInput } from '../../src/shell/streams.ts';
import { FakeHost, runOnFake } from './support.ts';
import { readFileSync } from 'node:fs';

const OK = '+OK\r\n';
const bulk = (s: string) => `$${s.length}\r\n${s}\r\n`;

/** A small Redis imitation: requirepass, GET/SET, SELECT, MULTI, SUBSCRIBE. */
function miniRedis(host: FakeHost, port: number, password: string | null = null) {
  const data = new Map<string, string>();
  host.listen(port, (() => {
    const authed = new WeakSet<object>();
    return (argv, conn) => {
      const cmd = argv[0].toUpperCase();
      if (cmd === 'AUTH') {
        if (password === null) return '-ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?\r\n';
        if (argv[argv.length - 1] !== password) return '-WRONGPASS invalid username-password pair or user is disabled.\r\n';
        authed.add(conn);
        return OK;
      }
      if (password !== null && !authed.has(conn)) return '-NOAUTH Authentication required.\r\n';
      switch (cmd) {
        case 'PING': return '+PONG\r\n';
        case 'SET': data.set(argv[1], argv[2]); return OK;
        case 'GET': return data.has(argv[1]) ? bulk(data.get(argv[1])!) : '$-1\r\n';
        case 'SELECT': return Number(argv[1]) < 16 ? OK : '-ERR DB index is out of range\r\n';
        case 'MULTI': return OK;
        case 'EXEC': return '*0\r\n';
        case 'DEBUG': return OK;
        case 'SUBSCRIBE': return argv.slice(1).map((ch, i) => `*3\r\n$9\r\nsubscribe\r\n${bulk(ch)}:${i + 1}\r\n`).join('');
        default: return `-ERR unknown command '${argv[0]}', with args beginning with: ${argv.slice(1).map((a) => `'${a}' `).join('')}\r\n`;
      }
    };
  })());
}

const config = (over: Partial<CliConfig> = {}): CliConfig => ({ host: '127.0.0.1', port: 6379, auth: null, user: null, dbnum: 0, output: 'standard', repeat: 1, intervalMs: 0, ...over });

/** Drives a session like the interactive prompt: each line is echoed after the prompt. */
async function interactive(host: FakeHost, cfg: CliConfig, steps: Array<string | (() => void)>): Promise<string> {
  let out = '';
  const io = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
  const session = new RedisCliSession(host, cfg, io);
  session.interactive = true;
  let done = false;
  (async () => {
    await session.connect();
    for (const step of steps) {
      if (typeof step === 'function') {
        step();
        continue;
      }
      out += session.prompt() + step + '\n';
      await session.runLine(step);
    }
    out += session.prompt();
    done = true;
  })();
  await host.run(() => done);
  return out;
}

describe('prompt, quoting errors, HELP and reconnection (08-interactive-cli/session-A)', () => {
  it('shows [db] and (TX) in the prompt and refuses unbalanced quotes locally', async () => {
    const host = new FakeHost();
    miniRedis(host, 6379);
    const out = await interactive(host, config(), ['SELECT 1', 'MULTI', 'EXEC', 'SELECT 0', 'SET "unbalanced', "SET 'unbalanced", 'SET k v"', "SET quoted 'it''s'", '', '   ', 'GET nosuchkey']);
    expect(out).toBe(
      [
        '127.0.0.1:6379> SELECT 1', 'OK',
        '127.0.0.1:6379[1]> MULTI', 'OK',
        '127.0.0.1:6379[1](TX)> EXEC', '(empty array)',
        '127.0.0.1:6379[1]> SELECT 0', 'OK',
        '127.0.0.1:6379> SET "unbalanced', 'Invalid argument(s)',
        "127.0.0.1:6379> SET 'unbalanced", 'Invalid argument(s)',
        '127.0.0.1:6379> SET k v"', 'Invalid argument(s)',
        "127.0.0.1:6379> SET quoted 'it''s'", 'Invalid argument(s)',
        '127.0.0.1:6379> ',
        '127.0.0.1:6379>    ',
        '127.0.0.1:6379> GET nosuchkey', '(nil)',
        '127.0.0.1:6379> ',
      ].join('\n'),
    );
  });

  it('after the server dies: Error: Server closed the connection, not connected>, then reconnects silently', async () => {
    const host = new FakeHost();
    miniRedis(host, 6379);
    const out = await interactive(host, config(), [
      'PING',
      () => host.stop(6379),
      'PING',
      'GET greeting',
      '',
      () => miniRedis(host, 6379),
      'PING',
    ]);
    expect(out).toBe(
      [
        '127.0.0.1:6379> PING', 'PONG',
        '127.0.0.1:6379> PING', 'Error: Server closed the connection',
        'not connected> GET greeting', 'Could not connect to Redis at 127.0.0.1:6379: Connection refused',
        'not connected> ',
        'not connected> PING', 'PONG',
        '127.0.0.1:6379> ',
      ].join('\n'),
    );
  });

  it('re-authenticates with -a on reconnect; HELP works offline', async () => {
    const host = new FakeHost();
    miniRedis(host, 6399, 'pw');
    const out = await interactive(host, config({ port: 6399, auth: 'pw' }), ['PING', () => host.stop(6399), () => miniRedis(host, 6399, 'pw'), 'PING', 'PING']);
    expect(out).toContain('127.0.0.1:6399> PING\nError: Server closed the connection\nnot connected> PING\nPONG\n127.0.0.1:6399> ');
  });

  it('HELP SET prints the 7.0 help entry', async () => {
    const host = new FakeHost();
    const out = await interactive(host, config({ port: 6399 }), ['HELP SET']);
    expect(out).toBe(
      'Could not connect to Redis at 127.0.0.1:6399: Connection refused\n' +
        'not connected> HELP SET\n' +
        '\r\n  \x1b[1mSET\x1b[0m \x1b[90mkey value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]\x1b[0m\r\n' +
        '  \x1b[33msummary:\x1b[0m Set the string value of a key\r\n  \x1b[33msince:\x1b[0m 1.0.0\r\n  \x1b[33mgroup:\x1b[0m string\r\n\r\n' +
        'not connected> ',
    );
  });
});

// fixtures/hints.txt is a copy of ../shared/fidelity/08-interactive-cli/hints.txt (a real redis-cli 7.0.15 under tmux).
describe('hints while typing (08-interactive-cli/hints.txt)', () => {
  const text = readFileSync(new URL('./fixtures/hints.txt', import.meta.url), 'utf8');
  const cases = [...text.matchAll(/^typed '([^']*)'\s+-> (?:127\.0\.0\.1:6379|not connected)> (.*)$/gm)].map((m) => ({ typed: m[1], screen: m[2] }));
  it('covers the recorded lines', () => expect(cases.length).toBeGreaterThan(30));
  for (const { typed, screen } of cases) {
    it(`'${typed}'`, () => {
      const hint = hintFor(typed);
      const esc = screen.indexOf('\\e[90m');
      if (esc < 0) {
        // No grey cell on screen: no hint, or an empty one.
        expect(hint === null || hint === '').toBe(true);
      } else {
        const shown = screen.slice(esc + 6);
        expect(hint).not.toBeNull();
        // The recording trims trailing blanks and cuts at the window's width (250 columns).
        expect(hint!.trimEnd().startsWith(shown.trimEnd())).toBe(true);
        expect(screen.slice(0, esc)).toBe(typed);
      }
    });
  }
});

describe('redis-cli as a program (one-shot and batch)', () => {
  it('connection refused: the message, exit 1 (session-C)', async () => {
    const r = await runOnFake(new FakeHost(), 'redis-cli -p 6399 PING; echo "exit code: $?"\n');
    expect(r.output).toBe('Could not connect to Redis at 127.0.0.1:6399: Connection refused\nexit code: 1\n');
  });

  it('-a warning on stderr unless --no-auth-warning; a wrong password: AUTH failed, then the command runs', async () => {
    const host = new FakeHost();
    miniRedis(host, 6379, 'a_strong_password');
    const r = await runOnFake(host, 'redis-cli -a a_strong_password PING\nredis-cli -a wrong --no-auth-warning GET k\nredis-cli -a a_strong_password --no-auth-warning PING\n');
    expect(r.output).toBe(
      "Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.\nPONG\n" +
        'AUTH failed: WRONGPASS invalid username-password pair or user is disabled.\n(error) NOAUTH Authentication required.\n' +
        'PONG\n',
    );
  });

  it('-n selects the database after AUTH (not after a failed AUTH)', async () => {
    const host = new FakeHost();
    miniRedis(host, 6379, 'pw');
    await runOnFake(host, 'redis-cli -a pw --no-auth-warning -n 3 PING\nredis-cli -a bad --no-auth-warning -n 4 PING\n');
    expect(host.received).toEqual(['6379 AUTH pw', '6379 SELECT 3', '6379 PING', '6379 AUTH bad', '6379 PING']);
  });

  it('exit status 0 even for an error reply; raw error into a pipe has a blank line after it', async () => {
    const host = new FakeHost();
    miniRedis(host, 6379);
    const r = await runOnFake(host, 'redis-cli FOO | cat; echo "status ${PIPESTATUS:-0}"\nredis-cli FOO; echo $?\n');
    expect(r.output).toBe("ERR unknown command 'FOO', with args beginning with: \n\nstatus 0\n(error) ERR unknown command 'FOO', with args beginning with: \n0\n");
  });

  it('batch mode reads commands from stdin: timings only there, (1.06s)-style, for slow commands', async () => {
    const host = new FakeHost();
    miniRedis(host, 6379);
    host.delays.set('DEBUG', 1060);
    const script = "printf 'SET a 1\\nDEBUG SLEEP 1\\nGET a\\n\"bad\\n' | redis-cli --no-raw\necho \"batch $?\"\nredis-cli --no-raw DEBUG SLEEP 1\n";
    const r = await runOnFake(host, script);
    expect(r.output).toBe('OK\nOK\n(1.06s)\n"1"\nInvalid argument(s)\nbatch 0\nOK\n');
  });

  it('batch mode sends COMMAND DOCS after AUTH and SELECT, before the first command (cliInitHelp); one-shot does not', async () => {
    const host = new FakeHost();
    miniRedis(host, 6379, 'pw');
    const r = await runOnFake(host, "printf 'PING\\n' | redis-cli -a pw --no-auth-warning -n 2\nredis-cli -a pw --no-auth-warning PING\n");
    expect(r.output).toBe('PONG\nPONG\n');
    expect(host.received).toEqual(['6379 AUTH pw', '6379 SELECT 2', '6379 COMMAND DOCS', '6379 PING', '6379 AUTH pw', '6379 PING']);
  });

  it('batch mode without a server: one refusal at start, one per command, exit 0', async () => {
    const r = await runOnFake(new FakeHost(), "printf 'PING\\nPING\\n' | redis-cli -p 7399; echo \"rc=$?\"\n");
    expect(r.output).toBe('Could not connect to Redis at 127.0.0.1:7399: Connection refused\n'.repeat(3) + 'rc=0\n');
  });

  it('SUBSCRIBE streams until Ctrl-C; one-shot exits 130 (session-B)', async () => {
    const host = new FakeHost();
    miniRedis(host, 6379);
    let conn: { push(b: string): void } | null = null;
    host.listen(6379, (argv, c) => {
      conn = c;
      return `*3\r\n$9\r\nsubscribe\r\n${bulk(argv[1])}:1\r\n`;
    });
    const r = await runOnFake(host, 'redis-cli SUBSCRIBE news\necho "exit code: $?"\n', {
      during: (shell, h) => {
        void h.sleep(1000).then(() => conn!.push(`*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n${bulk('fourth message')}`));
        void h.sleep(2000).then(() => shell.interrupt());
      },
    });
    expect(r.output).toBe('Reading messages... (press Ctrl-C to quit)\n1) "subscribe"\n2) "news"\n3) (integer) 1\n1) "message"\n2) "news"\n3) "fourth message"\nexit code: 130\n');
  });

  it('in batch mode Ctrl-C ends SUBSCRIBE, reconnects and goes on with the next command, with the timing', async () => {
    const host = new FakeHost();
    miniRedis(host, 6379);
    const r = await runOnFake(host, "printf 'SUBSCRIBE news\\nPING\\n' | redis-cli --no-raw\necho \"rc=$?\"\n", {
      during: (shell, h) => void h.sleep(3530).then(() => shell.interrupt()),
    });
    expect(r.output).toBe('Reading messages... (press Ctrl-C to quit)\n1) "subscribe"\n2) "news"\n3) (integer) 1\n(3.53s)\nPONG\nrc=0\n');
  });

  it('Ctrl-C during another command in batch mode exits with status 1', async () => {
    const host = new FakeHost();
    miniRedis(host, 6379);
    host.delays.set('DEBUG', 60_000);
    const r = await runOnFake(host, "printf 'DEBUG SLEEP 60\\nPING\\n' | redis-cli\necho \"rc=$?\"\n", {
      during: (shell, h) => void h.sleep(1000).then(() => shell.interrupt()),
    });
    expect(r.output).toBe('rc=1\n');
  });

  it('rejects unknown options like redis-cli', async () => {
    const r = await runOnFake(new FakeHost(), 'redis-cli --bogus PING; echo $?\nredis-cli -p\necho $?\n');
    expect(r.output).toBe("Unrecognized option or bad number of args for: '--bogus'\n1\nUnrecognized option or bad number of args for: '-p'\n1\n");
  });

  it('reads the command lines of a here-document in batch mode', async () => {
    const host = new FakeHost();
    miniRedis(host, 6379);
    const r = await runOnFake(host, 'redis-cli <<EOF\nSET k hello\nGET k\nEOF\n', { stdin: new TextInput('') });
    expect(r.output).toBe('OK\n"hello"\n');
  });
});

describe('repeat and interval', () => {
  it('-r N -i SEC runs the command N times, pausing SEC after each', async () => {
    const host = new FakeHost();
    miniRedis(host, 6379);
    const start = host.now();
    const r = await runOnFake(host, 'redis-cli -r 3 -i 0.5 PING\n');
    expect(r.output).toBe('PONG\nPONG\nPONG\n');
    expect(host.now() - start).toBe(1 + 1500); // process start, then 3 × 0.5 s
  });

  it('a repeat count typed before the command (interactive and batch)', async () => {
    const host = new FakeHost();
    miniRedis(host, 6379);
    const r = await runOnFake(host, "printf '2 PING\\n0 PING\\n' | redis-cli\n");
    expect(r.output).toBe('PONG\nPONG\nInvalid redis-cli repeat command option value.\n');
  });
});
