/**
 * Goal: the parts of the configuration that other modules build on behave as documented —
 * `onChange` hooks (Redis's apply functions, able to veto), `bindLive` for state kept elsewhere,
 * CONFIG SET's all-or-nothing restore, `dir` as the working directory of every relative path,
 * the command-line conversion of `main()`, and the SHA-256 of `user default on #<hash>`.
 * Method: drive ServerConfig and load.ts directly, and a server through the engine harness.
 */
import { describe, expect, it } from 'vitest';
import { ServerConfig } from '../../../src/engine/config/server-config.ts';
import { loadConfigText, optionsFromArgv, splitServerArgv } from '../../../src/engine/config/load.ts';
import { sha256Hex } from '../../../src/engine/config/sha256.ts';
import { MemoryDisk } from '../../../src/engine/util/memory-disk.ts';
import { CWD, show, startServer } from '../../support/engine-harness.ts';
import type { RedisServer } from '../../../src/engine/server/server.ts';

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 test vectors and Redis’s password hash', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(sha256Hex('a'.repeat(1000))).toBe('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
    // From 06-failover: `requirepass a_strong_password` rewritten as the default user's hash.
    expect(sha256Hex('a_strong_password')).toBe('733116273917fed0de156e663850b6acaa3b6e0cd69fafb2a44aafcf193517de');
  });
});

describe('onChange and bindLive', () => {
  it('calls listeners after a successful CONFIG SET, once per changed directive, with the canonical name', () => {
    const cfg = new ServerConfig({ cwd: '/data' });
    const seen: string[] = [];
    cfg.onChange('appendonly', (v, name) => void seen.push(`${name}=${v}`));
    cfg.onChange('slave-read-only', (v, name) => void seen.push(`${name}=${v}`));
    expect(cfg.configSet([['appendonly', 'yes'], ['SLAVE-READ-ONLY', 'no']])).toBe(null);
    expect(seen).toEqual(['appendonly=yes', 'replica-read-only=no']);
    expect(cfg.configSet([['appendonly', 'yes']])).toBe(null);
    expect(seen).toHaveLength(2); // unchanged value: no call, as Redis skips apply
  });

  it('a listener that returns an error fails CONFIG SET and restores every value', () => {
    const cfg = new ServerConfig({ cwd: '/data' });
    const calls: string[] = [];
    cfg.onChange('hz', (v) => void calls.push(`hz=${v}`));
    const off = cfg.onChange('appendonly', (v) => (v === 'yes' ? 'Unable to turn on AOF. Check server logs.' : null));
    expect(cfg.configSet([['hz', '20'], ['appendonly', 'yes']])).toBe(
      "ERR CONFIG SET failed (possibly related to argument 'appendonly') - Unable to turn on AOF. Check server logs.",
    );
    expect(cfg.get('hz')).toBe('10');
    expect(cfg.get('appendonly')).toBe('no');
    expect(calls).toEqual(['hz=20', 'hz=10']); // applied, then re-applied with the restored value
    off();
    expect(cfg.configSet([['appendonly', 'yes']])).toBe(null);
  });

  it('a parse failure in a later pair leaves earlier pairs untouched', () => {
    const cfg = new ServerConfig({ cwd: '/data' });
    expect(cfg.configSet([['maxmemory', '1mb'], ['port', 'abc']])).toBe(
      "ERR CONFIG SET failed (possibly related to argument 'port') - argument couldn't be parsed into an integer",
    );
    expect(cfg.get('maxmemory')).toBe('0');
  });

  it('bindLive makes CONFIG GET and CONFIG REWRITE read another module’s state', () => {
    const cfg = new ServerConfig({ cwd: '/data' });
    let primary: { host: string; port: number } | null = { host: '10.0.0.1', port: 6380 };
    cfg.bindLive('replicaof', () => primary);
    expect(cfg.configGet(['slaveof'])).toEqual([['slaveof', '10.0.0.1 6380']]);
    expect(cfg.rewrite('port 6379\n')).toContain('replicaof 10.0.0.1 6380\n');
    primary = null;
    expect(cfg.get('replicaof')).toBe('');
    expect(cfg.rewrite('port 6379\nreplicaof 1.2.3.4 5\n')).not.toContain('replicaof');
  });

  it('CONFIG SET refuses protected configs unless enable-protected-configs allows them', () => {
    const cfg = new ServerConfig({ cwd: '/data', disk: new MemoryDisk() });
    expect(cfg.configSet([['dbfilename', 'x.rdb']])).toBe("ERR CONFIG SET failed (possibly related to argument 'dbfilename') - can't set protected config");
    expect(cfg.configSet([['dbfilename', 'x.rdb']], { allowProtected: true })).toBe(null);
    expect(cfg.get('dbfilename')).toBe('x.rdb');
  });

  it('CONFIG SET of a deny-loading config while loading replies LOADING', () => {
    const cfg = new ServerConfig({ cwd: '/data' });
    expect(cfg.configSet([['appendonly', 'yes']], { loading: true })).toBe('LOADING Redis is loading the dataset in memory');
  });
});

