/**
 * Goal: the server's command path checks what Redis checks, in Redis's order (existence,
 * arity, auth), and logs its startup like Redis 7.0 with a logfile.
 * Method: start a node on the test harness, send commands, compare replies and the log file.
 */
import { describe, expect, it } from 'vitest';
import { startServer, show } from '../support/engine-harness.ts';

describe('server basics', () => {
  it('logs the startup sequence to the logfile', () => {
    const s = startServer({ conf: 'port 6379\nlogfile "redis.log"\n' });
    const lines = s.log().trimEnd().split('\n').map((l) => l.replace(/^\d+:(\w) [^*#]+ ([*#]) /, '$1 $2 '));
    expect(lines).toEqual([
      'C # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
      'C # Redis version=7.0.15, bits=64, commit=00000000, modified=0, pid=4242, just started',
      'C # Configuration loaded',
      'M * monotonic clock: POSIX clock_gettime',
      'M * Running mode=standalone, port=6379.',
      'M # Server initialized',
      'M * Ready to accept connections',
    ]);
  });

  it('checks existence and arity before authentication', () => {
    const s = startServer({ conf: 'requirepass s3cret\n' });
    const c = s.client();
    expect(show(c.call('FOO', 'bar', 'baz'))).toBe("(error) ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' ");
    expect(show(c.call('GET'))).toBe("(error) ERR wrong number of arguments for 'get' command");
    expect(show(c.call('GET', 'k'))).toBe('(error) NOAUTH Authentication required.');
  });

  it('reports a bad config file the way Redis does and exits 1', () => {
    const s = startServer({ conf: 'port 6390\nfoo bar\n' });
    expect(s.exitCode).toBe(1);
    expect(s.stderr.join('')).toBe("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 2\n>>> 'foo bar'\nBad directive or wrong number of arguments\n");
  });

  it('SET with EX expires on the virtual clock', () => {
    const s = startServer();
    const c = s.client();
    expect(show(c.call('SET', 'k', 'v', 'EX', '10'))).toBe('OK');
    s.advance(9_999);
    expect(show(c.call('GET', 'k'))).toBe('v');
    s.advance(1);
    expect(show(c.call('GET', 'k'))).toBe('(nil)');
  });
});
