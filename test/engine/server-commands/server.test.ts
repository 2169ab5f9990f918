/**
 * Goal: the server commands ROLE, TIME, LASTSAVE, SAVE, BGSAVE, BGREWRITEAOF, SHUTDOWN,
 * MONITOR and the COMMAND family answer as Redis 7.0.15, errors included.
 * Method: engine harness on the virtual clock; expected texts recorded from a real
 * redis-server 7.0.15 (COMMAND replies come from the recorded command table).
 */
import { describe, expect, it } from 'vitest';
import { startServer, show, START_MS } from '../../support/engine-harness.ts';
import { encodeReply } from '../../../src/engine/resp/reply.ts';

describe('ROLE, TIME, LASTSAVE', () => {
  it('ROLE of a primary without replicas', () => {
    const c = startServer().client();
    expect(encodeReply(c.call('ROLE'))).toBe('*3\r\n$6\r\nmaster\r\n:0\r\n*0\r\n');
    expect(show(c.call('ROLE', 'x'))).toBe("(error) ERR wrong number of arguments for 'role' command");
  });

  it('TIME reads the virtual clock', () => {
    const s = startServer();
    const c = s.client();
    s.advance(1234);
    const t = START_MS + 1234;
    expect(show(c.call('TIME'))).toEqual([String(Math.floor(t / 1000)), String((t % 1000) * 1000)]);
    expect(show(c.call('TIME', 'x'))).toBe("(error) ERR wrong number of arguments for 'time' command");
  });

  it('LASTSAVE is the start time, then the time of the last SAVE', () => {
    const s = startServer();
    const c = s.client();
    expect(show(c.call('LASTSAVE'))).toBe(`(integer) ${Math.floor(START_MS / 1000)}`);
    s.advance(5000);
    expect(show(c.call('SAVE'))).toBe('OK');
    expect(show(c.call('LASTSAVE'))).toBe(`(integer) ${Math.floor((START_MS + 5000) / 1000)}`);
    expect(show(c.call('LASTSAVE', 'x'))).toBe("(error) ERR wrong number of arguments for 'lastsave' command");
  });
});

describe('SAVE, BGSAVE, BGREWRITEAOF', () => {
  it('reply as Redis and check their arguments', () => {
    const s = startServer();
    const c = s.client();
    expect(show(c.call('SAVE', 'x'))).toBe("(error) ERR wrong number of arguments for 'save' command");
    expect(show(c.call('BGSAVE', 'x'))).toBe('(error) ERR syntax error');
    expect(show(c.call('BGSAVE'))).toBe('Background saving started');
    expect(show(c.call('BGREWRITEAOF', 'x'))).toBe("(error) ERR wrong number of arguments for 'bgrewriteaof' command");
    s.advance(2000);
    expect(show(c.call('BGREWRITEAOF'))).toBe('Background append only file rewriting started');
  });

  it('BGSAVE inside MULTI is scheduled', () => {
    const c = startServer().client();
    c.call('MULTI');
    c.call('BGSAVE');
    expect(show(c.call('EXEC'))).toEqual(['Background saving scheduled']);
  });
});

describe('SHUTDOWN', () => {
  it('refuses bad flag combinations and ABORT without a shutdown in progress', () => {
    const c = startServer().client();
    expect(show(c.call('SHUTDOWN', 'foo'))).toBe('(error) ERR syntax error');
    expect(show(c.call('SHUTDOWN', 'save', 'nosave'))).toBe('(error) ERR syntax error');
    expect(show(c.call('SHUTDOWN', 'abort', 'now'))).toBe('(error) ERR syntax error');
    expect(show(c.call('SHUTDOWN', 'abort'))).toBe('(error) ERR No shutdown in progress.');
  });

  it('closes the connection instead of replying, logs like Redis and exits 0', () => {
    const s = startServer({ conf: 'logfile "redis.log"\n' });
    const c = s.client();
    c.call('SET', 'k', 'v');
    expect(c.sendRaw('*1\r\n$8\r\nSHUTDOWN\r\n')).toEqual([]);
    expect(c.closed).toBe(true);
    expect(s.exitCode).toBe(0);
    const lines = s.log().trimEnd().split('\n').map((l) => l.replace(/^\d+:M [^#*]+ /, ''));
    expect(lines.slice(-4)).toEqual(['# User requested shutdown...', '* Saving the final RDB snapshot before exiting.', '* DB saved on disk', '# Redis is now ready to exit, bye bye...']);
  });

  it('is not allowed inside MULTI', () => {
    const c = startServer().client();
    c.call('MULTI');
    expect(show(c.call('SHUTDOWN'))).toBe('(error) ERR Command not allowed inside a transaction');
  });
});

describe('MONITOR', () => {
  it('streams the commands of other clients', () => {
    const s = startServer();
    const m = s.client();
    expect(show(m.call('MONITOR'))).toBe('OK');
    expect(show(m.call('CLIENT', 'INFO'))).toMatch(/ flags=O /);
    const c = s.client();
    c.call('SET', 'greeting', 'hello world');
    const lines = m.take().map(show) as string[];
    // The monitor sees its own commands too, after their reply (Redis 7.0.15 does the same).
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] "CLIENT" "INFO"$/);
    expect(lines[1]).toMatch(/^\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] "SET" "greeting" "hello world"$/);
    expect(show(m.call('MONITOR', 'x'))).toBe("(error) ERR wrong number of arguments for 'monitor' command");
  });
});

