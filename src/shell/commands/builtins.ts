/**
 * Bash builtins: commands that run inside the shell and change or read its state (`cd`,
 * `export`, `exit`, `kill`, `wait`, `jobs`), plus `echo`, `printf`, `true` and `false`.
 * Their errors carry bash's prefix (`script.sh: line 3: cd: nosuch: No such file or directory`).
 *
 * Counterpart in bash: builtins/*.def (cd.def, echo.def, printf.def, kill.def, wait.def, jobs.def).
 */
import type { Signal } from '../host.ts';
import { Killed, SIGNAL_NUMBERS, type ProcCtx } from '../process.ts';
import type { Job, Shell } from '../shell.ts';
import { AbortCommand, ExitShell, LoopControl, ReturnSignal } from '../shell.ts';
import { testBuiltin } from './test.ts';
import { readBuiltin } from './read.ts';

export type Builtin = (ctx: ProcCtx, shell: Shell) => Promise<number>;

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Backslash escapes of `echo -e` and `printf`'s format; `\c` stops the output (returned flag). */
export function unescape(s: string, echoStyle: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    switch (n) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'c': return { text: out, stop: true };
      case 'e': case 'E': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '"': if (echoStyle) out += '\\"'; else out += '"'; break;
      case "'": if (echoStyle) out += "\\'"; else out += "'"; break;
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (!m) out += '\\x';
        else {
          out += String.fromCharCode(parseInt(m[0], 16));
          i += m[0].length;
        }
        break;
      }
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        // echo: \0nnn (up to 3 digits after the 0); printf: \nnn.
        const digits = echoStyle ? (n === '0' ? /^[0-7]{0,3}/.exec(s.slice(i + 1))![0] : null) : /^[0-7]{0,2}/.exec(s.slice(i + 1))![0];
        if (digits === null) {
          out += '\\' + n;
          break;
        }
        const oct = echoStyle ? digits : n + digits;
        out += String.fromCharCode(parseInt(oct || '0', 8) & 0xff);
        i += digits.length;
        break;
      }
      default: out += '\\' + n;
    }
  }
  return { text: out, stop: false };
}

const echo: Builtin = async (ctx) => {
  const args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length > 0 && /^-[neE]+$/.test(args[0])) {
    for (const f of args.shift()!.slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.join(' ');
  if (escapes) {
    const r = unescape(text, true);
    text = r.text;
    if (r.stop) newline = false;
  }
  ctx.stdout.write(newline ? text + '\n' : text);
  return 0;
};

/** `printf FORMAT [ARGS…]`: %s %b %c %d %i %u %o %x %X %f %e %g %% with flags and widths. */
const printf: Builtin = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[0] === '--') args.shift();
  if (args.length === 0) {
    ctx.stderr.write(`${ctx.errPrefix}printf: usage: printf [-v var] format [arguments]\n`);
    return 2;
  }
  const format = args.shift()!;
  let status = 0;
  let out = '';
  let first = true;
  while (first || args.length > 0) {
    first = false;
    let consumed = false;
    const re = /%([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*))?([sbcdiouxXfeEgG%])|\\(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)?|[^%\\]+|%/g;
    let m: RegExpExecArray | null;
    let stop = false;
    while ((m = re.exec(format)) !== null) {
      const tok = m[0];
      if (tok.startsWith('\\')) {
        const r = unescape(tok, false);
        out += r.text;
        if (r.stop) {
          stop = true;
          break;
        }
        continue;
      }
      if (!tok.startsWith('%') || tok === '%') {
        out += tok;
        continue;
      }
      const conv = m[4];
      if (conv === '%') {
        out += '%';
        continue;
      }
      let width = m[2];
      let precision = m[3];
      if (width === '*') {
        width = args.shift() ?? '0';
        consumed = true;
      }
      if (precision === '*') {
        precision = args.shift() ?? '0';
        consumed = true;
      }
      const arg = args.shift();
      if (arg !== undefined) consumed = true;
      let body: string;
      const flags = m[1];
      switch (conv) {
        case 's':
          body = arg ?? '';
          if (precision !== undefined) body = body.slice(0, Number(precision));
          break;
        case 'b': {
          const r = unescape(arg ?? '', true);
          body = r.text;
          break;
        }
        case 'c':
          body = (arg ?? '').slice(0, 1);
          break;
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
          let n: number;
          const a = arg ?? '0';
          if (/^\s*[-+]?\d+\s*$/.test(a)) n = Number(a);
          else if (/^'./.test(a) || /^"./.test(a)) n = a.charCodeAt(1);
          else if (/^0x[0-9a-f]+$/i.test(a)) n = parseInt(a, 16);
          else {
            ctx.stderr.write(`${ctx.errPrefix}printf: ${a}: invalid number\n`);
            status = 1;
            n = parseInt(a, 10) || 0;
          }
          const neg = n < 0;
          const abs = Math.abs(Math.trunc(n));
          let digits = conv === 'o' ? abs.toString(8) : conv === 'x' ? abs.toString(16) : conv === 'X' ? abs.toString(16).toUpperCase() : String(abs);
          if (precision !== undefined) digits = digits.padStart(Number(precision), '0');
          const sign = neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
          body = sign + digits;
          if (flags.includes('0') && !flags.includes('-') && width !== undefined && precision === undefined) {
            body = sign + digits.padStart(Number(width) - sign.length, '0');
          }
          break;
        }
        default: {
          const x = Number(arg ?? '0');
          const p = precision !== undefined ? Number(precision) : 6;
          body = conv === 'f' ? x.toFixed(p) : conv === 'e' || conv === 'E' ? x.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2') : String(Number(x.toPrecision(p || 1)));
          if (conv === 'E' || conv === 'G') body = body.toUpperCase();
          if (flags.includes('0') && !flags.includes('-') && width !== undefined) body = body.padStart(Number(width), '0');
        }
      }
      if (width !== undefined) {
        const w = Number(width);
        body = flags.includes('-') || w < 0 ? body.padEnd(Math.abs(w)) : body.padStart(w);
      }
      out += body;
    }
    if (stop || !consumed) break;
  }
  ctx.stdout.write(out);
  return status;
};

