/**
 * Goal: no line a learner types makes the shell throw: every script ends with an exit status in
 * 0..255, and the shell's own complaints are worded as bash words them (`script.sh: line N:
 * NAME: command not found`, `syntax error near unexpected token`, `unexpected EOF while looking
 * for matching`, …). Syntax errors are compared with real bash itself.
 * Method: fast-check builds scripts from the bash subset (quotes, variables and expansions,
 * `;`, `|`, `&&`, `||`, `&`, redirections, here-documents, command substitution, known and
 * unknown commands) and mutates them (characters inserted or deleted). They run on the shell with
 * the scripted FakeHost (test/shell/fake-host.ts); a sample is also parsed by `bash -n` (which
 * parses without running anything) and by the lab's Parser, and the messages must be equal.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeHost, runOnFake } from '../shell/support.ts';
import { Parser, ShellSyntaxError } from '../../src/shell/parse.ts';
import type { Shell } from '../../src/shell/shell.ts';
import { bump, fuzz, fuzzAsync, type Tally } from './support.ts';

// ---------------------------------------------------------------------------------------------
// Script generators
// ---------------------------------------------------------------------------------------------

const plain = fc.constantFrom('a', 'b', 'hello', 'x.txt', 'f', '-n', '-e', '-c', '-v', '1', '0', '42', '*', 'k', 'v', 'PING', 'SET', 'GET');
const word = fc.oneof(
  { weight: 4, arbitrary: plain },
  { weight: 1, arbitrary: plain.map((w) => `'${w} ${w}'`) },
  { weight: 1, arbitrary: plain.map((w) => `"${w} $X"`) },
  { weight: 1, arbitrary: fc.constantFrom('$X', '${X}', '"$?"', '$$', '$!', '${UNSET:-d}', '${#X}', '\\;', '\\"', "'$X'", '"a\\"b"', '$(echo sub)', '"$(echo in quotes)"', '~', '""', "''") },
);
const name = fc.constantFrom('echo', 'echo', 'printf', 'cat', 'ls', 'true', 'false', 'grep', 'wc', 'head', 'tail', 'touch', 'rm', 'cp', 'ps', 'kill', 'cd', 'export', 'exit', 'redis-cli', 'redis-server', 'nosuchcmd', 'foo', './x.sh', 'sort', 'uniq', 'cut', 'tr', 'seq', 'sed', 'read', 'source', 'local', 'return', 'shift');
const simple = fc.tuple(
  fc.option(fc.constantFrom('X=1', 'X="a b"', "Y='q'", 'X=$X$X'), { nil: undefined }),
  name,
  fc.array(word, { maxLength: 3 }),
  fc.option(fc.constantFrom('> out.txt', '>> out.txt', '< x.txt', '2>&1', '2> err.txt', '< nosuchfile', '> /nodir/f', '&> all.txt'), { nil: undefined }),
).map(([assign, n, args, redir]) => [assign, n, ...args, redir].filter((p) => p !== undefined).join(' '));
const pipeline = fc.array(simple, { minLength: 1, maxLength: 3 }).map((cmds) => cmds.join(' | '));
const andOr = fc.tuple(pipeline, fc.array(fc.tuple(fc.constantFrom('&&', '||'), pipeline), { maxLength: 2 })).map(([p, rest]) => [p, ...rest.flat()].join(' '));
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(andOr, fc.constantFrom('', '', ';', ' &', ' # comment')).map(([a, end]) => a + end) },
  { weight: 1, arbitrary: fc.constantFrom('cat > x.txt <<EOF\nline $X\nEOF', "cat <<'EOF' | grep a\na $X\nb\nEOF", 'cat <<-EOF\n\tindented\n\tEOF', 'X=hello', 'cat <<EOF\nnever closed') },
  { weight: 1, arbitrary: fc.constantFrom('', '# just a comment', 'wait', 'echo $?', 'sleep 1', 'sleep 0.5 &') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'for i in a "b c" $X; do echo "$i"; done',
      'for i in 1 2 3\ndo\n  echo $i | grep 2 && break\ndone',
      'if [ "$X" = 1 ]; then echo one; elif false; then echo two; else echo three; fi',
      'if true\nthen\n  echo y\nfi > out.txt',
      'n=0; while [ $n -lt 3 ]; do n=$((n + 1)); done; echo $n',
      'until true; do :; done',
      '{ echo g; echo h; } | wc -l',
      '( cd /; echo s; exit 3 ); echo $?',
      'echo $((1 + 2 * 3)) $(( X / 2 )) "$((7 % 3))"',
      '(( X > 0 )) && echo pos',
      'for ((i = 0; i < 2; i++)); do echo $i; done',
      'x=$(for w in a b; do echo $w; done)',
      '! true; echo $?',
      'cat <<EOF\n$(echo in heredoc) $((1+1))\nEOF',
      'f() { echo "$1 $#"; local v=$X; return 3; }; f a "b c"; echo $?',
      'function g {\n  echo "$@"\n}\ng x y | wc -l',
      'echo "echo sourced \\$1" > lib.sh; source lib.sh arg; . ./lib.sh',
      'source nosuch.sh; return 1',
      'case $X in 1|a*) echo one;; "a b") echo two;& *) echo other;; esac',
      'case x in\n  (x) echo x\n  ;;\nesac',
      'echo {1..3} a{b,c}d `echo bq` "`echo q`"',
      'for i in {a,b}{1..2}; do echo $i; done',
      '[[ $X == a* && -n "$X" ]] && echo match; [[ $X =~ ^[0-9]+$ ]] || echo nonnum',
      '[[ ( -f x.txt || -d / ) && ! -z $X ]]; echo $?',
      'while read -r a b; do echo "$b/$a"; done < x.txt',
      'v=role:master; echo ${v#*:} ${v%%:*} ${v/master/primary} ${v//a/A}',
      'printf "k:v\\n" | { IFS=: read -r k v; echo "$v"; read last; echo $?; }',
    ),
  },
);
const script = fc.array(line, { minLength: 1, maxLength: 5 }).map((ls) => ls.join('\n') + '\n');

/** Characters whose insertion or removal breaks the grammar in interesting ways. */
const BREAKERS = ['"', "'", '`', '\\', '|', '&', ';', '<', '>', '$', '(', ')', '{', '}', '\n', ' ', '#', '!', '*'];
function mutateScript(base: string): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.boolean(), fc.nat(), fc.constantFrom(...BREAKERS)), { minLength: 1, maxLength: 3 })
    .map((ops) => {
      let s = base;
      for (const [insert, at, ch] of ops) {
        const i = at % (s.length + 1);
        s = insert ? s.slice(0, i) + ch + s.slice(i) : s.slice(0, i) + s.slice(i + 1);
      }
      return s;
    });
}
const anyScript = fc.oneof({ weight: 1, arbitrary: script }, { weight: 2, arbitrary: script.chain(mutateScript) });

