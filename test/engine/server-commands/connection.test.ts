/**
 * Goal: the connection commands (AUTH, HELLO, ECHO, QUIT, RESET, SELECT, CLIENT …, ACL
 * WHOAMI) answer byte for byte what Redis 7.0.15 answers, errors included.
 * Method: start an engine node on the test harness, send the commands a learner or a client
 * library sends, and compare with replies recorded from a real redis-server 7.0.15
 * (fidelity transcripts 03-security/4-client-auth.txt, 04-errors, and a local recording).
 */
import { describe, expect, it } from 'vitest';
import { startServer, show } from '../../support/engine-harness.ts';
import { encodeCommand, encodeReply } from '../../../src/engine/resp/reply.ts';

const WRONGPASS = '(error) WRONGPASS invalid username-password pair or user is disabled.';

describe('AUTH', () => {
  it('replies as in the recorded transcript of a server with requirepass', () => {
    const s = startServer({ conf: 'requirepass a_strong_password\n' });
    const c = s.client();
    expect(show(c.call('PING'))).toBe('(error) NOAUTH Authentication required.');
    expect(show(c.call('AUTH', 'wrong_password'))).toBe(WRONGPASS);
    expect(show(c.call('PING'))).toBe('(error) NOAUTH Authentication required.');
    expect(show(c.call('AUTH', 'a_strong_password'))).toBe('OK');
    expect(show(c.call('PING'))).toBe('PONG');
    expect(show(c.call('AUTH', 'default', 'a_strong_password'))).toBe('OK');
    expect(show(c.call('AUTH', 'nosuchuser', 'a_strong_password'))).toBe(WRONGPASS);
    expect(show(c.call('AUTH'))).toBe("(error) ERR wrong number of arguments for 'auth' command");
    expect(show(c.call('AUTH', 'a', 'b', 'c'))).toBe('(error) ERR syntax error');
    expect(show(c.call('ACL', 'WHOAMI'))).toBe('default');
    expect(show(c.call('HELLO', '3', 'AUTH', 'default', 'wrong_password'))).toBe(WRONGPASS);
  });

  it('a failed AUTH keeps an authenticated connection authenticated', () => {
    const s = startServer({ conf: 'requirepass pw\n' });
    const c = s.client();
    c.call('AUTH', 'pw');
    expect(show(c.call('AUTH', 'nope'))).toBe(WRONGPASS);
    expect(show(c.call('PING'))).toBe('PONG');
  });

  it('without requirepass: the one-argument form is refused, the two-argument form accepted', () => {
    const s = startServer();
    const c = s.client();
    expect(show(c.call('AUTH', 'something'))).toBe(
      '(error) ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
    );
    expect(show(c.call('AUTH', 'default', 'anything'))).toBe('OK');
    expect(show(c.call('AUTH', 'a', 'b'))).toBe(WRONGPASS);
  });
});

describe('HELLO', () => {
  it('HELLO and HELLO 2 return the 7.0 map as a flat array, byte for byte', () => {
    const s = startServer();
    const c = s.client();
    const expected =
      '*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:2\r\n$2\r\nid\r\n:3\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n';
    expect(encodeReply(c.call('HELLO'))).toBe(expected);
    expect(encodeReply(c.call('HELLO', '2'))).toBe(expected);
  });

  it('checks the version, the options, and names the connection', () => {
    const s = startServer();
    const c = s.client();
    expect(show(c.call('HELLO', '4'))).toBe('(error) NOPROTO unsupported protocol version');
    expect(show(c.call('HELLO', 'abc'))).toBe('(error) ERR Protocol version is not an integer or out of range');
    expect(show(c.call('HELLO', '2', 'setname'))).toBe("(error) ERR Syntax error in HELLO option 'setname'");
    expect(show(c.call('HELLO', '2', 'setname', 'a', 'b'))).toBe("(error) ERR Syntax error in HELLO option 'b'");
    expect(show(c.call('HELLO', '2', 'foo'))).toBe("(error) ERR Syntax error in HELLO option 'foo'");
    expect(show(c.call('HELLO', '2', 'SETNAME', 'my conn'))).toBe('(error) ERR Client names cannot contain spaces, newlines or special characters.');
    expect(show(c.call('HELLO', '2', 'SETNAME', 'worker-1'))).toEqual(expect.arrayContaining(['proto', '(integer) 2']));
    expect(show(c.call('CLIENT', 'GETNAME'))).toBe('worker-1');
  });

  it('HELLO 3 is answered NOPROTO: the lab speaks RESP2 only (deliberate simplification)', () => {
    const s = startServer();
    const c = s.client();
    expect(show(c.call('HELLO', '3'))).toBe('(error) NOPROTO unsupported protocol version');
    expect(show(c.call('PING'))).toBe('PONG');
  });

  it('authenticates with AUTH and refuses an unauthenticated handshake', () => {
    const s = startServer({ conf: 'requirepass pw\n' });
    const c = s.client();
    expect(show(c.call('HELLO', '2'))).toBe(
      '(error) NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time',
    );
    expect(show(c.call('HELLO', '2', 'AUTH', 'default', 'pw'))).toEqual(expect.arrayContaining(['server', 'redis']));
    expect(show(c.call('GET', 'k'))).toBe('(nil)');
  });
});