const cd: Builtin = async (ctx, shell) => {
  const args = ctx.argv.slice(1).filter((a) => a !== '--');
  if (args.length > 1) {
    ctx.stderr.write(`${ctx.errPrefix}cd: too many arguments\n`);
    return 1;
  }
  let target = args[0];
  if (target === undefined) {
    const home = shell.vars.get('HOME');
    if (home === undefined) {
      ctx.stderr.write(`${ctx.errPrefix}cd: HOME not set\n`);
      return 1;
    }
    target = home;
  } else if (target === '-') {
    const old = shell.vars.get('OLDPWD');
    if (old === undefined) {
      ctx.stderr.write(`${ctx.errPrefix}cd: OLDPWD not set\n`);
      return 1;
    }
    target = old;
    ctx.stdout.write(old + '\n');
  }
  const path = ctx.resolve(target);
  const disk = ctx.host.disk;
  if (!disk.isDirectory(path)) {
    ctx.stderr.write(`${ctx.errPrefix}cd: ${target}: ${disk.exists(path) ? 'Not a directory' : 'No such file or directory'}\n`);
    return 1;
  }
  shell.vars.set('OLDPWD', shell.cwd);
  shell.cwd = path;
  shell.vars.set('PWD', path);
  return 0;
};

const pwd: Builtin = async (ctx, shell) => {
  ctx.stdout.write(shell.cwd + '\n');
  return 0;
};