describe('dir is the working directory', () => {
  it('defaults to the process’s cwd and must name an existing directory of the disk', () => {
    const disk = new MemoryDisk();
    disk.mkdir('/srv/redis');
    disk.write('/srv/file', 'x');
    const cfg = new ServerConfig({ cwd: '/home/learner', disk });
    expect(cfg.get('dir')).toBe('/home/learner');
    expect(loadConfigText(cfg, 'dir /srv/nope\n')).toEqual({ lineNumber: 1, line: 'dir /srv/nope', message: 'No such file or directory' });
    expect(loadConfigText(cfg, 'dir /srv/file/x\n')).toEqual({ lineNumber: 1, line: 'dir /srv/file/x', message: 'Not a directory' });
    expect(loadConfigText(cfg, 'dir /srv/redis\ndir ..\n')).toBe(null);
    expect(cfg.get('dir')).toBe('/srv');
    expect(cfg.resolvePath('dump.rdb')).toBe('/srv/dump.rdb');
  });

  it('puts the log file (and CONFIG REWRITE’s `dir` line) under dir', () => {
    const disk = new MemoryDisk();
    disk.mkdir('/var/lib/redis');
    const s = startServer({ conf: 'dir /var/lib/redis\nlogfile "redis.log"\n', disk });
    expect(s.exitCode).toBe(null);
    expect(disk.read('/var/lib/redis/redis.log')).toContain('Ready to accept connections');
    expect(disk.read(`${CWD}/redis.log`)).toBe(null);
    expect(show(s.client().call('CONFIG', 'REWRITE'))).toBe('OK');
    expect(disk.read(`${CWD}/redis.conf`)).toBe('dir "/var/lib/redis"\nlogfile "redis.log"\n\n# Generated by CONFIG REWRITE\nsave 3600 1\nsave 300 100\nsave 60 10000\nlatency-tracking-info-percentiles 50 99 99.9\nuser default on nopass ~* &* +@all\n');
    expect(disk.read('/var/lib/redis/redis.log')).toMatch(/# CONFIG REWRITE executed with success\.\n$/);
  });
});

describe('command-line options as main() builds them', () => {
  it('quotes values, continues lines, and handles the --save and --sentinel special cases', () => {
    expect(optionsFromArgv(['--port', '6380', '--replicaof', '127.0.0.1 6379'])).toBe('port "6380" \nreplicaof "127.0.0.1 6379" ');
    expect(optionsFromArgv(['--save', '--port', '1'])).toBe('save ""\nport "1" ');
    expect(optionsFromArgv(['--save'])).toBe('save ""');
    expect(optionsFromArgv(['--port', '--hz', '5'])).toBe('port "--hz" "5" ');
    expect(optionsFromArgv(['--sentinel', '--port', '5000'])).toBe('sentinel \nport "5000" ');
    expect(optionsFromArgv(['--requirepass', 'a"b\n'])).toBe('requirepass "a\\"b\\n" ');
    expect(splitServerArgv(['r.conf', '--port', '1'])).toEqual({ configFile: 'r.conf', options: 'port "1" ' });
    expect(splitServerArgv(['--port', '1'])).toEqual({ configFile: null, options: 'port "1" ' });
  });

  it('applies `--port 6380 --replicaof "127.0.0.1 6379"` after the file', () => {
    const s = startServer({ conf: 'port 6379\n', argv: ['--port', '6380', '--replicaof', '127.0.0.1 6379'] });
    const cfg = (s.node as RedisServer).config;
    expect(cfg.get('port')).toBe('6380');
    expect(cfg.replicaOf()).toEqual({ host: '127.0.0.1', port: 6379 });
  });
});

describe('CONFIG REWRITE details', () => {
  it('writes a new file when none exists and quotes strings like sdscatrepr', () => {
    const cfg = new ServerConfig({ cwd: '/d' });
    expect(cfg.configSet([['masterauth', 'tab\there\x01'], ['requirepass', 'pw']])).toBe(null);
    const text = cfg.rewrite(null);
    expect(text.split('\n')[0]).toBe('# Generated by CONFIG REWRITE');
    expect(text).toContain('masterauth "tab\\there\\x01"\n');
    expect(text).toContain('requirepass "pw"\n');
    expect(text).toContain(`user default on #${sha256Hex('pw')} ~* &* +@all\n`);
    expect(text).toContain('dir "/d"\n');
  });

  it('keeps lines it does not understand as `# ???` comments and other loader lines untouched', () => {
    const cfg = new ServerConfig({ cwd: '/d' });
    const text = cfg.rewrite('list-max-ziplist-value 64\nrename-command DEBUG ""\ninclude /etc/other.conf\nhz 10\n');
    expect(text.startsWith('# ??? list-max-ziplist-value 64\nrename-command DEBUG ""\ninclude /etc/other.conf\nhz 10\n\n# Generated by CONFIG REWRITE\n')).toBe(true);
  });

  it('memory values use the largest exact unit, percent and octal keep their form', () => {
    const cfg = new ServerConfig({ cwd: '/d' });
    expect(cfg.configSet([['maxmemory', '3gb'], ['repl-backlog-size', '1536kb'], ['maxmemory-clients', '7%']])).toBe(null);
    const text = cfg.rewrite('');
    expect(text).toContain('maxmemory 3gb\n');
    expect(text).toContain('repl-backlog-size 1536kb\n');
    expect(text).toContain('maxmemory-clients 7%\n');
  });
});

describe('config loading odds and ends', () => {
  it('clamps hz into 1..500 after loading, accepts deprecated directives and records rename-command', () => {
    const cfg = new ServerConfig({ cwd: '/d' });
    expect(loadConfigText(cfg, 'hz 0\nlua-replicate-commands yes\nrename-command FLUSHALL ""\nrename-command CONFIG myconfig\n')).toBe(null);
    expect(cfg.get('hz')).toBe('1');
    expect(cfg.renamedCommands).toEqual([['FLUSHALL', ''], ['CONFIG', 'myconfig']]);
  });

  it('include loads another file of the disk at that point, with wildcards', () => {
    const disk = new MemoryDisk();
    disk.write('/etc/redis/conf.d/a.conf', 'hz 20\n');
    disk.write('/etc/redis/conf.d/b.conf', 'maxmemory 1mb\n');
    const cfg = new ServerConfig({ cwd: '/d', disk });
    expect(loadConfigText(cfg, 'include /etc/redis/conf.d/*.conf\ninclude /etc/redis/none/*.conf\n')).toBe(null);
    expect(cfg.get('hz')).toBe('20');
    expect(cfg.get('maxmemory')).toBe('1048576');
  });

  it('never throws on arbitrary lines', () => {
    const cfg = new ServerConfig({ cwd: '/d', disk: new MemoryDisk() });
    const junk = ['"', "'", 'save "', 'bind', 'replicaof x', 'dir', 'notify-keyspace-events', 'client-output-buffer-limit', 'latency-tracking-info-percentiles -0', 'maxmemory 99999999999999999999999gb', 'x.y', 'sentinel', 'include', '\u00ff\u0000'];
    for (const line of junk) expect(() => loadConfigText(cfg, line)).not.toThrow();
    expect(() => cfg.configSet([['save', '1 2  3'], ['bind', ''], ['maxmemory', 'gb']])).not.toThrow();
  });
});

describe('fuzzing the loader and CONFIG SET', () => {
  it('random config text ends in a value or a Redis error, never an exception', async () => {
    const fc = await import('fast-check');
    const names = ServerConfig.names();
    const word = fc.oneof(fc.constantFrom(...names, 'include', 'rename-command', 'user', 'sentinel', 'x.y', '""', "'a b'", '"\\x41"', 'yes', 'no', '-1', '1gb', '10%', '0777'), fc.string({ maxLength: 6 }));
    const line = fc.array(word, { maxLength: 5 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const cfg = new ServerConfig({ cwd: '/d', disk: new MemoryDisk() });
        const err = loadConfigText(cfg, lines.join('\n'));
        if (err) expect(typeof err.message).toBe('string');
        const text = cfg.rewrite(lines.join('\n'));
        expect(typeof text).toBe('string');
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('random CONFIG SET pairs reply OK or an ERR line, and a failure changes nothing', async () => {
    const fc = await import('fast-check');
    const names = ServerConfig.names();
    const pair = fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 5 })), fc.oneof(fc.constantFrom('yes', 'no', '', '0', '-1', '1 2', '3600 1', '1mb', 'local', '50 99'), fc.string({ maxLength: 8 })));
    fc.assert(
      fc.property(fc.array(pair, { minLength: 1, maxLength: 4 }), (pairs) => {
        const cfg = new ServerConfig({ cwd: '/d', disk: new MemoryDisk() });
        const before = cfg.configGet(['*']);
        const err = cfg.configSet(pairs as [string, string][]);
        if (err !== null) {
          expect(err).toMatch(/^(ERR |LOADING )/);
          expect(cfg.configGet(['*'])).toEqual(before);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