describe('ECHO, QUIT, SELECT', () => {
  it('ECHO replies its argument and checks arity', () => {
    const c = startServer().client();
    expect(show(c.call('ECHO', 'hello world'))).toBe('hello world');
    expect(show(c.call('ECHO'))).toBe("(error) ERR wrong number of arguments for 'echo' command");
    expect(show(c.call('ECHO', 'a', 'b'))).toBe("(error) ERR wrong number of arguments for 'echo' command");
  });

  it('QUIT replies OK and the server closes the connection, even with extra arguments', () => {
    const s = startServer();
    const c = s.client();
    expect(show(c.call('QUIT', 'x'))).toBe('OK');
    expect(c.closed).toBe(true);
  });

  it('QUIT stops a pipeline: later commands are not run', () => {
    const s = startServer();
    const c = s.client();
    const replies = c.sendRaw(encodeCommand(['QUIT']) + encodeCommand(['SET', 'k', 'v']));
    expect(replies.map(show)).toEqual(['OK']);
    expect(show(s.client().call('EXISTS', 'k'))).toBe('(integer) 0');
  });

  it('SELECT checks the index like Redis', () => {
    const c = startServer().client();
    expect(show(c.call('SELECT', '16'))).toBe('(error) ERR DB index is out of range');
    expect(show(c.call('SELECT', '-1'))).toBe('(error) ERR DB index is out of range');
    expect(show(c.call('SELECT', 'abc'))).toBe('(error) ERR value is not an integer or out of range');
    expect(show(c.call('SELECT', '99999999999'))).toBe('(error) ERR value is not an integer or out of range');
    expect(show(c.call('SELECT', '1'))).toBe('OK');
    c.call('SET', 'k', 'in-db-1');
    c.call('SELECT', '0');
    expect(show(c.call('GET', 'k'))).toBe('(nil)');
  });
});

describe('RESET', () => {
  it('returns the connection to its initial state and re-applies default authentication', () => {
    const s = startServer({ conf: 'requirepass pw\n' });
    const c = s.client();
    c.call('AUTH', 'pw');
    c.call('CLIENT', 'SETNAME', 'xx');
    c.call('SELECT', '2');
    c.call('MULTI');
    expect(show(c.call('RESET'))).toBe('RESET');
    expect(show(c.call('PING'))).toBe('(error) NOAUTH Authentication required.');
    c.call('AUTH', 'pw');
    expect(show(c.call('CLIENT', 'GETNAME'))).toBe('(nil)');
    expect(show(c.call('EXEC'))).toBe('(error) ERR EXEC without MULTI');
    const line = show(c.call('CLIENT', 'INFO')) as string;
    expect(line).toContain(' db=0 ');
  });

  it('leaves subscriptions and MONITOR', () => {
    const s = startServer();
    const c = s.client();
    c.sendRaw(encodeCommand(['SUBSCRIBE', 'q']));
    expect(show(c.call('RESET'))).toBe('RESET');
    expect(show(c.call('PUBSUB', 'CHANNELS'))).toEqual([]);
    c.call('MONITOR');
    c.call('RESET');
    s.client().call('SET', 'a', '1');
    expect(c.take()).toEqual([]);
  });
});