const exportBuiltin: Builtin = async (ctx, shell) => {
  const args = ctx.argv.slice(1).filter((a) => a !== '-n' && a !== '--');
  if (args.length === 0 || (args.length === 1 && args[0] === '-p')) {
    for (const name of [...shell.exported].sort()) {
      const v = shell.vars.get(name);
      ctx.stdout.write(v === undefined ? `declare -x ${name}\n` : `declare -x ${name}="${v.replace(/(["\\$`])/g, '\\$1')}"\n`);
    }
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME_RE.test(name)) {
      ctx.stderr.write(`${ctx.errPrefix}export: \`${a}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    if (eq >= 0) shell.vars.set(name, a.slice(eq + 1));
    shell.exported.add(name);
  }
  return status;
};

const unset: Builtin = async (ctx, shell) => {
  const args = ctx.argv.slice(1);
  let mode: 'v' | 'f' | 'any' = 'any';
  while (args[0] === '-v' || args[0] === '-f') mode = args.shift() === '-v' ? 'v' : 'f';
  for (const name of args) {
    // Without an option a variable goes first; a function only when no variable has the name.
    if (mode === 'f' || (mode === 'any' && !shell.vars.has(name))) shell.functions.delete(name);
    if (mode === 'f') continue;
    shell.vars.delete(name);
    shell.exported.delete(name);
  }
  return 0;
};

/** `source FILE [ARGS…]` and `. FILE`: FILE is looked for in PATH, then in the working directory. */
function sourceBuiltin(name: 'source' | '.'): Builtin {
  return async (ctx, shell) => {
    const args = ctx.argv.slice(1);
    if (args[0] === '--') args.shift();
    const file = args.shift();
    if (file === undefined) {
      ctx.stderr.write(`${ctx.errPrefix}${name}: filename argument required\n${name}: usage: ${name} filename [arguments]\n`);
      return 2;
    }
    const disk = ctx.host.disk;
    let path: string | null = null;
    if (!file.includes('/')) {
      for (const dir of (shell.vars.get('PATH') ?? '').split(':')) {
        const candidate = ctx.resolve(`${dir === '' ? '.' : dir}/${file}`);
        if (disk.read(candidate) !== null && !disk.isDirectory(candidate)) {
          path = candidate;
          break;
        }
      }
    }
    path ??= ctx.resolve(file);
    if (disk.isDirectory(path)) {
      ctx.stderr.write(`${ctx.errPrefix}${name}: ${file}: is a directory\n`);
      return 1;
    }
    if (disk.read(path) === null) {
      ctx.stderr.write(`${ctx.errPrefix}${file}: No such file or directory\n`);
      return 1;
    }
    return shell.source(path, file, args, { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr });
  };
}

/** `return [N]`: ends the running function or sourced file with status N (default `$?`). */
const returnBuiltin: Builtin = async (ctx, shell) => {
  const args = ctx.argv.slice(1);
  if (args[0] === '--') args.shift();
  if (shell.funcNames.length === 0 && shell.sourceDepth === 0) {
    ctx.stderr.write(`${ctx.errPrefix}return: can only \`return' from a function or sourced script\n`);
    return 2;
  }
  if (args.length === 0) throw new ReturnSignal(shell.lastStatus);
  if (!/^[ \t]*[-+]?\d+[ \t]*$/.test(args[0])) {
    ctx.stderr.write(`${ctx.errPrefix}return: ${args[0]}: numeric argument required\n`);
    throw new ReturnSignal(2);
  }
  if (args.length > 1) {
    ctx.stderr.write(`${ctx.errPrefix}return: too many arguments\n`);
    throw new AbortCommand();
  }
  throw new ReturnSignal(Number((BigInt(args[0].trim()) % 256n + 256n) % 256n));
};