// ---------------------------------------------------------------------------------------------
// The shell's own messages
// ---------------------------------------------------------------------------------------------

/** What bash (and the programs' GNU counterparts) print; the lab must not invent other shapes. */
const BASH_MESSAGE = [
  /^script\.sh: line \d+: syntax error near unexpected token `[^]*'$/,
  /^script\.sh: line \d+: `[^]*'$/,
  /^script\.sh: line \d+: syntax error: unexpected end of file$/,
  /^script\.sh: line \d+: unexpected EOF while looking for matching `[^]'$/,
  /^script\.sh: line \d+: warning: here-document at line \d+ delimited by end-of-file \(wanted `[^]*'\)$/,
  /^script\.sh: line \d+: .*: command not found$/,
  /^script\.sh: line \d+: [^:]+: No such file or directory$/,
  // A here-document's `$( )` is parsed when the document is expanded.
  /^script\.sh: command substitution: line \d+: (syntax error near unexpected token `[^]*'|`[^]*'|unexpected EOF while looking for matching `[^]'|syntax error: unexpected end of file)$/,
  // `[[ ]]`'s own parser messages.
  /^script\.sh: line \d+: (unexpected token `[^]*', (expected `\)'|conditional binary operator expected)|syntax error in conditional expression(: unexpected token `[^]*')?|unexpected argument `[^]*' to conditional (unary|binary) operator|conditional binary operator expected|expected `\)'|unexpected token `[^]*' in conditional command|unexpected EOF while looking for `\]\]')$/,
  // Arithmetic: `1/0: division by 0 (error token is "0")`, `((: 7  3: syntax error in expression …`.
  /^script\.sh: line \d+: (\(\(: )?[^]*: [a-z`':() -]+ \(error token is "[^]*"\)$/,
];

/**
 * Differences from bash the fuzzing found and that are not fixed yet (pinned by
 * findings.test.ts); the properties tolerate exactly these so long runs look for new ones.
 * None at present: the fixed ones stay in findings.test.ts as regression tests.
 */
function knownShellFinding(src: string, labOutput = ''): string | null {
  // bash goes on parsing a `[[ ]]` after a quote left open in it and reports a second error.
  if (/\[\[[^\n]*["']/.test(src) && /unexpected EOF while looking for matching/.test(labOutput)) return 'a quote left open inside [[ ]]';
  if (/[<>]\(/.test(src)) return 'process substitution <( ) >( ) is not in the subset';
  if (/for[ \t]*\(\((?![^\n]*\)\))/.test(src)) return 'an arithmetic for whose (( is not closed by ))';
  // bash also warns about the pending here-document after the quote error; the lab does not.
  if (/<<-?\s*[^\s'"]*["'][^"'\n]*\n/.test(src)) return 'a here-document delimiter with an unclosed quote';
  if (/<<[^\n]*["'`]/.test(src) && /unexpected EOF while looking for matching/.test(labOutput)) return 'a quote left open on a here-document line';
  return null;
}

/** A FakeHost on which the shell's pauses in a busy loop take virtual time (so Ctrl+C comes). */
class LoopingHost extends FakeHost {
  override sleep(ms: number): Promise<void> {
    return super.sleep(Math.max(ms, 100));
  }
}

describe('random shell scripts', () => {
  it('end with a status in 0..255 and bash-worded messages, never an exception', async () => {
    const tally: Tally = {};
    await fuzzAsync(
      fc.asyncProperty(anyScript, async (src) => {
        const host = new LoopingHost();
        host.disk.write('/home/learner/x.txt', 'a line\nanother line\n');
        let run;
        try {
          // A mutated loop may never end (as in bash): Ctrl+C every virtual minute ends its line.
          const ctrlC = (shell: Shell, h: FakeHost): void => void h.sleep(60_000).then(() => (shell.interrupt(), ctrlC(shell, h)));
          run = await runOnFake(host, src, { tty: false, during: ctrlC });
        } catch (e) {
          throw new Error(`the shell threw ${e instanceof Error ? e.stack : String(e)}\nscript:\n${src}`, { cause: e });
        }
        expect(Number.isInteger(run.status) && run.status >= 0 && run.status <= 255, `status ${run.status}\nscript:\n${src}`).toBe(true);
        for (const full of run.output.split('\n')) {
          // A message may follow output that did not end its line (`printf a`).
          // A sourced file's commands name that file (`lib.sh: line 1: …`), as in bash.
          const l = full.slice(Math.max(0, full.indexOf('script.sh: line '))).replace(/^[\w./-]+: line /, 'script.sh: line ');
          if (/syntax error|unexpected EOF|command not found|here-document/.test(l)) {
            if (/: command substitution: line \d+: /.test(l) && knownShellFinding(src)) {
              bump(tally, `known finding: ${knownShellFinding(src)}`);
              continue;
            }
            expect(BASH_MESSAGE.some((re) => re.test(l)), `message ${JSON.stringify(l)} is not worded as bash words it\nscript:\n${src}\noutput:\n${run.output}`).toBe(true);
            bump(tally, l.replace(/^script\.sh: line \d+: /, '').replace(/`.*'/, '`…\''));
          }
        }
        bump(tally, `status ${run.status}`);
      }),
      { seed: 501, runs: 200 },
    );
    if (process.env.FUZZ_TALLY) console.log(tally);
    expect(tally['status 0'] ?? 0).toBeGreaterThan(0);
    expect(Object.keys(tally).some((k) => k.startsWith('syntax error'))).toBe(true);
    expect(Object.keys(tally).some((k) => k.endsWith('command not found'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Syntax errors against real bash
// ---------------------------------------------------------------------------------------------

const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;
if (!hasBash) {
  const msg = 'bash is not installed: the fuzzed syntax-error comparison with bash is SKIPPED';
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n*** ${msg} ***\n`);
}

/** What the lab's parser reports for `src` read as script.sh, parsing only (as `bash -n`). */
function labParseOnly(src: string): string {
  const p = new Parser(src);
  let out = '';
  try {
    for (;;) {
      const step = p.next();
      if (step.kind === 'eof') return out;
      for (const w of step.warnings) out += `script.sh: line ${w.line}: ${w.text}\n`;
    }
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    for (const w of e.warnings) out += `script.sh: line ${w.line}: ${w.text}\n`;
    if (e.message !== '') out += `script.sh: line ${e.line}: ${e.message}\n`;
    if (e.context !== null) out += `script.sh: line ${e.line}: ${e.context}\n`;
    return out;
  }
}

describe.skipIf(!hasBash)('random scripts parsed by bash -n and by the lab', () => {
  it('give the same syntax errors and warnings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-fuzz-bash-'));
    const tally: Tally = {};
    try {
      fuzz(
        fc.property(anyScript, (src) => {
          writeFileSync(join(dir, 'script.sh'), src);
          const real = spawnSync('bash', ['-n', 'script.sh'], { cwd: dir, encoding: 'utf8', env: { PATH: '/usr/bin:/bin', LANG: 'C' } });
          const lab = labParseOnly(src);
          const known = lab !== real.stderr ? knownShellFinding(src, lab) : null;
          if (known) {
            bump(tally, `known finding: ${known}`);
            return;
          }
          expect(lab, `script:\n${src}`).toBe(real.stderr);
          bump(tally, real.stderr === '' ? 'clean' : 'error');
        }),
        { seed: 502, runs: 150 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (process.env.FUZZ_TALLY) console.log(tally);
    expect(tally.error ?? 0).toBeGreaterThan(5);
  });
});
