/**
 * Goal: DEBUG behaves as Redis 7.0.15's debug.c where the lab uses it: the
 * enable-debug-command gate, SLEEP freezing the whole server with the reply after the sleep,
 * POPULATE, DIGEST/DIGEST-VALUE giving Redis's exact digests, SEGFAULT's crash report and exit
 * status, CHANGE-REPL-ID, RELOAD, HELP and the subcommand errors.
 * Method: engine harness on the virtual clock. The digests were computed by a real
 * redis-server 7.0.15 on the same datasets; SHA1 itself is checked against FIPS vectors.
 */
import { describe, expect, it } from 'vitest';
import { startServer, show } from '../../support/engine-harness.ts';
import { encodeCommand } from '../../../src/engine/resp/reply.ts';
import { sha1, toHex } from '../../../src/engine/util/sha1.ts';

const NOT_ALLOWED =
  '(error) ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.';

describe('DEBUG gate', () => {
  it('refuses every DEBUG subcommand by default, before authentication', () => {
    const s = startServer({ conf: 'requirepass pw\n' });
    const c = s.client();
    expect(show(c.call('DEBUG', 'SLEEP', '30'))).toBe(NOT_ALLOWED);
    c.call('AUTH', 'pw');
    expect(show(c.call('DEBUG', 'SLEEP', '0'))).toBe(NOT_ALLOWED);
    expect(show(c.call('DEBUG', 'HELP'))).toBe(NOT_ALLOWED);
  });

  it('"local" allows loopback clients only; "yes" allows everyone', () => {
    const s = startServer({ conf: 'enable-debug-command local\n' });
    expect(show(s.client().call('DEBUG', 'SLEEP', '0'))).toBe('OK');
    expect(show(s.client({ host: '10.0.0.7' }).call('DEBUG', 'SLEEP', '0'))).toBe(NOT_ALLOWED);
    const y = startServer({ conf: 'enable-debug-command yes\n' });
    expect(show(y.client({ host: '10.0.0.7' }).call('DEBUG', 'SLEEP', '0'))).toBe('OK');
  });
});

describe('DEBUG SLEEP', () => {
  it('replies OK only after the sleep, and freezes every other client meanwhile', () => {
    const s = startServer({ conf: 'enable-debug-command yes\n' });
    const sleeper = s.client();
    const other = s.client();
    expect(sleeper.sendRaw(encodeCommand(['DEBUG', 'SLEEP', '30']))).toEqual([]);
    s.advance(1000);
    expect(other.sendRaw(encodeCommand(['PING']))).toEqual([]);
    s.advance(28_999);
    expect(sleeper.take()).toEqual([]);
    expect(other.take()).toEqual([]);
    s.advance(1);
    expect(sleeper.take().map(show)).toEqual(['OK']);
    expect(other.take().map(show)).toEqual(['PONG']);
  });

  it('runs the sleeper’s pipelined commands after the sleep, in order', () => {
    const s = startServer({ conf: 'enable-debug-command yes\n' });
    const c = s.client();
    expect(c.sendRaw(encodeCommand(['DEBUG', 'SLEEP', '0.5']) + encodeCommand(['SET', 'k', 'v']) + encodeCommand(['GET', 'k']))).toEqual([]);
    s.advance(500);
    expect(c.take().map(show)).toEqual(['OK', 'OK', 'v']);
  });

  it('reads the duration like strtod: 0, garbage and negatives return at once', () => {
    const s = startServer({ conf: 'enable-debug-command yes\n' });
    const c = s.client();
    expect(show(c.call('DEBUG', 'SLEEP', '0'))).toBe('OK');
    expect(show(c.call('DEBUG', 'SLEEP', 'abc'))).toBe('OK');
    expect(show(c.call('DEBUG', 'SLEEP', '-5'))).toBe('OK');
    expect(c.sendRaw(encodeCommand(['DEBUG', 'SLEEP', '1.5s']))).toEqual([]);
    s.advance(1500);
    expect(c.take().map(show)).toEqual(['OK']);
  });

  it('inside MULTI the EXEC reply waits for the end of the sleep', () => {
    const s = startServer({ conf: 'enable-debug-command yes\n' });
    const c = s.client();
    c.call('MULTI');
    c.call('DEBUG', 'SLEEP', '2');
    c.call('SET', 'k', 'v');
    expect(c.sendRaw(encodeCommand(['EXEC']))).toEqual([]);
    s.advance(2000);
    expect(c.take().map(show)).toEqual([['OK', 'OK']]);
  });
});

