/**
 * `read [-ers] [-a NAME] [-d DELIM] [-n N] [-p PROMPT] [NAME…]`: one line of standard input
 * split into variables — from a pipe (`redis-cli … | while read -r line`), a here-document, a
 * file, or the terminal (with the line editor when the tab has one).
 *
 * Counterpart in bash: builtins/read.def. Like bash it consumes no more than its line (the rest
 * stays for the next reader), splits on IFS, gives the last name the rest of the line, removes
 * backslashes (and joins `\`-newline continued lines) unless `-r`, and fails (status 1) at end
 * of file, still assigning what it read; `-t SECONDS` gives up with status 142 (what came
 * before stays read). Not here: `-u` other than 0, `-i`, `-e`'s readline (the tab's line
 * editor is used whenever the input is the terminal).
 */
import { Killed, SIGNAL_NUMBERS, type ProcCtx } from '../process.ts';
import type { Shell } from '../shell.ts';
import { unread } from '../streams.ts';

const USAGE = 'read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n';
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A character read, and whether a backslash protected it from splitting. */
interface Ch {
  c: string;
  escaped: boolean;
}

export async function readBuiltin(ctx: ProcCtx, shell: Shell): Promise<number> {
  const args = ctx.argv.slice(1);
  let raw = false;
  let prompt: string | null = null;
  let delim = '\n';
  let count: number | null = null;
  let arrayName: string | null = null;
  let timeoutMs: number | null = null;
  let exact = false;
  while (args.length > 0 && args[0].startsWith('-') && args[0] !== '-') {
    const a = args.shift()!;
    if (a === '--') break;
    for (let i = 1; i < a.length; i++) {
      const f = a[i];
      if (f === 'r') raw = true;
      else if (f === 's' || f === 'e') continue;
      else if ('pdnaNtui'.includes(f)) {
        const value = i + 1 < a.length ? a.slice(i + 1) : args.shift();
        if (value === undefined) {
          ctx.stderr.write(`${ctx.errPrefix}read: -${f}: option requires an argument\n${USAGE}`);
          return 2;
        }
        if (f === 'p') prompt = value;
        else if (f === 'd') delim = value === '' ? '\0' : value[0];
        else if (f === 'a') arrayName = value;
        else if (f === 'i') continue;
        else if (f === 't') {
          if (!/^(\d+\.?\d*|\.\d+)$/.test(value)) {
            ctx.stderr.write(`${ctx.errPrefix}read: ${value}: invalid timeout specification\n`);
            return 1;
          }
          timeoutMs = Number(value) * 1000;
        } else if (f === 'u') {
          if (!/^\d+$/.test(value) || Number(value) !== 0) {
            ctx.stderr.write(`${ctx.errPrefix}read: ${value}: invalid file descriptor: Bad file descriptor\n`);
            return 1;
          }
        } else {
          exact = f === 'N';
          if (!/^\d+$/.test(value)) {
            ctx.stderr.write(`${ctx.errPrefix}read: ${value}: invalid number\n`);
            return 1;
          }
          count = Number(value);
        }
        break;
      } else {
        ctx.stderr.write(`${ctx.errPrefix}read: -${f}: invalid option\n${USAGE}`);
        return 2;
      }
    }
  }
  for (const name of arrayName !== null ? [arrayName] : args) {
    if (!NAME_RE.test(name)) {
      ctx.stderr.write(`${ctx.errPrefix}read: \`${name}': not a valid identifier\n`);
      return 1;
    }
  }
  const ifs = Object.hasOwn(ctx.env, 'IFS') ? ctx.env.IFS : (shell.vars.get('IFS') ?? ' \t\n');
  let line: Ch[];
  let found: boolean;
  try {
    const result = await readInput(ctx, { raw, prompt, delim: exact ? '' : delim, count, timeoutMs });
    if (result === 'timeout') return 142;
    ({ line, found } = result);
  } catch (e) {
    if (e instanceof Killed) return 128 + SIGNAL_NUMBERS[e.signal];
    throw e;
  }
  if (arrayName !== null) {
    const fields = splitAll(line, ifs);
    for (const k of [...shell.vars.keys()]) if (k.startsWith(`${arrayName}[`)) shell.vars.delete(k);
    fields.forEach((f, i) => shell.vars.set(`${arrayName}[${i}]`, f));
    shell.vars.set(arrayName, fields[0] ?? '');
  } else if (args.length === 0) {
    // REPLY gets the line as it was, blanks and all.
    shell.vars.set('REPLY', line.map((ch) => ch.c).join(''));
  } else {
    const values = split(line, ifs, args.length);
    args.forEach((name, i) => shell.vars.set(name, values[i] ?? ''));
  }
  return found ? 0 : 1;
}

