/**
 * Goal: no redis.conf and no command line crashes redis-server's startup: it either starts (and
 * answers PING) or prints exactly one `*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***` block on
 * stderr and exits with status 1 (or, for the failures Redis logs instead, logs one `#` line and
 * exits 1) — never an exception out of the engine.
 * Method: fast-check mutates a tutorial config (lines dropped, duplicated, swapped, replaced by
 * random directives; bytes flipped; quotes and backslashes inserted), adds random `--name value`
 * options, and starts a node on each (test/support/engine-harness.ts). The sample of outcomes is
 * counted so a report can say how many started and how many failed, and why.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { show, startServer } from '../support/engine-harness.ts';
import { ServerConfig } from '../../src/engine/config/server-config.ts';
import { bump, fuzz, type Tally } from './support.ts';

const BASE = [
  '# Primary (tutorial layout)',
  'bind 127.0.0.1',
  'port 6379',
  'daemonize no',
  'logfile "redis.log"',
  'appendonly yes',
  'appendfilename "appendonly-6379.aof"',
  'dbfilename "dump-6379.rdb"',
  'requirepass a_strong_password',
  'masterauth a_strong_password',
  'save 3600 1 300 100',
  'replica-read-only yes',
  'min-replicas-to-write 0',
  'repl-backlog-size 1mb',
  'enable-debug-command local',
];

const directive = fc.constantFrom(...ServerConfig.names(), 'include', 'rename-command', 'user', 'sentinel', 'replicaof', 'slaveof', 'foo', 'save', 'bind', 'client-output-buffer-limit');
const value = fc.oneof(
  fc.constantFrom('yes', 'no', '0', '1', '-1', '65536', '6380', '1mb', '1gb', '10%', 'abc', '""', "''", '"a b"', '"\\x41"', '"unterminated', "'x", 'local', '127.0.0.1', '127.0.0.1 6379', '3600 1', '*', 'notice', 'everysec', '/nonexistent', '../x', 'a\\', '9999999999999999999999'),
  fc.string({ maxLength: 6 }),
);
const randomLine = fc.tuple(directive, fc.array(value, { maxLength: 3 })).map(([d, vs]) => [d, ...vs].join(' '));

/** A mutation of the tutorial config, line by line and byte by byte. */
const confText = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
        fc.record({ op: fc.constant('dup' as const), at: fc.nat() }),
        fc.record({ op: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
        fc.record({ op: fc.constant('replace' as const), at: fc.nat(), line: randomLine }),
        fc.record({ op: fc.constant('insert' as const), at: fc.nat(), line: randomLine }),
      ),
      { maxLength: 4 },
    ),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('"', "'", '\\', ' ', '\t', '\r', '\n', '\0', '#', 'x', '\xff')), { maxLength: 2 }),
  )
  .map(([lineOps, byteOps]) => {
    const lines = [...BASE];
    for (const o of lineOps) {
      const i = o.at % Math.max(1, lines.length);
      if (o.op === 'drop') lines.splice(i, 1);
      else if (o.op === 'dup') lines.splice(i, 0, lines[i] ?? '');
      else if (o.op === 'swap') [lines[i], lines[o.to % lines.length]] = [lines[o.to % lines.length], lines[i]];
      else if (o.op === 'replace') lines[i] = o.line;
      else lines.splice(i, 0, o.line);
    }
    let text = lines.join('\n') + '\n';
    for (const [at, ch] of byteOps) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + ch + text.slice(i);
    }
    return text;
  });

/** Command-line options after the file: `--name value…`, sometimes a bare word or a lone `--name` (never `--sentinel`: sentinel mode is not fuzzed here). */
const argv = fc.array(
  fc.oneof(
    fc.tuple(directive.filter((d) => d !== 'sentinel'), fc.array(value, { maxLength: 2 })).map(([d, vs]) => [`--${d}`, ...vs]),
    fc.constantFrom(['--port'], ['stray'], ['--save'], ['-'], ['--replicaof', '127.0.0.1 6379'], ['--port', '6380', '--port']),
  ),
  { maxLength: 3 },
).map((groups) => groups.flat());

const FATAL = /^\n\*\*\* FATAL CONFIG FILE ERROR \(Redis 7\.0\.15\) \*\*\*\n(Reading the configuration file, at line [1-9][0-9]*\n>>> '[^]*'\n)?[^\n]+\n$/;

describe('random config files and command lines', () => {
  it('start the server or fail with exactly one FATAL CONFIG FILE ERROR block and status 1', () => {
    const tally: Tally = {};
    fuzz(
      fc.property(confText, argv, (conf, args) => {
        const context = `redis.conf:\n${conf}\nargv: ${JSON.stringify(args)}`;
        let srv;
        try {
          srv = startServer({ conf, argv: args });
        } catch (e) {
          throw new Error(`the engine threw ${String(e)}\n${context}`, { cause: e });
        }
        const stderr = srv.stderr.join('');
        if (srv.exitCode === null) {
          expect(stderr, context).toBe('');
          const pong = show(srv.client().call('PING'));
          expect(['PONG', '(error) NOAUTH Authentication required.'], context).toContain(pong);
          bump(tally, 'started');
          return;
        }
        expect(srv.exitCode, context).toBe(1);
        if (stderr !== '') {
          expect(stderr, context).toMatch(FATAL);
          expect(stderr.split('*** FATAL CONFIG FILE ERROR').length, context).toBe(2);
          bump(tally, `FATAL: ${stderr.trimEnd().split('\n').at(-1)}`);
        } else {
          // The failures Redis logs rather than reports as a config error (a file it cannot open).
          const log = srv.log();
          const last = log.trimEnd().split('\n').at(-1) ?? '';
          expect(last, context).toMatch(/^\d+:[CMSX] \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d\.\d{3} # /);
          bump(tally, `logged: ${last.replace(/^.*? # /, '').replace(/'[^']*'/g, "'…'")}`);
        }
      }),
      { seed: 401, runs: 600 },
    );
    if (process.env.FUZZ_TALLY) console.log(tally);
    expect(tally.started ?? 0).toBeGreaterThan(10);
    expect(Object.keys(tally).filter((k) => k.startsWith('FATAL')).length).toBeGreaterThan(5);
  });
});