describe('DEBUG POPULATE, DIGEST, DIGEST-VALUE', () => {
  it('computes the digests a real Redis 7.0.15 computes for the same dataset', () => {
    const s = startServer({ conf: 'enable-debug-command yes\n' });
    const c = s.client();
    expect(show(c.call('DEBUG', 'DIGEST'))).toBe('0000000000000000000000000000000000000000');
    c.call('SET', 'a', '1');
    expect(show(c.call('DEBUG', 'POPULATE', '3'))).toBe('OK');
    expect(show(c.call('DEBUG', 'POPULATE', '2', 'p', '3'))).toBe('OK');
    expect(show(c.call('GET', 'key:2'))).toBe('value:2');
    expect(show(c.call('GET', 'p:1'))).toBe('val');
    expect(show(c.call('DEBUG', 'DIGEST'))).toBe('f84d11dc4df8c38e9e2975cf8c86e5b165df2a37');
    c.call('RPUSH', 'l', 'x', 'y', 'z');
    c.call('HSET', 'h', 'f1', 'v1', 'f2', 'v2');
    c.call('SADD', 's', 'm1', 'm2', 'm3');
    c.call('SET', 'e', 'v', 'EX', '1000');
    c.call('SELECT', '3');
    c.call('SET', 'k3', 'bin\x01\xff');
    expect(show(c.call('DEBUG', 'DIGEST'))).toBe('f9018750b2183f71264ca0ea1930b3240de66ca0');
    c.call('SELECT', '0');
    expect(show(c.call('DEBUG', 'DIGEST-VALUE', 'l', 'h', 's', 'e', 'a', 'nosuch'))).toEqual([
      '048e07d5a045cd715a87e264ec663043b62ad0a8',
      '047cc60ea73a34cde6d08a2721a4a26d19ee6570',
      'a863139774679f290057bf10b2c4fca7c68ee7da',
      '311b17018163335616e089f6b951c82c477335ac',
      'b4fc66738120fba0b5aa500ab5c2bf89cea1c5da',
      '0000000000000000000000000000000000000000',
    ]);
  });

  it('equal datasets built in different orders have equal digests', () => {
    const one = startServer({ conf: 'enable-debug-command yes\n' }).client();
    const two = startServer({ conf: 'enable-debug-command yes\n' }).client();
    one.call('SADD', 's', 'a', 'b', 'c');
    one.call('HSET', 'h', 'x', '1', 'y', '2');
    one.call('SET', 'k', 'v');
    two.call('SET', 'k', 'v');
    two.call('HSET', 'h', 'y', '2', 'x', '1');
    two.call('SADD', 's', 'c', 'b', 'a');
    expect(show(one.call('DEBUG', 'DIGEST'))).toBe(show(two.call('DEBUG', 'DIGEST')));
    two.call('RPUSH', 'l', 'a', 'b');
    one.call('RPUSH', 'l', 'b', 'a');
    expect(show(one.call('DEBUG', 'DIGEST'))).not.toBe(show(two.call('DEBUG', 'DIGEST')));
  });

  it('POPULATE pads with zero bytes, skips existing keys, and checks its arguments', () => {
    const c = startServer({ conf: 'enable-debug-command yes\n' }).client();
    c.call('SET', 'key:0', 'mine');
    c.call('DEBUG', 'POPULATE', '2', 'key', '10');
    expect(show(c.call('GET', 'key:0'))).toBe('mine');
    expect(show(c.call('GET', 'key:1'))).toBe('value:1\0\0\0');
    expect(show(c.call('DEBUG', 'POPULATE', 'abc'))).toBe('(error) ERR value is out of range, must be positive');
    expect(show(c.call('DEBUG', 'POPULATE', '-1'))).toBe('(error) ERR value is out of range, must be positive');
    expect(show(c.call('DEBUG', 'POPULATE', '2', 'p', '-1'))).toBe('(error) ERR value is out of range, must be positive');
    expect(show(c.call('DEBUG', 'POPULATE'))).toBe("(error) ERR unknown subcommand or wrong number of arguments for 'POPULATE'. Try DEBUG HELP.");
  });

  it('SHA1 matches the FIPS 180 test vectors', () => {
    expect(toHex(sha1(''))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(toHex(sha1('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(toHex(sha1('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    expect(toHex(sha1('a'.repeat(1_000_000)))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
  });
});

describe('DEBUG: errors, HELP, CHANGE-REPL-ID, RELOAD', () => {
  it('answers Redis’s errors for unknown subcommands and wrong argument counts', () => {
    const c = startServer({ conf: 'enable-debug-command yes\n' }).client();
    expect(show(c.call('DEBUG'))).toBe("(error) ERR wrong number of arguments for 'debug' command");
    expect(show(c.call('DEBUG', 'foo'))).toBe("(error) ERR unknown subcommand or wrong number of arguments for 'foo'. Try DEBUG HELP.");
    expect(show(c.call('debug', 'sleep'))).toBe("(error) ERR unknown subcommand or wrong number of arguments for 'sleep'. Try DEBUG HELP.");
    expect(show(c.call('DEBUG', 'digest', 'x'))).toBe("(error) ERR unknown subcommand or wrong number of arguments for 'digest'. Try DEBUG HELP.");
    expect(show(c.call('DEBUG', 'reload', 'x'))).toBe('(error) ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.');
    const help = show(c.call('debug', 'help')) as string[];
    expect(help).toHaveLength(106);
    expect(help[0]).toBe('DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
  });

  it('CHANGE-REPL-ID gives a new replication id and clears the secondary one', () => {
    const s = startServer({ conf: 'enable-debug-command yes\nlogfile "redis.log"\n' });
    const c = s.client();
    const before = show(c.call('INFO', 'replication')) as string;
    expect(show(c.call('DEBUG', 'CHANGE-REPL-ID'))).toBe('OK');
    const after = show(c.call('INFO', 'replication')) as string;
    const id = (t: string) => /master_replid:([0-9a-f]{40})/.exec(t)?.[1];
    expect(id(after)).toBeDefined();
    expect(id(after)).not.toBe(id(before));
    expect(after).toContain('master_replid2:0000000000000000000000000000000000000000\r\n');
    expect(s.log()).toContain('# Changing replication IDs after receiving DEBUG change-repl-id');
  });

  it('RELOAD saves and loads the dataset back', () => {
    const s = startServer({ conf: 'enable-debug-command yes\nlogfile "redis.log"\n' });
    const c = s.client();
    c.call('SET', 'k', 'v');
    c.call('RPUSH', 'l', 'a', 'b');
    const digest = show(c.call('DEBUG', 'DIGEST'));
    expect(show(c.call('DEBUG', 'RELOAD'))).toBe('OK');
    expect(show(c.call('DEBUG', 'DIGEST'))).toBe(digest);
    expect(s.log()).toContain('# DB reloaded by DEBUG RELOAD');
  });
});

describe('DEBUG SEGFAULT', () => {
  it('writes Redis’s crash report to the log and exits with status 139', () => {
    const s = startServer({ conf: 'port 6379\nenable-debug-command yes\nlogfile "redis.log"\n' });
    const c = s.client();
    expect(c.sendRaw(encodeCommand(['DEBUG', 'SEGFAULT']))).toEqual([]);
    expect(c.closed).toBe(true);
    expect(s.exitCode).toBe(139);
    const log = s.log();
    expect(log).toContain('\n\n=== REDIS BUG REPORT START: Cut & paste starting from here ===\n');
    expect(log).toMatch(/\n4242:M \d\d \w{3} \d{4} [\d:.]+ # Redis 7\.0\.15 crashed by signal: 11, si_code: 2\n/);
    expect(log).toContain('\n------ INFO OUTPUT ------\n# Server\r\nredis_version:7.0.15\r\n');
    expect(log).toMatch(/\n------ CURRENT CLIENT INFO ------\nid=3 .* cmd=debug user=default redir=-1 resp=2\nargv\[0\]: '"DEBUG"'\nargv\[1\]: '"SEGFAULT"'\n/);
    expect(log.endsWith('  Some other issues could be detected by redis-server --check-system\n')).toBe(true);
    expect(log).not.toContain('bye bye');
  });
});

describe('DEBUG subcommands 7.0.15 does not have', () => {
  it('JMAP (added after 7.0) is an unknown subcommand; SET-DISABLE-DENY-SCRIPTS exists in 7.0 but is not modelled', () => {
    const c = startServer({ conf: 'enable-debug-command yes\n' }).client();
    expect(show(c.call('DEBUG', 'JMAP'))).toBe("(error) ERR unknown subcommand or wrong number of arguments for 'JMAP'. Try DEBUG HELP.");
    expect(show(c.call('DEBUG', 'SET-DISABLE-DENY-SCRIPTS', '1'))).toBe('(error) ERR DEBUG SET-DISABLE-DENY-SCRIPTS is not available in this lab');
  });
});
