/**
 * Text filters: `grep`, `head`, `tail` (with `-f`), `wc`. They stream: a filter at the end of
 * `redis-cli SUBSCRIBE … | grep` prints each line as it arrives.
 *
 * Counterpart: GNU grep and coreutils (head.c, tail.c, wc.c); messages and exit codes as theirs.
 */
import { lines, TextInput, type Input } from '../streams.ts';
import type { ProcCtx, Program } from '../process.ts';
import { curly, shq } from './files.ts';

/** Translates a POSIX basic regular expression into a JavaScript one. */
export function breToJs(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i];
      if ('(){}|+?'.includes(n)) out += n;
      else if (n === '<' || n === '>') out += '\\b';
      else out += '\\' + n;
    } else if ('(){}|+?'.includes(c)) out += '\\' + c;
    else if (c === '*' && (i === 0 || out.endsWith('^'))) out += '\\*';
    else if (c === '[') {
      // Copy a bracket expression through, translating POSIX classes.
      let j = i + 1;
      if (re[j] === '^') j++;
      if (re[j] === ']') j++;
      while (j < re.length && re[j] !== ']') j = re[j] === '[' && re[j + 1] === ':' ? re.indexOf(':]', j) + 2 : j + 1;
      out += posixClasses(re.slice(i, j + 1));
      i = j;
    } else out += c;
  }
  return out;
}

function posixClasses(bracket: string): string {
  return bracket
    .replace(/\[:digit:\]/g, '0-9')
    .replace(/\[:alpha:\]/g, 'A-Za-z')
    .replace(/\[:alnum:\]/g, 'A-Za-z0-9')
    .replace(/\[:space:\]/g, ' \\t\\n\\r\\f\\v')
    .replace(/\[:upper:\]/g, 'A-Z')
    .replace(/\[:lower:\]/g, 'a-z')
    .replace(/\[:punct:\]/g, '!-\\/:-@\\[-`{-~')
    .replace(/\[:xdigit:\]/g, '0-9A-Fa-f');
}

const GREP_USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

const grep: Program = async (ctx) => {
  const opts = { count: false, invert: false, extended: false, ignoreCase: false, quiet: false, lineNumber: false, onlyMatching: false, fixed: false, word: false, noFilename: false, withFilename: false, list: false };
  const patterns: string[] = [];
  const files: string[] = [];
  const args = ctx.argv.slice(1);
  let endOfOptions = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (endOfOptions || !a.startsWith('-') || a === '-') {
      files.push(a);
      continue;
    }
    if (a === '--') {
      endOfOptions = true;
      continue;
    }
    if (a.startsWith('--')) {
      const longs: Record<string, keyof typeof opts> = { '--count': 'count', '--invert-match': 'invert', '--extended-regexp': 'extended', '--ignore-case': 'ignoreCase', '--quiet': 'quiet', '--silent': 'quiet', '--line-number': 'lineNumber', '--only-matching': 'onlyMatching', '--fixed-strings': 'fixed', '--word-regexp': 'word' };
      if (a.startsWith('--color')) continue;
      const key = longs[a];
      if (!key) {
        ctx.stderr.write(`grep: unrecognized option '${a}'\n${GREP_USAGE}`);
        return 2;
      }
      opts[key] = true;
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const f = a[k];
      switch (f) {
        case 'c': opts.count = true; break;
        case 'v': opts.invert = true; break;
        case 'E': opts.extended = true; break;
        case 'i': case 'y': opts.ignoreCase = true; break;
        case 'q': opts.quiet = true; break;
        case 'n': opts.lineNumber = true; break;
        case 'o': opts.onlyMatching = true; break;
        case 'F': opts.fixed = true; break;
        case 'w': opts.word = true; break;
        case 'h': opts.noFilename = true; break;
        case 'H': opts.withFilename = true; break;
        case 'l': opts.list = true; break;
        case 'G': opts.extended = false; break;
        case 'e': {
          const rest = a.slice(k + 1);
          const p = rest !== '' ? rest : args[++i];
          if (p === undefined) {
            ctx.stderr.write(`grep: option requires an argument -- 'e'\n${GREP_USAGE}`);
            return 2;
          }
          patterns.push(p);
          k = a.length;
          break;
        }
        default:
          ctx.stderr.write(`grep: invalid option -- '${f}'\n${GREP_USAGE}`);
          return 2;
      }
    }
  }
  if (patterns.length === 0) {
    if (files.length === 0) {
      ctx.stderr.write(GREP_USAGE);
      return 2;
    }
    patterns.push(files.shift()!);
  }
  let re: RegExp;
  try {
    const sources = patterns.flatMap((p) => p.split('\n')).map((p) => (opts.fixed ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : opts.extended ? p : breToJs(p)));
    let source = sources.map((s) => `(?:${s})`).join('|');
    if (opts.word) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
    re = new RegExp(source, opts.ignoreCase ? 'gi' : 'g');
  } catch {
    ctx.stderr.write(`grep: Unmatched ( or \\(\n`);
    return 2;
  }
  const showNames = opts.withFilename || (files.length > 1 && !opts.noFilename);
  let anyMatch = false;
  let error = false;
  const scan = async (input: Input, name: string): Promise<void> => {
    let count = 0;
    let n = 0;
    for await (const { line } of lines(input)) {
      n++;
      re.lastIndex = 0;
      const matched = re.test(line) !== opts.invert;
      if (!matched) continue;
      count++;
      anyMatch = true;
      if (opts.quiet) {
        input.close();
        return;
      }
      if (opts.count) continue;
      if (opts.list) {
        ctx.stdout.write(`${name}\n`);
        input.close();
        return;
      }
      const prefix = (showNames ? `${name}:` : '') + (opts.lineNumber ? `${n}:` : '');
      if (opts.onlyMatching && !opts.invert) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0] !== '') ctx.stdout.write(`${prefix}${m[0]}\n`);
      } else ctx.stdout.write(`${prefix}${line}\n`);
    }
    if (opts.count && !opts.quiet) ctx.stdout.write(`${showNames ? `${name}:` : ''}${count}\n`);
  };
  const targets = files.length === 0 ? ['-'] : files;
  for (const f of targets) {
    if (f === '-') {
      await scan(ctx.stdin, '(standard input)');
      continue;
    }
    const input = openFile(ctx, f);
    if (typeof input === 'string') {
      ctx.stderr.write(`grep: ${f}: ${input}\n`);
      error = true;
      continue;
    }
    await scan(input, f);
    if (opts.quiet && anyMatch) return 0;
  }
  if (error && !(opts.quiet && anyMatch)) return 2;
  return anyMatch ? 0 : 1;
};

