/**
 * Goal: MULTI/EXEC/DISCARD/WATCH/UNWATCH behave as Redis 7.0.15's multi.c: queueing, the
 * errors and their exact texts, EXECABORT after a queueing error, the "because of" form when
 * EXEC itself is refused, and real optimistic locking (a WATCHed key changed by another
 * client, by expiry or by FLUSHALL makes EXEC reply a null array).
 * Method: drive two clients on the engine harness; expected replies were recorded from a real
 * redis-server 7.0.15 (04-errors transcripts and a local recording).
 */
import { describe, expect, it } from 'vitest';
import { startServer, show } from '../../support/engine-harness.ts';
import { encodeReply } from '../../../src/engine/resp/reply.ts';

describe('MULTI / EXEC / DISCARD', () => {
  it('queues commands and EXEC replies with all their replies', () => {
    const c = startServer().client();
    expect(show(c.call('MULTI'))).toBe('OK');
    expect(show(c.call('SET', 'a', '1'))).toBe('QUEUED');
    expect(show(c.call('INCR', 'a'))).toBe('QUEUED');
    expect(show(c.call('INCR', 'nosuch-not-a-number-yet'))).toBe('QUEUED');
    expect(encodeReply(c.call('EXEC'))).toBe('*3\r\n+OK\r\n:2\r\n:1\r\n');
    c.call('MULTI');
    expect(encodeReply(c.call('EXEC'))).toBe('*0\r\n');
  });

  it('a runtime error inside EXEC is one element of the array; the others still run', () => {
    const c = startServer().client();
    c.call('SET', 's', 'text');
    c.call('MULTI');
    c.call('INCR', 's');
    c.call('SET', 'b', '2');
    expect(show(c.call('EXEC'))).toEqual(['(error) ERR value is not an integer or out of range', 'OK']);
    expect(show(c.call('GET', 'b'))).toBe('2');
  });

  it('gives Redis’s errors for EXEC/DISCARD without MULTI, nesting and WATCH inside MULTI', () => {
    const c = startServer().client();
    expect(show(c.call('EXEC'))).toBe('(error) ERR EXEC without MULTI');
    expect(show(c.call('DISCARD'))).toBe('(error) ERR DISCARD without MULTI');
    expect(show(c.call('MULTI'))).toBe('OK');
    expect(show(c.call('MULTI'))).toBe('(error) ERR MULTI calls can not be nested');
    expect(show(c.call('WATCH', 'x'))).toBe('(error) ERR WATCH inside MULTI is not allowed');
    expect(show(c.call('SET', 'a', '1'))).toBe('QUEUED');
    // Neither error flags the transaction (recorded: EXEC then succeeds).
    expect(show(c.call('EXEC'))).toEqual(['OK']);
  });

  it('a queueing error makes EXEC answer EXECABORT and discards the transaction', () => {
    const c = startServer().client();
    c.call('MULTI');
    c.call('SET', 'a', '1');
    expect(show(c.call('GET', 'a', 'b'))).toBe("(error) ERR wrong number of arguments for 'get' command");
    expect(show(c.call('NOSUCHCMD'))).toBe("(error) ERR unknown command 'NOSUCHCMD', with args beginning with: ");
    expect(show(c.call('EXEC'))).toBe('(error) EXECABORT Transaction discarded because of previous errors.');
    expect(show(c.call('GET', 'a'))).toBe('(nil)');
    expect(show(c.call('EXEC'))).toBe('(error) ERR EXEC without MULTI');
  });

  it('EXEC refused by processCommand answers "because of" the error and ends MULTI', () => {
    const c = startServer().client();
    c.call('MULTI');
    expect(show(c.call('EXEC', 'x'))).toBe("(error) EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command");
    expect(show(c.call('MULTI', 'x'))).toBe("(error) ERR wrong number of arguments for 'multi' command");
    expect(show(c.call('DISCARD'))).toBe('(error) ERR DISCARD without MULTI');
  });

  it('DISCARD drops the queue; arity errors of DISCARD/WATCH/UNWATCH are Redis’s', () => {
    const c = startServer().client();
    c.call('MULTI');
    c.call('SET', 'a', '1');
    expect(show(c.call('DISCARD'))).toBe('OK');
    expect(show(c.call('GET', 'a'))).toBe('(nil)');
    expect(show(c.call('DISCARD', 'x'))).toBe("(error) ERR wrong number of arguments for 'discard' command");
    expect(show(c.call('WATCH'))).toBe("(error) ERR wrong number of arguments for 'watch' command");
    expect(show(c.call('UNWATCH', 'x'))).toBe("(error) ERR wrong number of arguments for 'unwatch' command");
    expect(show(c.call('UNWATCH'))).toBe('OK');
  });

  it('commands not allowed in a transaction are refused at queue time (SAVE is no-multi)', () => {
    const c = startServer().client();
    c.call('MULTI');
    expect(show(c.call('SAVE'))).toBe('(error) ERR Command not allowed inside a transaction');
    expect(show(c.call('EXEC'))).toBe('(error) EXECABORT Transaction discarded because of previous errors.');
  });

  it('while EXEC runs, CLIENT LIST shows the client in MULTI with cmd=exec', () => {
    const c = startServer().client();
    c.call('MULTI');
    c.call('SET', 'k', 'v');
    c.call('CLIENT', 'INFO');
    const [, info] = show(c.call('EXEC')) as string[];
    expect(info).toMatch(/ flags=x .* multi=2 .* cmd=exec /);
  });
});

