/**
 * `sed`: a practical subset of GNU sed — options `-n`, `-e`, `-f`, `-E`/`-r`, `-i`, `-s`;
 * addresses `N`, `$`, `/RE/` (with `I`), `\cREc`, ranges `A1,A2` and `!`; commands `s` (flags
 * `g`, `p`, `N`, `I`; `&`, `\1`…`\9`, `\n` in the replacement), `y`, `p`, `d`, `q`, `Q`, `=`,
 * `n`, `a`, `i`, `c`, `{ … }` and `#` comments. Scripts it does not understand get GNU sed's
 * error texts (`sed: -e expression #1, char 1: unknown command: `k'`).
 *
 * Counterpart: GNU sed 4.9 (compile.c for the script, execute.c for the cycle). Output streams
 * line by line; a script that uses `$` reads one line ahead, as GNU sed does.
 */
import type { ProcCtx, Program } from '../process.ts';
import { lines, TextInput, type Input } from '../streams.ts';
import { breToJs } from './text.ts';

const USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

type Address = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 're'; re: RegExp | null } | { kind: 'step'; first: number; step: number } | { kind: 'plus'; n: number };

interface Command {
  a1: Address | null;
  a2: Address | null;
  negate: boolean;
  name: string;
  /** A range in progress (between its two addresses). */
  active: boolean;
  /** For `A1,+N`: the range's last line. */
  rangeEnd?: number;
  subst?: { re: RegExp | null; replacement: (string | number)[]; global: boolean; nth: number; print: boolean };
  y?: Map<string, string>;
  text?: string;
  block?: Command[];
}

/** A script error, worded and positioned as GNU sed reports it. */
class SedError extends Error {
  readonly char: number;
  constructor(message: string, char: number) {
    super(message);
    this.char = char;
  }
}

/** Translates a POSIX extended regular expression (`-E`) into a JavaScript one. */
function ereToJs(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\' && i + 1 < re.length) {
      out += c + re[++i];
    } else if (c === '[') {
      let j = i + 1;
      if (re[j] === '^') j++;
      if (re[j] === ']') j++;
      while (j < re.length && re[j] !== ']') j = re[j] === '[' && re[j + 1] === ':' ? re.indexOf(':]', j) + 2 || re.length : j + 1;
      out += breToJs(re.slice(i, j + 1));
      i = j;
    } else out += c;
  }
  return out;
}

class ScriptParser {
  private readonly s: string;
  /** Characters consumed (GNU's `char N` is the count at the error). */
  private i = 0;
  private readonly extended: boolean;
  usesLast = false;
  constructor(script: string, extended: boolean) {
    this.s = script;
    this.extended = extended;
  }

  private peek(): string | undefined {
    return this.s[this.i];
  }
  private next(): string | undefined {
    return this.s[this.i++];
  }
  private fail(message: string, at = this.i): never {
    throw new SedError(message, Math.min(at, this.s.length));
  }
  private skipSpace(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.i++;
  }

  parse(): Command[] {
    const stack: Command[][] = [[]];
    for (;;) {
      while (this.peek() !== undefined && /[ \t\n;]/.test(this.peek()!)) this.i++;
      if (this.peek() === undefined) break;
      if (this.peek() === '#') {
        while (this.peek() !== undefined && this.peek() !== '\n') this.i++;
        continue;
      }
      const cmd: Command = { a1: null, a2: null, negate: false, name: '', active: false };
      cmd.a1 = this.address();
      if (cmd.a1 && this.peek() === ',') {
        this.i++;
        this.skipSpace();
        cmd.a2 = this.address();
        if (!cmd.a2) this.fail("unexpected `,'");
      }
      this.skipSpace();
      while (this.peek() === '!') {
        this.i++;
        cmd.negate = true;
        this.skipSpace();
      }
      const name = this.next();
      if (name === undefined) this.fail('missing command');
      if (cmd.a1?.kind === 'line' && cmd.a1.n === 0) this.fail('invalid usage of line address 0');
      cmd.name = name;
      switch (name) {
        case '{':
          cmd.block = [];
          stack[stack.length - 1].push(cmd);
          stack.push(cmd.block);
          continue;
        case '}':
          if (stack.length === 1) this.fail("unexpected `}'");
          if (cmd.a1) this.fail("} doesn't want any addresses");
          stack.pop();
          this.endOfCommand();
          continue;
        case 's':
          cmd.subst = this.substitute();
          break;
        case 'y':
          cmd.y = this.translate();
          break;
        case 'a':
        case 'i':
        case 'c':
          cmd.text = this.text();
          break;
        case 'q':
        case 'Q':
        case 'p':
        case 'd':
        case '=':
        case 'n':
          break;
        default:
          this.fail(`unknown command: \`${name}'`);
      }
      if (name !== 'a' && name !== 'i' && name !== 'c') this.endOfCommand();
      stack[stack.length - 1].push(cmd);
    }
    if (stack.length > 1) this.fail("unmatched `{'", 0);
    return stack[0];
  }

