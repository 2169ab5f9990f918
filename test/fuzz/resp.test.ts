/**
 * Goal: no byte stream a client sends can crash a node or confuse it. The request parser reads
 * the same requests whatever the chunking; a protocol error gets Redis's text (networking.c)
 * and the connection closes after it; other clients and the data they stored are unaffected.
 * Method: fast-check builds streams of valid multibulk and inline requests, random bytes and
 * mutated requests (bytes flipped, cut, inserted), splits them at random points and feeds them
 * to the RequestParser and to whole nodes (test/support/engine-harness.ts); results of the
 * chunked feed are compared with those of a single push, and every reply is checked.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RequestParser, type ParseResult } from '../../src/engine/resp/request-parser.ts';
import { encodeCommand, type Reply } from '../../src/engine/resp/reply.ts';
import { show, startServer } from '../support/engine-harness.ts';
import { bump, expectRedisErrors, fuzz, showArgv, type Tally } from './support.ts';

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const bytesOf = (a: Uint8Array) => String.fromCharCode(...a);
/** One argument: a plain word, or any bytes (CR, LF, NUL, high bytes included). */
const arg = fc.oneof(
  fc.stringMatching(/^[a-z0-9:_-]{0,8}$/),
  fc.uint8Array({ maxLength: 12 }).map(bytesOf),
  fc.constantFrom('', '\r\n', '\n', '*', '$', '*1\r\n$3\r\nGET', '"', "'"),
);
const argv = fc.array(arg, { minLength: 1, maxLength: 6 });
/** An inline request with words the tokenizer keeps as they are. */
const inlineWords = fc.array(fc.stringMatching(/^[A-Za-z0-9:_.-]{1,8}$/), { minLength: 1, maxLength: 5 });

/** A request and what it parses to (null for no-ops: `*0`, `*-1`, blank inline lines). */
type Frame = { bytes: string; argv: string[] | null };
const validFrame: fc.Arbitrary<Frame> = fc.oneof(
  { weight: 4, arbitrary: argv.map((a) => ({ bytes: encodeCommand(a), argv: a })) },
  { weight: 2, arbitrary: fc.tuple(inlineWords, fc.constantFrom('\r\n', '\n'), fc.constantFrom(' ', '  ', '\t')).map(([w, eol, sep]) => ({ bytes: w.join(sep) + eol, argv: w })) },
  { weight: 1, arbitrary: fc.constantFrom<Frame>({ bytes: '*0\r\n', argv: null }, { bytes: '*-1\r\n', argv: null }, { bytes: '\r\n', argv: null }, { bytes: '   \n', argv: null }) },
);

/** A mutation of `base`: flip a byte, cut the tail, insert bytes, or delete a byte. */
function mutate(base: string): fc.Arbitrary<string> {
  const n = Math.max(1, base.length);
  return fc.oneof(
    fc.tuple(fc.nat(n - 1), fc.integer({ min: 1, max: 255 })).map(([i, x]) => base.slice(0, i) + String.fromCharCode((base.charCodeAt(i) || 0) ^ x) + base.slice(i + 1)),
    fc.nat(n - 1).map((i) => base.slice(0, i)),
    fc.tuple(fc.nat(n), fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 4 }).map(bytesOf), fc.constantFrom('\r', '\n', '\r\n', '*', '$', '-', '0', '9', '"', '\0'))).map(([i, s]) => base.slice(0, i) + s + base.slice(i)),
    fc.nat(n - 1).map((i) => base.slice(0, i) + base.slice(i + 1)),
  );
}

/** A segment of a hostile stream: a valid request, a mutated one, or random bytes. */
const segment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: validFrame.map((f) => f.bytes) },
  { weight: 3, arbitrary: validFrame.chain((f) => mutate(f.bytes)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 24 }).map(bytesOf) },
  { weight: 1, arbitrary: fc.constantFrom('*3\r\n$3\r\nSET\r\n', '*2\r\n:1\r\n', '*a\r\n', '$5\r\nhello\r\n', '*1\r\n$-5\r\n', '*99999999999\r\n', '*1\r\n$99999999999\r\n', '"unbalanced\r\n', "'x\r\n", '*2\r\n$1\r\n', '*1\r\n$1\r\nab\r\n') },
);
const stream = fc.array(segment, { maxLength: 10 }).map((s) => s.join(''));
/** Chunk sizes for splitting a stream (cycled), 1 byte up to whole pieces. */
const chunking = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 });

function chunks(bytes: string, sizes: number[]): string[] {
  const out: string[] = [];
  for (let i = 0, k = 0; i < bytes.length; k++) {
    const n = sizes[k % sizes.length];
    out.push(bytes.slice(i, i + n));
    i += n;
  }
  return out;
}