describe('WATCH', () => {
  it('EXEC fails with a null array when another client changed a watched key', () => {
    const s = startServer();
    const a = s.client();
    const b = s.client();
    a.call('SET', 'balance', '10');
    expect(show(a.call('WATCH', 'balance'))).toBe('OK');
    b.call('INCRBY', 'balance', '5');
    a.call('MULTI');
    a.call('SET', 'balance', '0');
    expect(encodeReply(a.call('EXEC'))).toBe('*-1\r\n');
    expect(show(a.call('GET', 'balance'))).toBe('15');
  });

  it('EXEC succeeds when the watched key was not touched, or only read', () => {
    const s = startServer();
    const a = s.client();
    const b = s.client();
    a.call('SET', 'k', '1');
    a.call('WATCH', 'k', 'other');
    b.call('GET', 'k');
    b.call('SET', 'unrelated', 'x');
    a.call('MULTI');
    a.call('INCR', 'k');
    expect(show(a.call('EXEC'))).toEqual(['(integer) 2']);
  });

  it('a failed write does not touch the key; a write in another db does not either', () => {
    const s = startServer();
    const a = s.client();
    const b = s.client();
    a.call('SET', 'k', 'text');
    a.call('WATCH', 'k');
    expect(show(b.call('INCR', 'k'))).toBe('(error) ERR value is not an integer or out of range');
    b.call('SELECT', '1');
    b.call('SET', 'k', 'elsewhere');
    a.call('MULTI');
    a.call('GET', 'k');
    expect(show(a.call('EXEC'))).toEqual(['text']);
  });

  it('the watch ends with EXEC, DISCARD and UNWATCH', () => {
    const s = startServer();
    const a = s.client();
    const b = s.client();
    a.call('WATCH', 'k');
    a.call('UNWATCH');
    b.call('SET', 'k', '1');
    a.call('MULTI');
    expect(show(a.call('EXEC'))).toEqual([]);
    a.call('WATCH', 'k');
    a.call('MULTI');
    a.call('DISCARD');
    b.call('SET', 'k', '2');
    a.call('MULTI');
    expect(show(a.call('EXEC'))).toEqual([]);
  });

  it('a key deleted by FLUSHALL, or expiring, fails the EXEC; a key absent then does not', () => {
    const s = startServer();
    const a = s.client();
    const b = s.client();
    a.call('SET', 'k', 'v');
    a.call('WATCH', 'k', 'absent');
    b.call('FLUSHALL');
    a.call('MULTI');
    expect(show(a.call('EXEC'))).toBe('(nil array)');

    a.call('WATCH', 'absent');
    b.call('FLUSHALL');
    a.call('MULTI');
    expect(show(a.call('EXEC'))).toEqual([]);

    a.call('SET', 't', 'v', 'PX', '100');
    a.call('WATCH', 't');
    s.advance(200);
    a.call('MULTI');
    expect(show(a.call('EXEC'))).toBe('(nil array)');
  });

  it('a watched key touched by the client itself fails its own EXEC too, and CLIENT LIST shows flag d', () => {
    const s = startServer();
    const a = s.client();
    a.call('WATCH', 'k');
    a.call('SET', 'k', '1');
    expect(show(a.call('CLIENT', 'INFO'))).toMatch(/ flags=d /);
    a.call('MULTI');
    expect(show(a.call('EXEC'))).toBe('(nil array)');
  });

  it('keys named by multi-key writes are all touched (MSET, DEL)', () => {
    const s = startServer();
    const a = s.client();
    const b = s.client();
    a.call('WATCH', 'y');
    b.call('MSET', 'x', '1', 'y', '2');
    a.call('MULTI');
    expect(show(a.call('EXEC'))).toBe('(nil array)');
    a.call('WATCH', 'x');
    b.call('DEL', 'nosuch', 'x');
    a.call('MULTI');
    expect(show(a.call('EXEC'))).toBe('(nil array)');
  });
});