  /** After a command: blanks, then `;`, a newline, `}`, `#` or the end. */
  private endOfCommand(): void {
    this.skipSpace();
    const c = this.peek();
    if (c === undefined || c === ';' || c === '\n' || c === '#') return;
    if (c === '}') return;
    this.i++;
    this.fail('extra characters after command');
  }

  private address(): Address | null {
    const c = this.peek();
    if (c === undefined) return null;
    const number = (): number => {
      let n = '';
      while (this.peek() !== undefined && /\d/.test(this.peek()!)) n += this.next();
      return Number(n);
    };
    if (c === '+' && /\d/.test(this.s[this.i + 1] ?? '')) {
      this.i++;
      const n = number();
      this.skipSpace();
      return { kind: 'plus', n };
    }
    if (/\d/.test(c)) {
      const n = number();
      if (this.peek() === '~') {
        this.i++;
        const step = number();
        this.skipSpace();
        return { kind: 'step', first: n, step };
      }
      this.skipSpace();
      return { kind: 'line', n };
    }
    if (c === '$') {
      this.i++;
      this.usesLast = true;
      this.skipSpace();
      return { kind: 'last' };
    }
    if (c === '/' || c === '\\') {
      this.i++;
      const delim = c === '\\' ? this.next() : '/';
      if (delim === undefined) this.fail('unterminated address regex');
      const body = this.delimited(delim, 'unterminated address regex');
      let flags = '';
      while (this.peek() === 'I' || this.peek() === 'M') if (this.next() === 'I') flags += 'i';
      this.skipSpace();
      return { kind: 're', re: this.regex(body, flags) };
    }
    return null;
  }

  /** Text up to an unescaped `delim` (consumed); `\delim` stands for the delimiter itself. */
  private delimited(delim: string, unterminated: string): string {
    let out = '';
    for (;;) {
      const c = this.next();
      if (c === undefined) this.fail(unterminated);
      if (c === delim) return out;
      if (c === '\\') {
        const n = this.next();
        if (n === undefined) this.fail(unterminated);
        if (n === delim && delim !== '&') out += n;
        else if (n === 'n') out += '\\n';
        else out += '\\' + n;
      } else if (c === '\n' && delim !== '\n') this.fail(unterminated);
      else out += c;
    }
  }