/** What a parser yields for `pieces` pushed one by one: requests until the first error (included). */
function parseAll(pieces: string[], authenticated: boolean): ParseResult[] {
  const p = new RequestParser();
  const out: ParseResult[] = [];
  for (const piece of pieces) {
    p.push(piece);
    for (let r = p.next(authenticated); r; r = p.next(authenticated)) {
      out.push(r.kind === 'command' ? { kind: 'command', argv: r.argv, bytes: 0 } : r);
      if (r.kind === 'error') return out;
    }
  }
  return out;
}

/** Protocol errors networking.c sends (always followed by closing the connection). */
const PROTOCOL_ERRORS = [
  /^ERR Protocol error: too big inline request$/,
  /^ERR Protocol error: unbalanced quotes in request$/,
  /^ERR Protocol error: too big mbulk count string$/,
  /^ERR Protocol error: invalid multibulk length$/,
  /^ERR Protocol error: unauthenticated multibulk length$/,
  /^ERR Protocol error: too big bulk count string$/,
  /^ERR Protocol error: expected '\$', got '[^]'$/,
  /^ERR Protocol error: invalid bulk length$/,
  /^ERR Protocol error: unauthenticated bulk length$/,
];

// ---------------------------------------------------------------------------------------------
// The parser alone
// ---------------------------------------------------------------------------------------------

describe('RESP request parser', () => {
  it('reads valid multibulk and inline requests the same way whatever the chunking', () => {
    fuzz(
      fc.property(fc.array(validFrame, { maxLength: 12 }), chunking, (frames, sizes) => {
        const bytes = frames.map((f) => f.bytes).join('');
        const expected = frames.filter((f) => f.argv !== null).map((f) => f.argv);
        const got = parseAll(chunks(bytes, sizes), true);
        expect(got.map((r) => (r.kind === 'command' ? r.argv : r.message))).toEqual(expected);
      }),
      { seed: 101, runs: 400 },
    );
  });

  it('yields the same requests and the same protocol error for any bytes, split anywhere', () => {
    const tally: Tally = {};
    fuzz(
      fc.property(stream, chunking, fc.boolean(), (bytes, sizes, authenticated) => {
        const whole = parseAll([bytes], authenticated);
        const split = parseAll(chunks(bytes, sizes), authenticated);
        expect(split).toEqual(whole);
        for (const r of whole) {
          if (r.kind === 'error') {
            bump(tally, r.message.replace(/got '.*'/s, "got '?'"));
            expect(PROTOCOL_ERRORS.some((re) => re.test('ERR ' + r.message)), `unexpected protocol error text ${JSON.stringify(r.message)}`).toBe(true);
          } else bump(tally, 'request');
        }
      }),
      { seed: 102, runs: 600 },
    );
    // The generators reach the error paths, not only the happy one.
    expect(Object.keys(tally).length).toBeGreaterThan(4);
  });
});

// ---------------------------------------------------------------------------------------------
// Whole nodes
// ---------------------------------------------------------------------------------------------

/** Commands a hostile stream may carry without ending the process or wiping the keeper's key. */
const SAFE = ['PING', 'ECHO', 'SET', 'GET', 'INCR', 'APPEND', 'LPUSH', 'LRANGE', 'HSET', 'SADD', 'EXISTS', 'TYPE', 'MULTI', 'EXEC', 'DISCARD', 'SELECT', 'CLIENT', 'AUTH', 'HELLO', 'QUIT', 'KEYS', 'DBSIZE', 'STRLEN', 'TTL', 'EXPIRE'];
const safeArgv = fc.tuple(fc.constantFrom(...SAFE, 'nosuchcmd', 'get'), fc.array(arg, { maxLength: 4 })).map(([name, rest]) => [name, ...rest.map((a) => (a.startsWith('keep') ? 'x' + a : a))]);
const safeFrame = fc.oneof(
  safeArgv.map((a) => encodeCommand(a)),
  fc.tuple(fc.constantFrom(...SAFE), inlineWords).map(([n, w]) => `${n} ${w.filter((x) => !x.startsWith('keep')).join(' ')}\r\n`),
);
const hostile = fc.array(
  fc.oneof({ weight: 3, arbitrary: safeFrame }, { weight: 2, arbitrary: safeFrame.chain(mutate) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 24 }).map(bytesOf) }),
  { maxLength: 8 },
).map((s) => s.join(''));

interface Feed {
  replies: Reply[];
  closed: boolean;
}

/** Feeds `pieces` to a fresh node on one connection while a second client keeps a key. */
function feedNode(pieces: string[], conf: string): Feed & { keeperSees: unknown[] } {
  const srv = startServer({ conf });
  const keeper = srv.client();
  if (conf.includes('requirepass')) expect(show(keeper.call('AUTH', 's3cret'))).toBe('OK');
  expect(show(keeper.call('SET', 'keep', 'stored before'))).toBe('OK');
  const c = srv.client();
  const replies: Reply[] = [];
  for (const piece of pieces) {
    if (c.closed) break;
    replies.push(...c.sendRaw(piece));
  }
  replies.push(...c.take());
  const keeperSees = [show(keeper.call('GET', 'keep')), show(keeper.call('PING'))];
  expect(srv.exitCode).toBeNull();
  return { replies, closed: c.closed, keeperSees };
}