describe('CLIENT', () => {
  it('ID, SETNAME, GETNAME and the name validation', () => {
    const s = startServer();
    s.client();
    const c = s.client();
    expect(show(c.call('CLIENT', 'ID'))).toBe('(integer) 4'); // ids start at 3, as in Redis 7.0
    expect(show(c.call('CLIENT', 'GETNAME'))).toBe('(nil)');
    expect(show(c.call('CLIENT', 'SETNAME', 'a b'))).toBe('(error) ERR Client names cannot contain spaces, newlines or special characters.');
    expect(show(c.call('CLIENT', 'SETNAME', 'n1'))).toBe('OK');
    expect(show(c.call('CLIENT', 'GETNAME'))).toBe('n1');
    expect(show(c.call('CLIENT', 'SETNAME', ''))).toBe('OK');
    expect(show(c.call('CLIENT', 'GETNAME'))).toBe('(nil)');
    expect(show(c.call('CLIENT', 'SETNAME'))).toBe("(error) ERR wrong number of arguments for 'client|setname' command");
    expect(show(c.call('CLIENT', 'ID', 'x'))).toBe("(error) ERR wrong number of arguments for 'client|id' command");
    expect(show(c.call('CLIENT', 'FOO'))).toBe("(error) ERR unknown subcommand 'FOO'. Try CLIENT HELP.");
  });

  it('LIST prints every 7.0 field in order, like the recorded line of a new redis-cli connection', () => {
    const s = startServer();
    const c = s.client();
    const line = show(c.call('CLIENT', 'LIST')) as string;
    // Recorded (05-sentinel): a one-shot redis-cli whose first command is CLIENT LIST.
    expect(line).toBe(
      'id=3 addr=127.0.0.1:40001 laddr=127.0.0.1:6379 fd=8 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=26 qbuf-free=20448 argv-mem=10 multi-mem=0 rbs=16384 rbp=16384 obl=0 oll=0 omem=0 tot-mem=37658 events=r cmd=client|list user=default redir=-1 resp=2\n',
    );
  });

  it('LIST shows other clients with their flags, name, db, subscriptions and MULTI state', () => {
    const s = startServer();
    const sub = s.client();
    sub.call('CLIENT', 'SETNAME', 'listener');
    sub.sendRaw(encodeCommand(['SUBSCRIBE', 'a', 'b']));
    const tx = s.client();
    tx.call('SELECT', '3');
    tx.call('MULTI');
    tx.call('SET', 'k', 'v');
    const me = s.client();
    s.advance(2000);
    const lines = (show(me.call('CLIENT', 'LIST')) as string).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^id=3 .* name=listener age=2 idle=2 flags=P db=0 sub=2 psub=0 ssub=0 multi=-1 .* cmd=subscribe user=default/);
    expect(lines[1]).toMatch(/^id=4 .* flags=x db=3 sub=0 psub=0 ssub=0 multi=1 qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=29 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=22349 events=r cmd=set /);
    expect(lines[2]).toMatch(/^id=5 .* cmd=client\|list /);
    const names = lines[2].split(' ').map((f) => f.split('=')[0]);
    expect(names).toEqual(['id', 'addr', 'laddr', 'fd', 'name', 'age', 'idle', 'flags', 'db', 'sub', 'psub', 'ssub', 'multi', 'qbuf', 'qbuf-free', 'argv-mem', 'multi-mem', 'rbs', 'rbp', 'obl', 'oll', 'omem', 'tot-mem', 'events', 'cmd', 'user', 'redir', 'resp']);
  });

  it('LIST filters by TYPE and ID, with Redis errors', () => {
    const s = startServer();
    const sub = s.client();
    sub.sendRaw(encodeCommand(['SUBSCRIBE', 'a']));
    const c = s.client();
    expect((show(c.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string).split('\n').filter(Boolean)).toHaveLength(1);
    expect((show(c.call('CLIENT', 'LIST', 'TYPE', 'normal')) as string)).toMatch(/^id=4 /);
    expect(show(c.call('CLIENT', 'LIST', 'TYPE', 'replica'))).toBe('');
    expect(show(c.call('CLIENT', 'LIST', 'TYPE', 'slave'))).toBe('');
    expect(show(c.call('CLIENT', 'LIST', 'TYPE', 'master'))).toBe('');
    expect(show(c.call('CLIENT', 'LIST', 'TYPE', 'foo'))).toBe("(error) ERR Unknown client type 'foo'");
    expect(show(c.call('CLIENT', 'LIST', 'ID', 'abc'))).toBe('(error) ERR Invalid client ID');
    expect(show(c.call('CLIENT', 'LIST', 'ID', '999'))).toBe('');
    expect((show(c.call('CLIENT', 'LIST', 'ID', '4', '3')) as string).split('\n').filter(Boolean).map((l) => l.split(' ')[0])).toEqual(['id=4', 'id=3']);
    expect(show(c.call('CLIENT', 'LIST', 'foo'))).toBe('(error) ERR syntax error');
  });

  it('INFO is the caller’s own line', () => {
    const s = startServer();
    const c = s.client();
    s.advance(1000);
    c.call('PING');
    expect(show(c.call('CLIENT', 'INFO'))).toMatch(/^id=3 addr=127\.0\.0\.1:40001 .* age=1 idle=0 flags=N .* qbuf=26 qbuf-free=20448 argv-mem=10 .* rbs=1024 rbp=7 .* cmd=client\|info user=default redir=-1 resp=2\n$/);
    expect(show(c.call('CLIENT', 'INFO', 'x'))).toBe("(error) ERR wrong number of arguments for 'client|info' command");
  });

  it('KILL, old form: OK or "No such client"; it may kill the caller after the reply', () => {
    const s = startServer();
    const victim = s.client();
    const c = s.client();
    expect(show(c.call('CLIENT', 'KILL', '1.2.3.4:5'))).toBe('(error) ERR No such client');
    expect(show(c.call('CLIENT', 'KILL', 'id'))).toBe('(error) ERR No such client');
    expect(show(c.call('CLIENT', 'KILL', '127.0.0.1:40001'))).toBe('OK');
    expect(victim.closed).toBe(true);
    expect(show(c.call('CLIENT', 'KILL', '127.0.0.1:40002'))).toBe('OK');
    expect(c.closed).toBe(true);
  });

  it('KILL, filter form: counts, skips the caller by default, and checks its options', () => {
    const s = startServer();
    const a = s.client();
    const b = s.client();
    b.sendRaw(encodeCommand(['SUBSCRIBE', 'ch']));
    const c = s.client();
    expect(show(c.call('CLIENT', 'KILL', 'ID', '999'))).toBe('(integer) 0');
    expect(show(c.call('CLIENT', 'KILL', 'ID', 'abc'))).toBe('(error) ERR client-id should be greater than 0');
    expect(show(c.call('CLIENT', 'KILL', 'ID', '0'))).toBe('(error) ERR client-id should be greater than 0');
    expect(show(c.call('CLIENT', 'KILL', 'TYPE', 'foo'))).toBe("(error) ERR Unknown client type 'foo'");
    expect(show(c.call('CLIENT', 'KILL', 'foo', 'bar'))).toBe('(error) ERR syntax error');
    expect(show(c.call('CLIENT', 'KILL', 'SKIPME', 'maybe'))).toBe('(error) ERR syntax error');
    expect(show(c.call('CLIENT', 'KILL', 'MAXAGE', '5'))).toBe('(error) ERR syntax error');
    expect(show(c.call('CLIENT', 'KILL', 'USER', 'nobody'))).toBe("(error) ERR No such user 'nobody'");
    expect(show(c.call('CLIENT', 'KILL', 'ADDR', '1.2.3.4:5'))).toBe('(integer) 0');
    expect(show(c.call('CLIENT', 'KILL', 'LADDR', 'x'))).toBe('(integer) 0');
    expect(show(c.call('CLIENT', 'KILL', 'TYPE', 'pubsub'))).toBe('(integer) 1');
    expect(b.closed).toBe(true);
    expect(show(c.call('CLIENT', 'KILL', 'TYPE', 'normal'))).toBe('(integer) 1');
    expect(a.closed).toBe(true);
    expect(c.closed).toBe(false);
    expect(show(c.call('CLIENT', 'KILL', 'USER', 'default', 'SKIPME', 'no'))).toBe('(integer) 1');
    expect(c.closed).toBe(true);
  });

  it('HELP lists the 7.0 subcommands', () => {
    const c = startServer().client();
    const help = show(c.call('client', 'help')) as string[];
    expect(help).toHaveLength(48);
    expect(help[0]).toBe('CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
    expect(help.slice(-2)).toEqual(['HELP', '    Prints this help.']);
  });

  it('NO-EVICT sets the e flag; REPLY OFF and SKIP silence replies', () => {
    const s = startServer();
    const c = s.client();
    expect(show(c.call('CLIENT', 'NO-EVICT', 'maybe'))).toBe('(error) ERR syntax error');
    expect(show(c.call('CLIENT', 'NO-EVICT'))).toBe("(error) ERR wrong number of arguments for 'client|no-evict' command");
    expect(show(c.call('CLIENT', 'NO-EVICT', 'on'))).toBe('OK');
    expect(show(c.call('CLIENT', 'INFO'))).toMatch(/ flags=e /);
    expect(show(c.call('CLIENT', 'REPLY', 'foo'))).toBe('(error) ERR syntax error');
    expect(c.sendRaw(encodeCommand(['CLIENT', 'REPLY', 'SKIP']) + encodeCommand(['SET', 'a', '1']) + encodeCommand(['GET', 'a'])).map(show)).toEqual(['1']);
    expect(c.sendRaw(encodeCommand(['CLIENT', 'REPLY', 'OFF']) + encodeCommand(['SET', 'a', '2']) + encodeCommand(['GET', 'a']))).toEqual([]);
    expect(show(c.call('CLIENT', 'REPLY', 'ON'))).toBe('OK');
    expect(show(c.call('GET', 'a'))).toBe('2');
  });
});