  private regex(body: string, flags: string): RegExp | null {
    if (body === '') return null;
    const source = this.extended ? ereToJs(body) : breToJs(body);
    try {
      return new RegExp(source, flags + 'g');
    } catch {
      const opens = (body.match(this.extended ? /(^|[^\\])\(/g : /\\\(/g) ?? []).length;
      const closes = (body.match(this.extended ? /(^|[^\\])\)/g : /\\\)/g) ?? []).length;
      if (opens > closes) this.fail(this.extended ? 'Unmatched ( or \\(' : 'Unmatched ( or \\(');
      if (closes > opens) this.fail('Unmatched ) or \\)');
      if (/\[/.test(body)) this.fail('unterminated address regex');
      return this.fail('Invalid preceding regular expression');
    }
  }

  private substitute(): NonNullable<Command['subst']> {
    const delim = this.next();
    if (delim === undefined || delim === '\n' || delim === '\\') this.fail("unterminated `s' command");
    const pattern = this.delimited(delim, "unterminated `s' command");
    const rawReplacement = this.delimited(delim, "unterminated `s' command");
    let global = false;
    let nth = 0;
    let print = false;
    let flags = '';
    for (;;) {
      const c = this.peek();
      if (c === 'g') {
        this.i++;
        if (global) this.fail("multiple `g' options to `s' command");
        global = true;
      } else if (c === 'p') {
        this.i++;
        if (print) this.fail("multiple `p' options to `s' command");
        print = true;
      } else if (c === 'I' || c === 'i') {
        this.i++;
        flags += 'i';
      } else if (c !== undefined && /\d/.test(c)) {
        let n = '';
        while (this.peek() !== undefined && /\d/.test(this.peek()!)) n += this.next();
        if (Number(n) === 0) this.fail("number option to `s' command may not be zero");
        if (nth !== 0) this.fail("multiple number options to `s' command");
        nth = Number(n);
      } else if (c === undefined || c === ';' || c === '\n' || c === '}' || c === '#' || c === ' ' || c === '\t') break;
      else {
        this.i++;
        this.fail("unknown option to `s'");
      }
    }
    const re = this.regex(pattern, flags);
    const groups = re ? new RegExp(`${re.source}|`).exec('')!.length - 1 : 9;
    const replacement: (string | number)[] = [];
    let lit = '';
    for (let k = 0; k < rawReplacement.length; k++) {
      const c = rawReplacement[k];
      if (c === '&') {
        replacement.push(lit, 0);
        lit = '';
      } else if (c === '\\' && k + 1 < rawReplacement.length) {
        const n = rawReplacement[++k];
        if (/[1-9]/.test(n)) {
          if (Number(n) > groups) this.fail(`invalid reference \\${n} on \`s' command's RHS`);
          replacement.push(lit, Number(n));
          lit = '';
        } else if (n === 'n') lit += '\n';
        else if (n === 't') lit += '\t';
        else lit += n;
      } else lit += c;
    }
    replacement.push(lit);
    return { re, replacement, global, nth: nth || 1, print };
  }

  private translate(): Map<string, string> {
    const delim = this.next();
    if (delim === undefined || delim === '\n' || delim === '\\') this.fail("unterminated `y' command");
    const unescape = (t: string) => t.replace(/\\(.)/g, (_, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch));
    const from = unescape(this.delimited(delim, "unterminated `y' command"));
    const to = unescape(this.delimited(delim, "unterminated `y' command"));
    if (from.length !== to.length) this.fail("strings for `y' command are different lengths");
    const map = new Map<string, string>();
    for (let k = 0; k < from.length; k++) map.set(from[k], to[k]);
    return map;
  }

  /** The text of `a`, `i`, `c`: `a\` then the next line, or GNU's one-line `a text`. */
  private text(): string {
    this.skipSpace();
    if (this.peek() === '\\') {
      this.i++;
      if (this.peek() === '\n') this.i++;
    }
    let out = '';
    for (;;) {
      const c = this.next();
      if (c === undefined || c === '\n') break;
      if (c === '\\' && this.peek() !== undefined) out += this.next();
      else out += c;
    }
    if (out === '' && this.i >= this.s.length && !this.s.endsWith('\n')) this.fail('expected \\ after `a\', `c\' or `i\'');
    return out;
  }
}

/** A line of input: its text, whether a newline ended it, and whether it is the last. */
interface Line {
  text: string;
  eol: boolean;
}

async function* inputLines(ctx: ProcCtx, files: string[], onMissing: (name: string, why: string) => void): AsyncGenerator<Line> {
  for (const f of files.length === 0 ? ['-'] : files) {
    let input: Input;
    if (f === '-') input = ctx.stdin;
    else {
      const path = ctx.resolve(f);
      if (ctx.host.disk.isDirectory(path)) {
        onMissing(f, 'read error on ' + f + ': Is a directory');
        continue;
      }
      const data = ctx.host.disk.read(path);
      if (data === null) {
        onMissing(f, `can't read ${f}: No such file or directory`);
        continue;
      }
      input = new TextInput(data);
    }
    for await (const { line, eol } of lines(input)) yield { text: line, eol };
  }
}

/** Runs a parsed script over lines; `write` receives the output. Resolves with the exit status. */
async function execute(script: Command[], source: AsyncGenerator<Line>, opts: { quiet: boolean; lookahead: boolean }, write: (text: string) => void): Promise<void> {
  let ahead: IteratorResult<Line> | null = null;
  const pull = async (): Promise<Line | null> => {
    const r = ahead ?? (await source.next());
    ahead = null;
    return r.done ? null : r.value;
  };
  const isLast = async (): Promise<boolean> => {
    if (!opts.lookahead) return false;
    ahead ??= await source.next();
    return ahead.done === true;
  };
  let lineNo = 0;
  let missingNewline = false;
  const emit = (text: string, eol: boolean) => {
    if (missingNewline) write('\n');
    write(text + (eol ? '\n' : ''));
    missingNewline = !eol;
  };
  const matches = async (a: Address, ps: string): Promise<boolean> => {
    switch (a.kind) {
      case 'line':
        return lineNo === a.n;
      case 'last':
        return isLast();
      case 'step':
        return a.step <= 0 ? lineNo === a.first : lineNo >= a.first && (lineNo - a.first) % a.step === 0;
      case 'plus':
        return false;
      case 're':
        if (!a.re) return false;
        a.re.lastIndex = 0;
        return a.re.test(ps);
    }
  };
  const selected = async (cmd: Command, ps: string): Promise<boolean> => {
    let on: boolean;
    if (!cmd.a1) on = true;
    else if (!cmd.a2) on = await matches(cmd.a1, ps);
    else if (cmd.active) {
      on = true;
      const a2 = cmd.a2;
      if (a2.kind === 'line' ? lineNo >= a2.n : a2.kind === 'plus' ? lineNo >= (cmd.rangeEnd ?? 0) : await matches(a2, ps)) cmd.active = false;
    } else if (await matches(cmd.a1, ps)) {
      on = true;
      // A second address that is a line number at or before this one ends the range at once.
      cmd.rangeEnd = cmd.a2.kind === 'plus' ? lineNo + cmd.a2.n : 0;
      cmd.active = !((cmd.a2.kind === 'line' && cmd.a2.n <= lineNo) || (cmd.a2.kind === 'plus' && cmd.a2.n === 0));
    } else on = false;
    return on !== cmd.negate;
  };
  let line = await pull();
  while (line !== null) {
    lineNo++;
    let ps = line.text;
    let eol = line.eol;
    let deleted = false;
    let quit: 'q' | 'Q' | null = null;
    const appended: string[] = [];
    const run = async (cmds: Command[]): Promise<boolean> => {
      for (const cmd of cmds) {
        if (!(await selected(cmd, ps))) continue;
        switch (cmd.name) {
          case '{':
            if (!(await run(cmd.block!))) return false;
            break;
          case 's': {
            const sub = cmd.subst!;
            if (!sub.re) break;
            let count = 0;
            let changed = false;
            const re = new RegExp(sub.re.source, sub.re.flags);
            ps = ps.replace(re, (...m: unknown[]) => {
              const whole = m[0] as string;
              count++;
              if (count < sub.nth || (!sub.global && count > sub.nth)) return whole;
              changed = true;
              return sub.replacement.map((r) => (typeof r === 'number' ? ((m[r] as string | undefined) ?? '') : r)).join('');
            });
            if (changed && sub.print) emit(ps, eol);
            break;
          }
          case 'y':
            ps = [...ps].map((c) => cmd.y!.get(c) ?? c).join('');
            break;
          case 'p':
            emit(ps, eol);
            break;
          case '=':
            emit(String(lineNo), true);
            break;
          case 'd':
            deleted = true;
            return false;
          case 'q':
          case 'Q':
            quit = cmd.name;
            return false;
          case 'a':
            appended.push(cmd.text!);
            break;
          case 'i':
            emit(cmd.text!, true);
            break;
          case 'c':
            // In a range the text replaces the whole range: printed at its end.
            if (!cmd.a2 || !cmd.active || cmd.negate) emit(cmd.text!, true);
            deleted = true;
            return false;
          case 'n': {
            if (!opts.quiet) emit(ps, eol);
            const nextLine = await pull();
            if (nextLine === null) {
              deleted = true;
              quit = 'Q';
              return false;
            }
            lineNo++;
            ps = nextLine.text;
            eol = nextLine.eol;
            break;
          }
        }
      }
      return true;
    };
    await run(script);
    if (!deleted && quit !== 'Q' && !opts.quiet) emit(ps, eol);
    for (const t of appended) emit(t, true);
    if (quit !== null) return;
    line = await pull();
  }
}

const sed: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const scripts: string[] = [];
  const files: string[] = [];
  let quiet = false;
  let extended = false;
  let inPlace = false;
  let separate = false;
  const usage = (status: number) => {
    ctx.stderr.write(USAGE);
    return status;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
    else if (a === '-s' || a === '--separate' || a === '-u' || a === '--unbuffered' || a === '--posix') separate ||= a === '-s' || a === '--separate';
    else if (a === '-i' || a === '--in-place') inPlace = true;
    else if (a === '-e' || a === '-f') {
      const value = args[++i];
      if (value === undefined) {
        ctx.stderr.write(`sed: option requires an argument -- '${a[1]}'\n`);
        return usage(1);
      }
      if (a === '-e') scripts.push(value);
      else {
        const text = ctx.host.disk.read(ctx.resolve(value));
        if (text === null) {
          ctx.stderr.write(`sed: couldn't open file ${value}: No such file or directory\n`);
          return 1;
        }
        scripts.push(text.replace(/\n$/, ''));
      }
    } else if (a.startsWith('--expression=')) scripts.push(a.slice(13));
    else if (a.startsWith('-') && a !== '-' && !a.startsWith('--')) {
      // Bundled flags: -ne 's/…/'.
      let consumed = false;
      for (let k = 1; k < a.length && !consumed; k++) {
        const f = a[k];
        if (f === 'n') quiet = true;
        else if (f === 'E' || f === 'r') extended = true;
        else if (f === 'i') {
          inPlace = true;
          consumed = true;
        } else if (f === 's') separate = true;
        else if (f === 'u') continue;
        else if (f === 'e') {
          const value = k + 1 < a.length ? a.slice(k + 1) : args[++i];
          if (value === undefined) {
            ctx.stderr.write(`sed: option requires an argument -- 'e'\n`);
            return usage(1);
          }
          scripts.push(value);
          consumed = true;
        } else {
          ctx.stderr.write(`sed: invalid option -- '${f}'\n`);
          return usage(1);
        }
      }
    } else if (a.startsWith('--')) {
      ctx.stderr.write(`sed: unrecognized option '${a}'\n`);
      return usage(1);
    } else files.push(a);
  }
  if (scripts.length === 0) {
    if (files.length === 0) return usage(1);
    scripts.push(files.shift()!);
  }
  // The expressions join with newlines; errors name the expression and the character in it.
  let program: Command[] = [];
  let usesLast = false;
  for (const [n, text] of scripts.entries()) {
    const parser = new ScriptParser(text, extended);
    try {
      program = program.concat(parser.parse());
      usesLast ||= parser.usesLast;
    } catch (e) {
      if (!(e instanceof SedError)) throw e;
      ctx.stderr.write(`sed: -e expression #${n + 1}, char ${e.char}: ${e.message}\n`);
      return 1;
    }
  }
  let status = 0;
  const onMissing = (_name: string, why: string) => {
    ctx.stderr.write(`sed: ${why}\n`);
    status = 2;
  };
  if (inPlace) {
    if (files.length === 0) {
      ctx.stderr.write('sed: no input files\n');
      return 1;
    }
    for (const f of files) {
      const path = ctx.resolve(f);
      if (ctx.host.disk.read(path) === null || ctx.host.disk.isDirectory(path)) {
        onMissing(f, ctx.host.disk.isDirectory(path) ? `couldn't edit ${f}: not a regular file` : `can't read ${f}: No such file or directory`);
        continue;
      }
      let out = '';
      await execute(structuredCloneCommands(program), inputLines(ctx, [f], onMissing), { quiet, lookahead: usesLast }, (t) => (out += t));
      ctx.host.disk.write(path, out);
    }
    return status;
  }
  const groups = separate ? files.map((f) => [f]) : [files];
  for (const group of groups) {
    await execute(separate ? structuredCloneCommands(program) : program, inputLines(ctx, group, onMissing), { quiet, lookahead: usesLast }, (t) => ctx.stdout.write(t));
  }
  return status;
};

/** A fresh copy of the script for another file (ranges start over). */
function structuredCloneCommands(cmds: Command[]): Command[] {
  return cmds.map((c) => ({ ...c, active: false, block: c.block ? structuredCloneCommands(c.block) : undefined }));
}

export const SED_PROGRAMS: Record<string, Program> = { sed };