describe('a node fed hostile bytes', () => {
  for (const [label, conf, seed] of [
    ['default config', '', 201],
    ['with requirepass (unauthenticated limits)', 'requirepass s3cret\n', 202],
  ] as const) {
    it(`answers the same whatever the chunking, closes after a protocol error, keeps other clients' data (${label})`, () => {
      const tally: Tally = {};
      fuzz(
        fc.property(hostile, chunking, (bytes, sizes) => {
          const whole = feedNode([bytes], conf);
          const split = feedNode(chunks(bytes, sizes), conf);
          const context = `stream ${showArgv([bytes])}`;
          expect(split.replies.map(show), context).toEqual(whole.replies.map(show));
          expect(split.closed, context).toBe(whole.closed);
          for (const feed of [whole, split]) {
            expect(feed.keeperSees, context).toEqual(['stored before', 'PONG']);
            feed.replies.forEach((r, i) => {
              expectRedisErrors(r, context);
              if (r.type === 'error' && r.value.startsWith('ERR Protocol error')) {
                expect(PROTOCOL_ERRORS.some((re) => re.test(r.value)), r.value).toBe(true);
                // Nothing is answered after a protocol error, and the connection is closed.
                expect(i, context).toBe(feed.replies.length - 1);
                expect(feed.closed, context).toBe(true);
              }
            });
          }
          const last = whole.replies.at(-1);
          bump(tally, last?.type === 'error' && last.value.startsWith('ERR Protocol') ? 'protocol error' : whole.closed ? 'closed (QUIT)' : 'open');
          bump(tally, 'replies', whole.replies.length);
        }),
        { seed, runs: 200 },
      );
      expect(tally['protocol error'] ?? 0).toBeGreaterThan(0);
      expect(tally.open ?? 0).toBeGreaterThan(0);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Cases the fuzzing found, with what real redis-server 7.0.15 sent back (recorded over loopback)
// ---------------------------------------------------------------------------------------------

describe('edge cases checked against real Redis 7.0.15', () => {
  const CASES: [input: string, reply: string, closed: boolean][] = [
    // An empty line where a `$` header belongs: Redis names the `\r`, turned into a space.
    ['*3\r\n$2\r\n\r\n\r\n$2\r\n__*3\r\n$3\r\nSET\r\n', "-ERR Protocol error: expected '$', got ' '\r\n", true],
    ['*2\r\n$5\r\n*1\r\n$4\r\nPING\r\n', "-ERR Protocol error: expected '$', got ' '\r\n", true],
    // CR inside a command name is sent back as a space.
    ['*1\r\n$5\r\nULTI\r\n\u0000', "-ERR unknown command 'ULTI ', with args beginning with: \r\n", false],
    ['*2\r\n$3\r\nfoo\r\n$3\r\na\nb\r\n', "-ERR unknown command 'foo', with args beginning with: 'a b' \r\n", false],
    // A header line ends at its `\r`; the byte after it is skipped unread.
    ['*1\rX$4\r\nPING\r\n', '+PONG\r\n', false],
    ['*1\r\n$4\rXPING\r\n', '+PONG\r\n', false],
    // A NUL byte before the end of a header or inline line: Redis waits for more.
    ['*1\r\n\u0000$4\r\nPING\r\n', '', false],
    ['PI\u0000NG\r\n', '', false],
  ];
  for (const [input, reply, closed] of CASES) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(reply)}${closed ? ', closed' : ''}`, () => {
      const srv = startServer();
      const raw: string[] = [];
      let isClosed = false;
      const out = srv.node.handle({ kind: 'accept', conn: 99, peer: { host: '127.0.0.1', port: 50000 }, local: { host: '127.0.0.1', port: 6379 } }, srv.now());
      out.push(...srv.node.handle({ kind: 'data', conn: 99, bytes: input }, srv.now()));
      for (const o of out) {
        if (o.kind === 'send' && o.conn === 99) raw.push(o.bytes);
        if (o.kind === 'close' && o.conn === 99) isClosed = true;
      }
      expect(raw.join('')).toBe(reply);
      expect(isClosed).toBe(closed);
    });
  }

  it('the limits for unauthenticated clients still apply after an empty inline line', () => {
    const srv = startServer({ conf: 'requirepass s3cret\n' });
    const c = srv.client();
    const replies = c.sendRaw('\r\n*11\r\n');
    expect(replies.map(show)).toEqual(['(error) ERR Protocol error: unauthenticated multibulk length']);
    expect(c.closed).toBe(true);
  });

  it('a flood of empty lines is skipped without deep recursion', () => {
    const srv = startServer();
    const c = srv.client();
    expect(c.sendRaw('\n'.repeat(200_000) + 'PING\r\n').map(show)).toEqual(['PONG']);
  });
});