/** Opens a file for reading, or returns the error text (`No such file or directory`). */
function openFile(ctx: ProcCtx, name: string): Input | string {
  const path = ctx.resolve(name);
  if (ctx.host.disk.isDirectory(path)) return 'Is a directory';
  const data = ctx.host.disk.read(path);
  if (data === null) return 'No such file or directory';
  return new TextInput(data);
}

/** Parses `-n N`, `-nN`, `-N`, `--lines=N` (and `+N` for tail); returns the rest. */
function parseCount(ctx: ProcCtx, name: 'head' | 'tail'): { n: number; fromStart: boolean; follow: boolean; files: string[] } | number {
  const args = ctx.argv.slice(1);
  let spec = '10';
  let follow = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '--lines') {
      if (args[i + 1] === undefined) {
        ctx.stderr.write(`${name}: option requires an argument -- 'n'\nTry '${name} --help' for more information.\n`);
        return 1;
      }
      spec = args[++i];
    } else if (a.startsWith('--lines=')) spec = a.slice(8);
    else if (/^-n./.test(a)) spec = a.slice(2);
    else if (/^-\d+$/.test(a)) spec = a.slice(1);
    else if (a === '-f' || a === '-F' || a === '--follow') {
      if (name === 'head') {
        ctx.stderr.write(`head: invalid option -- 'f'\nTry 'head --help' for more information.\n`);
        return 1;
      }
      follow = true;
    } else if (/^-[fF]n$/.test(a)) {
      follow = true;
      spec = args[++i] ?? '10';
    } else if (a.startsWith('-') && a !== '-') {
      ctx.stderr.write(`${name}: invalid option -- '${a[1]}'\nTry '${name} --help' for more information.\n`);
      return 1;
    } else files.push(a);
  }
  const fromStart = name === 'tail' && spec.startsWith('+');
  const body = spec.replace(/^[+-]/, '');
  if (!/^\d+$/.test(body)) {
    ctx.stderr.write(`${name}: invalid number of lines: ${curly(spec)}\n`);
    return 1;
  }
  return { n: Number(body), fromStart, follow, files };
}