/** `local NAME[=VALUE]…`: variables of the running function (dynamic scope, as in bash). */
const local: Builtin = async (ctx, shell) => {
  if (shell.funcNames.length === 0) {
    ctx.stderr.write(`${ctx.errPrefix}local: can only be used in a function\n`);
    return 1;
  }
  let status = 0;
  for (const a of ctx.argv.slice(1)) {
    if (a === '--') continue;
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME_RE.test(name)) {
      ctx.stderr.write(`${ctx.errPrefix}local: \`${a}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    shell.makeLocal(name);
    if (eq >= 0) shell.vars.set(name, a.slice(eq + 1));
    else shell.vars.delete(name);
  }
  return status;
};

/** `shift [N]`: drops the first N positional parameters (1 by default). */
const shift: Builtin = async (ctx, shell) => {
  const arg = ctx.argv[1];
  let n = 1;
  if (arg !== undefined) {
    if (!/^[ \t]*[-+]?\d+[ \t]*$/.test(arg)) {
      ctx.stderr.write(`${ctx.errPrefix}shift: ${arg}: numeric argument required\n`);
      return 1;
    }
    n = Number(arg);
    if (n < 0) {
      ctx.stderr.write(`${ctx.errPrefix}shift: ${arg}: shift count out of range\n`);
      return 1;
    }
  }
  if (n > shell.positional.length) return 1;
  shell.positional = shell.positional.slice(n);
  return 0;
};

const SET_USAGE = 'set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n';

/**
 * `set [-e|+e] [-u|+u] [-o pipefail|errexit|nounset] [--] [ARGS…]`: the options the lab has, and the positional
 * parameters. Bash's other options are refused with a message saying so.
 */
const set: Builtin = async (ctx, shell) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    for (const name of [...shell.vars.keys()].sort()) ctx.stdout.write(`${name}=${quoteValue(shell.vars.get(name)!)}\n`);
    return 0;
  }
  const option = (name: string, on: boolean): number | null => {
    if (name === 'errexit') shell.errexit = on;
    else if (name === 'pipefail') shell.pipefail = on;
    else if (name === 'nounset') shell.nounset = on;
    else if (['allexport', 'braceexpand', 'emacs', 'errtrace', 'functrace', 'hashall', 'histexpand', 'history', 'ignoreeof', 'interactive-comments', 'keyword', 'monitor', 'noclobber', 'noexec', 'noglob', 'nolog', 'notify', 'onecmd', 'physical', 'posix', 'privileged', 'verbose', 'vi', 'xtrace'].includes(name)) {
      ctx.stderr.write(`${ctx.errPrefix}set: -o ${name}: not in the lab's shell (it has errexit, nounset and pipefail)\n`);
      return 2;
    } else {
      ctx.stderr.write(`${ctx.errPrefix}set: ${name}: invalid option name\n`);
      return 2;
    }
    return null;
  };
  while (args.length > 0 && /^[-+]./.test(args[0]) && args[0] !== '--') {
    const a = args.shift()!;
    const on = a[0] === '-';
    for (let i = 1; i < a.length; i++) {
      const f = a[i];
      if (f === 'e') shell.errexit = on;
      else if (f === 'u') shell.nounset = on;
      else if (f === 'o') {
        const name = args.shift();
        if (name === undefined) {
          ctx.stdout.write(`errexit        \t${shell.errexit ? 'on' : 'off'}\nnounset        \t${shell.nounset ? 'on' : 'off'}\npipefail       \t${shell.pipefail ? 'on' : 'off'}\n`);
          return 0;
        }
        const r = option(name, on);
        if (r !== null) return r;
      } else if ('abfhkmnptvxBCEHPT'.includes(f)) {
        ctx.stderr.write(`${ctx.errPrefix}set: ${a[0]}${f}: not in the lab's shell (it has -e, -u and -o pipefail)\n`);
        return 2;
      } else {
        ctx.stderr.write(`${ctx.errPrefix}set: ${a[0]}${f}: invalid option\n${SET_USAGE}`);
        return 2;
      }
    }
  }
  if (args[0] === '--' || args[0] === '-') {
    shell.positional = args.slice(1);
    return 0;
  }
  if (args.length > 0) shell.positional = args;
  return 0;
};

/** A value as `set` prints it: bare when safe, else in single quotes. */
function quoteValue(v: string): string {
  return /^[A-Za-z0-9_./:,@%+=-]*$/.test(v) && v !== '' ? v : `'${v.replace(/'/g, "'\\''")}'`;
}

const exit: Builtin = async (ctx, shell) => {
  const arg = ctx.argv[1];
  if (arg === undefined) throw new ExitShell(shell.lastStatus);
  if (!/^[-+]?\d+$/.test(arg)) {
    ctx.stderr.write(`${ctx.errPrefix}exit: ${arg}: numeric argument required\n`);
    throw new ExitShell(2);
  }
  if (ctx.argv.length > 2) {
    ctx.stderr.write(`${ctx.errPrefix}exit: too many arguments\n`);
    return 1;
  }
  throw new ExitShell(((Number(arg) % 256) + 256) % 256);
};

const SIGNAL_NAMES: Record<string, Signal> = { INT: 'INT', KILL: 'KILL', TERM: 'TERM', STOP: 'STOP', CONT: 'CONT' };
const SIGNAL_BY_NUMBER: Record<string, Signal> = { '2': 'INT', '9': 'KILL', '15': 'TERM', '18': 'CONT', '19': 'STOP' };

function parseSignal(spec: string): Signal | null {
  if (/^\d+$/.test(spec)) return SIGNAL_BY_NUMBER[spec] ?? null;
  const name = spec.toUpperCase().replace(/^SIG/, '');
  return SIGNAL_NAMES[name] ?? null;
}