describe('COMMAND', () => {
  it('COUNT, INFO, DOCS come from the recorded 7.0.15 table', () => {
    const c = startServer().client();
    expect(show(c.call('COMMAND', 'COUNT'))).toBe('(integer) 240');
    expect(show(c.call('COMMAND', 'COUNT', 'x'))).toBe("(error) ERR wrong number of arguments for 'command|count' command");
    expect(encodeReply(c.call('COMMAND', 'INFO', 'get', 'nosuch'))).toBe(
      '*2\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n*1\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n$-1\r\n',
    );
    expect(encodeReply(c.call('COMMAND', 'INFO', 'config|get'))).toBe(
      '*1\r\n*10\r\n$10\r\nconfig|get\r\n:-3\r\n*4\r\n+admin\r\n+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n*3\r\n+@admin\r\n+@slow\r\n+@dangerous\r\n*0\r\n*0\r\n*0\r\n',
    );
    expect(encodeReply(c.call('COMMAND', 'DOCS', 'get'))).toBe(
      '*2\r\n$3\r\nget\r\n*10\r\n$7\r\nsummary\r\n$22\r\nGet the value of a key\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$6\r\nstring\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n$9\r\narguments\r\n*1\r\n*6\r\n$4\r\nname\r\n$3\r\nkey\r\n$4\r\ntype\r\n$3\r\nkey\r\n$14\r\nkey_spec_index\r\n:0\r\n',
    );
    expect(encodeReply(c.call('COMMAND', 'DOCS', 'config|get')).startsWith('*2\r\n$10\r\nconfig|get\r\n*12\r\n$7\r\nsummary\r\n$42\r\nGet the values of configuration parameters\r\n')).toBe(true);
    expect(show(c.call('COMMAND', 'DOCS', 'nosuch'))).toEqual([]);
    expect((show(c.call('COMMAND')) as unknown[]).length).toBe(240);
    expect((show(c.call('COMMAND', 'INFO')) as unknown[]).length).toBe(240);
    expect((show(c.call('COMMAND', 'DOCS')) as unknown[]).length).toBe(480);
  });

  it('LIST with and without filters', () => {
    const c = startServer().client();
    const all = show(c.call('COMMAND', 'LIST')) as string[];
    expect(all).toContain('client|list');
    expect(all.indexOf('client')).toBeLessThan(all.indexOf('client|list'));
    expect((show(c.call('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'cl*')) as string[]).length).toBe(45);
    expect((show(c.call('COMMAND', 'LIST', 'FILTERBY', 'aclcat', 'connection')) as string[]).length).toBe(35);
    expect(show(c.call('COMMAND', 'LIST', 'FILTERBY', 'module', 'x'))).toEqual([]);
    expect(show(c.call('COMMAND', 'LIST', 'FILTERBY'))).toBe('(error) ERR syntax error');
    expect(show(c.call('COMMAND', 'LIST', 'FILTERBY', 'foo', 'bar'))).toBe('(error) ERR syntax error');
  });

  it('GETKEYS and GETKEYSANDFLAGS read the key specs', () => {
    const c = startServer().client();
    expect(show(c.call('COMMAND', 'GETKEYS', 'set', 'a', 'b'))).toEqual(['a']);
    expect(show(c.call('COMMAND', 'GETKEYS', 'mset', 'a', '1', 'b', '2'))).toEqual(['a', 'b']);
    expect(show(c.call('COMMAND', 'GETKEYS', 'eval', 'x', '0'))).toEqual([]);
    expect(show(c.call('COMMAND', 'GETKEYS', 'nosuch', 'a'))).toBe('(error) ERR Invalid command specified');
    expect(show(c.call('COMMAND', 'GETKEYS', 'get', 'a', 'b'))).toBe('(error) ERR Invalid number of arguments specified for command');
    expect(show(c.call('COMMAND', 'GETKEYS', 'ping'))).toBe("(error) ERR wrong number of arguments for 'command|getkeys' command");
    expect(show(c.call('COMMAND', 'GETKEYS', 'ping', 'x'))).toBe('(error) ERR The command has no key arguments');
    expect(encodeReply(c.call('COMMAND', 'GETKEYSANDFLAGS', 'set', 'a', 'b'))).toBe('*1\r\n*2\r\n$1\r\na\r\n*2\r\n+OW\r\n+update\r\n');
  });

  it('HELP', () => {
    const c = startServer().client();
    const help = show(c.call('COMMAND', 'HELP')) as string[];
    expect(help).toHaveLength(21);
    expect(help[1]).toBe('(no subcommand)');
  });
});