const head: Program = async (ctx) => {
  const p = parseCount(ctx, 'head');
  if (typeof p === 'number') return p;
  const targets = p.files.length === 0 ? ['-'] : p.files;
  let status = 0;
  for (const [i, f] of targets.entries()) {
    const input = f === '-' ? ctx.stdin : openFile(ctx, f);
    if (typeof input === 'string') {
      ctx.stderr.write(`head: cannot open ${shq(f)} for reading: ${input}\n`);
      status = 1;
      continue;
    }
    if (targets.length > 1) ctx.stdout.write(`${i > 0 ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
    let left = p.n;
    if (left > 0) {
      for await (const { line, eol } of lines(input)) {
        ctx.stdout.write(line + (eol ? '\n' : ''));
        if (--left === 0) break;
      }
    }
    input.close();
  }
  return status;
};

function lastLines(text: string, n: number, fromStart: boolean): string {
  const parts = text.split('\n');
  const trailing = text.endsWith('\n');
  if (trailing) parts.pop();
  const chosen = fromStart ? parts.slice(Math.max(0, n - 1)) : n === 0 ? [] : parts.slice(-n);
  if (chosen.length === 0) return '';
  // The last line chosen is always the text's last line: it keeps its newline if it had one.
  return chosen.join('\n') + (trailing ? '\n' : '');
}

const tail: Program = async (ctx) => {
  const p = parseCount(ctx, 'tail');
  if (typeof p === 'number') return p;
  const targets = p.files.length === 0 ? ['-'] : p.files;
  let status = 0;
  const disk = ctx.host.disk;
  // The file whose text was printed last: with several files, GNU tail prints a `==> f <==`
  // header (after a blank line) whenever what it prints next comes from another file.
  let shown: string | null = null;
  for (const [i, f] of targets.entries()) {
    let text: string;
    if (f === '-') {
      text = '';
      for await (const c of ctx.stdin) text += c;
    } else {
      const data = disk.read(ctx.resolve(f));
      if (data === null) {
        ctx.stderr.write(`tail: cannot open ${shq(f)} for reading: ${disk.isDirectory(ctx.resolve(f)) ? 'Is a directory' : 'No such file or directory'}\n`);
        status = 1;
        continue;
      }
      text = data;
    }
    if (targets.length > 1) ctx.stdout.write(`${i > 0 ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
    ctx.stdout.write(lastLines(text, p.n, p.fromStart));
    shown = f;
  }
  const followed = targets.filter((f) => f !== '-' && disk.read(ctx.resolve(f)) !== null);
  if (!p.follow || followed.length === 0) return status;
  // Follow: poll the files for growth until a signal ends us (bash scripts never end here).
  const sizes = new Map(followed.map((f) => [f, (disk.read(ctx.resolve(f)) ?? '').length]));
  for (;;) {
    await ctx.signals.race(ctx.host.sleep(200));
    for (const f of followed) {
      const data = disk.read(ctx.resolve(f)) ?? '';
      const before = sizes.get(f)!;
      const header = () => {
        if (targets.length > 1 && shown !== f) ctx.stdout.write(`\n==> ${f} <==\n`);
        shown = f;
      };
      if (data.length < before) {
        ctx.stderr.write(`tail: ${f}: file truncated\n`);
        header();
        ctx.stdout.write(data);
      } else if (data.length > before) {
        header();
        ctx.stdout.write(data.slice(before));
      }
      sizes.set(f, data.length);
    }
  }
};

const wc: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const flags = new Set<string>();
  const files: string[] = [];
  for (const a of args) {
    if (a.startsWith('-') && a !== '-') {
      for (const f of a.slice(1)) {
        if (!'lwcm'.includes(f)) {
          ctx.stderr.write(`wc: invalid option -- '${f}'\nTry 'wc --help' for more information.\n`);
          return 1;
        }
        flags.add(f);
      }
    } else files.push(a);
  }
  if (flags.size === 0) ['l', 'w', 'c'].forEach((f) => flags.add(f));
  const count = (text: string) => {
    const out: number[] = [];
    if (flags.has('l')) out.push((text.match(/\n/g) ?? []).length);
    if (flags.has('w')) out.push(text.split(/[ \t\n\r\f\v]+/).filter((w) => w !== '').length);
    if (flags.has('m')) out.push(new TextDecoder().decode(Uint8Array.from(text, (c) => c.charCodeAt(0))).length);
    if (flags.has('c')) out.push(text.length);
    return out;
  };
  const rows: { counts: number[]; name: string | null }[] = [];
  let status = 0;
  let fromStdin = false;
  let totalBytes = 0;
  const targets = files.length === 0 ? [null] : files;
  for (const f of targets) {
    if (f === null || f === '-') {
      let text = '';
      for await (const c of ctx.stdin) text += c;
      fromStdin = true;
      rows.push({ counts: count(text), name: f });
      continue;
    }
    const path = ctx.resolve(f);
    if (ctx.host.disk.isDirectory(path)) {
      ctx.stderr.write(`wc: ${f}: Is a directory\n`);
      rows.push({ counts: count(''), name: f });
      status = 1;
      continue;
    }
    const data = ctx.host.disk.read(path);
    if (data === null) {
      ctx.stderr.write(`wc: ${f}: No such file or directory\n`);
      status = 1;
      continue;
    }
    totalBytes += data.length;
    rows.push({ counts: count(data), name: f });
  }
  if (rows.length > 1) {
    const total = rows[0].counts.map((_, i) => rows.reduce((a, r) => a + r.counts[i], 0));
    rows.push({ counts: total, name: 'total' });
  }
  const single = rows.length === 1 && rows[0].counts.length === 1;
  const width = single ? 1 : fromStdin ? 7 : Math.max(1, String(totalBytes).length);
  for (const r of rows) {
    ctx.stdout.write(r.counts.map((c) => String(c).padStart(width)).join(' ') + (r.name === null ? '' : ` ${r.name}`) + '\n');
  }
  return status;
};

export const TEXT_PROGRAMS: Record<string, Program> = { grep, head, tail, wc };
