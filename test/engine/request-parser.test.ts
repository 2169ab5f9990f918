/**
 * Goal: the request parser reads multibulk and inline requests, in pieces, and reports protocol
 * errors with Redis's text. Method: feed byte strings, compare the results.
 */
import { describe, expect, it } from 'vitest';
import { RequestParser } from '../../src/engine/resp/request-parser.ts';
import { splitArgs } from '../../src/engine/util/split-args.ts';

describe('RequestParser', () => {
  it('reads a multibulk request split across chunks', () => {
    const p = new RequestParser();
    p.push('*2\r\n$3\r\nGE');
    expect(p.next(true)).toBeNull();
    p.push('T\r\n$3\r\nfoo\r\n');
    expect(p.next(true)).toEqual({ kind: 'command', argv: ['GET', 'foo'], bytes: 22 });
  });

  it('reads inline requests with quotes and ignores empty lines', () => {
    const p = new RequestParser();
    p.push('\r\nSET k "a b"\n');
    expect(p.next(true)).toMatchObject({ kind: 'command', argv: ['SET', 'k', 'a b'] });
  });

  it('words protocol errors as Redis does', () => {
    const cases: [string, string][] = [
      ['*x\r\n', 'Protocol error: invalid multibulk length'],
      ['*1\r\n+x\r\n', "Protocol error: expected '$', got '+'"],
      ['*1\r\n$-3\r\n', 'Protocol error: invalid bulk length'],
      ['SET "a\r\n', 'Protocol error: unbalanced quotes in request'],
    ];
    for (const [input, message] of cases) {
      const p = new RequestParser();
      p.push(input);
      expect(p.next(true)).toEqual({ kind: 'error', message });
    }
    const p = new RequestParser();
    p.push('*11\r\n');
    expect(p.next(false)).toEqual({ kind: 'error', message: 'Protocol error: unauthenticated multibulk length' });
  });
});

describe('splitArgs (sdssplitargs)', () => {
  it('follows Redis quoting rules', () => {
    expect(splitArgs('set k "v\\x41\\n"')).toEqual(['set', 'k', 'vA\n']);
    expect(splitArgs("set k 'it\\'s'")).toEqual(['set', 'k', "it's"]);
    expect(splitArgs('SET k "v"x')).toBeNull();
    expect(splitArgs("SET quoted 'it''s'")).toBeNull();
    expect(splitArgs('SET "foo bar')).toBeNull();
    expect(splitArgs('   ')).toEqual([]);
  });
});