const KILL_USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

const kill: Builtin = async (ctx, shell) => {
  const args = ctx.argv.slice(1);
  let sig: Signal = 'TERM';
  if (args[0] === '-l' || args[0] === '-L') {
    ctx.stdout.write(' 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n 6) SIGABRT\t 7) SIGBUS\t 8) SIGFPE\t 9) SIGKILL\t10) SIGUSR1\n11) SIGSEGV\t12) SIGUSR2\t13) SIGPIPE\t14) SIGALRM\t15) SIGTERM\n16) SIGSTKFLT\t17) SIGCHLD\t18) SIGCONT\t19) SIGSTOP\t20) SIGTSTP\n');
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    const spec = args[1];
    if (spec === undefined) {
      ctx.stderr.write(`${ctx.errPrefix}kill: ${args[0]}: option requires an argument\n`);
      ctx.stderr.write(KILL_USAGE);
      return 2;
    }
    const s = parseSignal(spec);
    if (!s) {
      ctx.stderr.write(`${ctx.errPrefix}kill: ${spec}: invalid signal specification\n`);
      return 1;
    }
    sig = s;
    args.splice(0, 2);
  } else if (args[0] !== undefined && args[0].startsWith('-') && args[0] !== '-' && args[0] !== '--') {
    const spec = args[0].slice(1);
    const s = parseSignal(spec);
    if (!s) {
      ctx.stderr.write(`${ctx.errPrefix}kill: ${spec}: invalid signal specification\n`);
      return 1;
    }
    sig = s;
    args.shift();
  }
  if (args[0] === '--') args.shift();
  if (args.length === 0) {
    ctx.stderr.write(KILL_USAGE);
    return 2;
  }
  let status = 0;
  for (const a of args) {
    if (a.startsWith('%')) {
      const job = findJob(shell, a);
      if (!job) {
        ctx.stderr.write(`${ctx.errPrefix}kill: ${a}: no such job\n`);
        status = 1;
        continue;
      }
      for (const p of job.procs) if (!shell.signalProc(p.pid, sig)) ctx.host.kill(p.pid, sig);
      continue;
    }
    if (!/^-?\d+$/.test(a)) {
      ctx.stderr.write(`${ctx.errPrefix}kill: ${a}: arguments must be process or job IDs\n`);
      status = 1;
      continue;
    }
    const pid = Number(a);
    if (pid === shell.pid) {
      // Signalling the shell itself: TERM and INT are ignored by an interactive bash; a script dies.
      if (!shell.interactive && (sig === 'TERM' || sig === 'KILL' || sig === 'INT')) throw new ExitShell(128 + { TERM: 15, KILL: 9, INT: 2 }[sig]);
      continue;
    }
    if (!shell.signalProc(pid, sig) && !ctx.host.kill(pid, sig)) {
      ctx.stderr.write(`${ctx.errPrefix}kill: (${pid}) - No such process\n`);
      status = 1;
    }
  }
  return status;
};

function findJob(shell: Shell, spec: string): Job | undefined {
  const live = shell.jobs;
  if (spec === '%' || spec === '%%' || spec === '%+') return live[live.length - 1];
  if (spec === '%-') return live[live.length - 2];
  const n = Number(spec.slice(1));
  if (Number.isInteger(n)) return live.find((j) => j.id === n);
  const prefix = spec.slice(1);
  return live.find((j) => j.text.startsWith(prefix));
}

/** The script line of the running builtin, from its error prefix (`script.sh: line 3: `). */
function lineOf(ctx: ProcCtx): number {
  const m = /line (\d+): $/.exec(ctx.errPrefix);
  return m ? Number(m[1]) : 0;
}