/**
 * Reads up to the delimiter (or N characters); `found` is false at end of file; 'timeout' when
 * `-t` ran out first (a chunk arriving later is given back to the input).
 */
async function readInput(ctx: ProcCtx, opts: { raw: boolean; prompt: string | null; delim: string; count: number | null; timeoutMs: number | null }): Promise<{ line: Ch[]; found: boolean } | 'timeout'> {
  const input = ctx.stdin;
  const deadline = opts.timeoutMs === null ? null : ctx.host.now() + opts.timeoutMs;
  const TIMEOUT = Symbol('timeout');
  const next = async <T>(p: Promise<T>, giveBack: (v: T) => void): Promise<T | typeof TIMEOUT> => {
    if (deadline === null) return ctx.signals.race(p);
    const left = Math.max(0, deadline - ctx.host.now());
    const r: T | typeof TIMEOUT = await ctx.signals.race(Promise.race([p, ctx.host.sleep(left).then((): typeof TIMEOUT => TIMEOUT)]));
    if (r === TIMEOUT) void p.then(giveBack, () => {});
    return r as T | typeof TIMEOUT;
  };
  let text: string | null = null;
  if (input.isTty && input.readLine && opts.delim === '\n' && opts.count === null) {
    // A terminal tab: the line editor shows the prompt and echoes what is typed.
    const typed = await next(input.readLine({ prompt: opts.prompt ?? '', history: 'read', remember: () => false }), () => {});
    if (typed === TIMEOUT) return 'timeout';
    if (typed === null) return { line: [], found: false };
    text = typed + '\n';
  } else if (input.isTty && opts.prompt !== null) ctx.stderr.write(opts.prompt);
  const line: Ch[] = [];
  let buffer = text ?? '';
  let eof = text !== null;
  const more = async (): Promise<boolean | typeof TIMEOUT> => {
    const chunk = await next(input.read(), (c) => {
      if (c !== null) unread(input, c);
    });
    if (chunk === TIMEOUT) return TIMEOUT;
    if (chunk === null) eof = true;
    else buffer = chunk;
    return true;
  };
  let at = 0;
  for (;;) {
    while (at < buffer.length) {
      const c = buffer[at++];
      if (!opts.raw && c === '\\') {
        if (at >= buffer.length && !eof) {
          buffer = '';
          at = 0;
          if ((await more()) === TIMEOUT) return 'timeout';
        }
        if (at >= buffer.length) continue;
        const n = buffer[at++];
        // Backslash-newline continues the line.
        if (n !== '\n') line.push({ c: n, escaped: true });
      } else if (c === opts.delim) {
        unread(input, buffer.slice(at));
        return { line, found: true };
      } else line.push({ c, escaped: false });
      if (opts.count !== null && line.length >= opts.count) {
        unread(input, buffer.slice(at));
        return { line, found: true };
      }
    }
    if (eof) return { line, found: false };
    buffer = '';
    at = 0;
    if ((await more()) === TIMEOUT) return 'timeout';
  }
}

const isWhite = (c: string) => c === ' ' || c === '\t' || c === '\n';

/** Splits into at most `n` fields: the last one takes the rest of the line (trailing IFS blanks trimmed). */
function split(line: Ch[], ifs: string, n: number): string[] {
  if (ifs === '') return [line.map((ch) => ch.c).join('')];
  const isIfs = (ch: Ch) => !ch.escaped && ifs.includes(ch.c);
  const isIfsWhite = (ch: Ch) => isIfs(ch) && isWhite(ch.c);
  let i = 0;
  while (i < line.length && isIfsWhite(line[i])) i++;
  const out: string[] = [];
  while (out.length < n - 1 && i < line.length) {
    let field = '';
    while (i < line.length && !isIfs(line[i])) field += line[i++].c;
    out.push(field);
    // One delimiter: blanks, at most one non-blank IFS character, blanks.
    while (i < line.length && isIfsWhite(line[i])) i++;
    if (i < line.length && isIfs(line[i]) && !isWhite(line[i].c)) {
      i++;
      while (i < line.length && isIfsWhite(line[i])) i++;
    }
  }
  let end = line.length;
  while (end > i && isIfsWhite(line[end - 1])) end--;
  if (i < end) out.push(line.slice(i, end).map((ch) => ch.c).join(''));
  return out;
}

/** Every field of the line (`read -a`). */
function splitAll(line: Ch[], ifs: string): string[] {
  return split(line, ifs, Number.MAX_SAFE_INTEGER);
}