const wait: Builtin = async (ctx, shell) => {
  const args = ctx.argv.slice(1).filter((a) => a !== '-n' && a !== '-f');
  try {
    if (args.length === 0) {
      for (const job of [...shell.jobs]) await ctx.signals.race(job.done);
      shell.reportKilledJobs(lineOf(ctx));
      // After `wait`, finished jobs are forgotten.
      shell.jobs.splice(0, shell.jobs.length, ...shell.jobs.filter((j) => j.state !== 'done'));
      return 0;
    }
    let status = 0;
    for (const a of args) {
      let job: Job | undefined;
      if (a.startsWith('%')) {
        job = findJob(shell, a);
        if (!job) {
          ctx.stderr.write(`${ctx.errPrefix}wait: ${a}: no such job\n`);
          status = 127;
          continue;
        }
      } else if (/^\d+$/.test(a)) {
        job = shell.jobs.find((j) => j.pid === Number(a) || j.procs.some((p) => p.pid === Number(a)));
        if (!job) {
          ctx.stderr.write(`${ctx.errPrefix}wait: pid ${a} is not a child of this shell\n`);
          status = 127;
          continue;
        }
      } else {
        ctx.stderr.write(`${ctx.errPrefix}wait: \`${a}': not a pid or valid job spec\n`);
        status = 2;
        continue;
      }
      status = await ctx.signals.race(job.done);
      shell.reportKilledJobs(lineOf(ctx));
      // A job waited for by number is forgotten.
      const at = shell.jobs.indexOf(job);
      if (at >= 0) shell.jobs.splice(at, 1);
    }
    return status;
  } catch (e) {
    if (e instanceof Killed) return 128 + SIGNAL_NUMBERS[e.signal];
    throw e;
  }
};

const jobs: Builtin = async (ctx, shell) => {
  const long = ctx.argv.includes('-l');
  const pidsOnly = ctx.argv.includes('-p');
  const list = shell.jobs;
  list.forEach((job, i) => {
    const mark = i === list.length - 1 ? '+' : i === list.length - 2 ? '-' : ' ';
    if (pidsOnly) {
      ctx.stdout.write(`${job.pid}\n`);
      return;
    }
    let state: string;
    let text = job.text;
    if (job.state === 'done') {
      const s = job.status ?? 0;
      state = s === 0 ? 'Done' : s === 143 ? 'Terminated' : s === 137 ? 'Killed' : s === 130 ? 'Interrupt' : `Exit ${s}`;
      text = text.replace(/ &$/, '');
    } else state = job.state === 'stopped' ? 'Stopped' : 'Running';
    const pid = long ? ` ${job.pid}` : ' ';
    ctx.stdout.write(`[${job.id}]${mark}${pid} ${state.padEnd(24)}${text}\n`);
  });
  // Jobs reported as done are removed from the table, as bash does.
  const remaining = list.filter((j) => j.state !== 'done');
  list.splice(0, list.length, ...remaining);
  return 0;
};

/** `break [N]` and `continue [N]`: leave (or go on with) the Nth enclosing loop. */
function loopControl(kind: 'break' | 'continue'): Builtin {
  return async (ctx, shell) => {
    const args = ctx.argv.slice(1);
    let n = 1;
    if (args.length > 0) {
      if (!/^[ \t]*[-+]?\d+[ \t]*$/.test(args[0])) {
        ctx.stderr.write(`${ctx.errPrefix}${kind}: ${args[0]}: numeric argument required\n`);
        throw new ExitShell(128);
      }
      if (args.length > 1) {
        ctx.stderr.write(`${ctx.errPrefix}${kind}: too many arguments\n`);
        throw new AbortCommand();
      }
      n = Number(args[0]);
    }
    if (shell.loopDepth === 0) {
      ctx.stderr.write(`${ctx.errPrefix}${kind}: only meaningful in a \`for', \`while', or \`until' loop\n`);
      return 0;
    }
    if (n <= 0) {
      // bash leaves every enclosing loop then, with status 1.
      ctx.stderr.write(`${ctx.errPrefix}${kind}: ${args[0]}: loop count out of range\n`);
      shell.lastStatus = 1;
      throw new LoopControl('break', shell.loopDepth, 1);
    }
    throw new LoopControl(kind, Math.min(n, shell.loopDepth));
  };
}

export const BUILTINS: Record<string, Builtin> = {
  break: loopControl('break'),
  continue: loopControl('continue'),
  test: testBuiltin,
  '[': testBuiltin,
  echo,
  printf,
  cd,
  pwd,
  export: exportBuiltin,
  unset,
  exit,
  kill,
  wait,
  jobs,
  true: async () => 0,
  false: async () => 1,
  ':': async () => 0,
  source: sourceBuiltin('source'),
  '.': sourceBuiltin('.'),
  return: returnBuiltin,
  local,
  shift,
  set,
  read: readBuiltin,
};
