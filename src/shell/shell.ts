/**
 * The shell: runs a script (or, later, lines typed in a terminal tab) in a bash subset, with
 * programs connected by streams, background jobs, redirections and bash's error wording.
 *
 * Counterpart in bash: execute_cmd.c (pipelines, `&&`/`||`, redirections, job control as a
 * non-interactive bash does it) and jobs.c. Programs run concurrently as async functions;
 * the host (simulator or browser runtime) provides files, processes, connections and time.
 */
import { absolutePath } from '../engine/util/path.ts';
import type { ShellHost, Signal } from './host.ts';
import { Parser, ShellSyntaxError, parseHeredocBody, type AndOr, type ListItem, type Pipeline, type Redirect, type SimpleCommand, type Word } from './parse.ts';
import { ExpansionError, expandString, expandWord, type ExpandEnv } from './expand.ts';
import { CaptureOutput, EmptyInput, FileOutput, NULL_OUTPUT, Pipe, TextInput, type Input, type Output } from './streams.ts';
import { Killed, ProcSignals, SIGNAL_NUMBERS, type ProcCtx, type Program } from './process.ts';
import { BUILTINS, type Builtin } from './commands/builtins.ts';
import { PROGRAMS } from './commands/programs.ts';

export interface ShellOptions {
  host: ShellHost;
  /** Where the shell's standard output and error go: the terminal. */
  terminal: Output;
  /** The terminal's input (what redis-cli without a command reads); empty by default. */
  stdin?: Input;
  env?: Record<string, string>;
  cwd?: string;
  /**
   * The script's name as bash reports it (`script.sh: line 3: foo: command not found`); null
   * for a script read from standard input or an interactive shell (`bash: foo: …`).
   */
  scriptName?: string | null;
  interactive?: boolean;
  /**
   * Programs the embedding adds to the shell's `PATH` (the browser terminal's `clear`, `help`
   * and `edit`); they take precedence over the built-in programs of the same name.
   */
  programs?: Record<string, Program>;
}

/** `exit N` unwinds to the script's top level. */
export class ExitShell extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`exit ${code}`);
    this.code = code;
  }
}

export interface RunningProc {
  pid: number;
  name: string;
  signals: ProcSignals;
}

export interface Job {
  id: number;
  /** The pid `$!` names: the last process of the pipeline. */
  pid: number;
  text: string;
  procs: RunningProc[];
  status: number | null;
  done: Promise<number>;
  state: 'running' | 'stopped' | 'done';
}

interface IO {
  stdin: Input;
  stdout: Output;
  stderr: Output;
}

/**
 * The signals a non-interactive bash reports when they end a background job, with bash's words
 * for them (strsignal): a server killed with `kill -9`, or crashed by DEBUG SEGFAULT (status
 * 139: Redis's crash handler re-raises SIGSEGV after its report).
 */
const REPORTED_SIGNALS: Record<number, string> = { 6: 'Aborted', 9: 'Killed', 11: 'Segmentation fault' };

export class Shell {
  readonly host: ShellHost;
  readonly terminal: Output;
  readonly terminalIn: Input;
  readonly scriptName: string | null;
  readonly interactive: boolean;
  readonly pid: number;
  cwd: string;
  lastStatus = 0;
  lastBackgroundPid: number | null = null;
  readonly vars = new Map<string, string>();
  readonly exported = new Set<string>();
  readonly jobs: Job[] = [];
  /** Every process this shell started that is still running (ps, kill). */
  readonly procs = new Map<number, RunningProc>();
  private foreground: RunningProc[] = [];
  /** Background jobs killed by a signal bash reports (`script.sh: line 5: 1234 Killed  sleep 5`). */
  private notices: Job[] = [];
  private nextJobId = 1;
  private localPid: number;
  private readonly extraPrograms: Record<string, Program>;
  /** Set once `exit` ended the shell (an interactive terminal closes the tab then). */
  exited = false;

  constructor(opts: ShellOptions) {
    this.host = opts.host;
    this.terminal = opts.terminal;
    this.terminalIn = opts.stdin ?? new EmptyInput(false);
    this.scriptName = opts.scriptName === undefined ? 'script.sh' : opts.scriptName;
    this.interactive = opts.interactive ?? false;
    this.extraPrograms = opts.programs ?? {};
    this.cwd = opts.cwd ?? '/home/learner';
    this.localPid = 4000;
    this.pid = this.allocatePid();
    const env = { HOME: '/home/learner', PATH: '/usr/local/bin:/usr/bin:/bin', USER: 'learner', PWD: this.cwd, ...(opts.env ?? {}) };
    for (const [k, v] of Object.entries(env)) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
    if (!this.host.disk.isDirectory(this.cwd)) this.host.disk.mkdir(this.cwd);
  }

  /** A pid for a new process, from the host when it hands them out (so they never collide). */
  allocatePid(): number {
    return this.host.allocatePid ? this.host.allocatePid() : this.localPid++;
  }

  /** The prefix bash puts before its own messages: `script.sh: line 3: ` or `bash: `. */
  prefix(line: number): string {
    return this.scriptName === null ? 'bash: ' : `${this.scriptName}: line ${line}: `;
  }

  /** Runs a whole script; resolves with its exit status. */
  async runScript(src: string): Promise<number> {
    const parser = new Parser(src);
    try {
      for (;;) {
        let step;
        try {
          step = parser.next();
        } catch (e) {
          if (!(e instanceof ShellSyntaxError)) throw e;
          this.terminal.write(`${this.prefix(e.line)}${e.message}\n`);
          if (e.context !== null) this.terminal.write(`${this.prefix(e.line)}${e.context}\n`);
          this.lastStatus = 2;
          return 2;
        }
        if (step.kind === 'eof') return this.lastStatus;
        for (const w of step.warnings) this.terminal.write(`${this.prefix(w.line)}${w.text}\n`);
        await this.runList(step.items, this.defaultIO());
      }
    } catch (e) {
      if (e instanceof ExitShell) {
        this.lastStatus = e.code;
        this.exited = true;
        return e.code;
      }
      throw e;
    }
  }

  /** The names of the foreground job's processes, first to last (a terminal tab's title). */
  foregroundNames(): string[] {
    return this.foreground.map((p) => p.name);
  }

  /** Sends SIGINT to the foreground job (Ctrl+C in the terminal). */
  interrupt(): void {
    for (const p of this.foreground) p.signals.deliver('INT');
  }

  /** Delivers a signal to a process this shell started; false if it has none with that pid. */
  signalProc(pid: number, sig: Signal): boolean {
    const proc = this.procs.get(pid);
    if (!proc) return false;
    proc.signals.deliver(sig);
    return true;
  }

  private defaultIO(): IO {
    return { stdin: this.terminalIn, stdout: this.terminal, stderr: this.terminal };
  }

  /** The exported environment as programs see it. */
  environment(extra: Record<string, string> = {}): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of this.exported) {
      const v = this.vars.get(name);
      if (v !== undefined) env[name] = v;
    }
    return { ...env, ...extra };
  }

  private async runList(items: ListItem[], io: IO): Promise<void> {
    for (const item of items) {
      if (item.background) await this.startBackground(item.andOr, io);
      else this.lastStatus = await this.runAndOr(item.andOr, io, false);
    }
  }

  private async startBackground(andOr: AndOr, io: IO): Promise<void> {
    // A non-interactive bash gives background jobs /dev/null as standard input.
    const bgIO: IO = { ...io, stdin: this.interactive ? io.stdin : new EmptyInput(false) };
    const job: Job = { id: this.nextJobId++, pid: 0, text: describeAndOr(andOr) + ' &', procs: [], status: null, done: Promise.resolve(0), state: 'running' };
    this.jobs.push(job);
    if (andOr.rest.length === 0) {
      // `$!` is the pid of the pipeline's last process, known once it has started.
      let started!: (pid: number) => void;
      const lastStarted = new Promise<number>((resolve) => (started = resolve));
      job.done = this.runPipeline(andOr.first, bgIO, { background: true, job, onLastStart: started });
      job.pid = await lastStarted;
    } else {
      // `a && b &` runs in a subshell: one pid for the whole list.
      const pid = this.allocatePid();
      job.pid = pid;
      const signals = new ProcSignals();
      const proc: RunningProc = { pid, name: 'bash', signals };
      job.procs.push(proc);
      this.procs.set(pid, proc);
      job.done = signals.race(this.runAndOr(andOr, bgIO, true)).catch((e) => {
        if (e instanceof Killed) return 128 + SIGNAL_NUMBERS[e.signal];
        throw e;
      });
    }
    this.lastBackgroundPid = job.pid;
    void job.done.then((status) => {
      job.status = status;
      job.state = 'done';
      // A non-interactive bash reports jobs killed by a signal other than INT, TERM and PIPE.
      if (!this.interactive && REPORTED_SIGNALS[status - 128] !== undefined) this.notices.push(job);
      for (const p of job.procs) if (this.procs.get(p.pid) === p) this.procs.delete(p.pid);
    });
  }

  private async runAndOr(andOr: AndOr, io: IO, inSubshell: boolean): Promise<number> {
    let status = await this.runPipeline(andOr.first, io, { background: inSubshell });
    for (const { op, pipeline } of andOr.rest) {
      this.lastStatus = status;
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      status = await this.runPipeline(pipeline, io, { background: inSubshell });
    }
    return status;
  }

  private async runPipeline(pipeline: Pipeline, io: IO, opts: { background: boolean; job?: Job; onLastStart?: (pid: number) => void }): Promise<number> {
    const n = pipeline.commands.length;
    const pipes: Pipe[] = [];
    for (let i = 0; i < n - 1; i++) pipes.push(new Pipe(1));
    const runs = pipeline.commands.map((cmd, i) => {
      const memberIO: IO = {
        stdin: i === 0 ? io.stdin : pipes[i - 1].input,
        stdout: i === n - 1 ? io.stdout : pipes[i].output,
        stderr: io.stderr,
      };
      const onStart = i === n - 1 ? opts.onLastStart : undefined;
      const run = this.runCommand(cmd, memberIO, { subshell: n > 1 || opts.background, job: opts.job, foreground: !opts.background, onStart });
      return run.finally(() => {
        if (i < n - 1) pipes[i].closeWriter();
        if (i > 0) pipes[i - 1].input.close();
      });
    });
    const statuses = await Promise.all(runs);
    const status = statuses[n - 1];
    return pipeline.negate ? (status === 0 ? 1 : 0) : status;
  }

  private expandEnv(line: number): ExpandEnv {
    return {
      param: (name) => this.param(name),
      setParam: (name, value) => this.vars.set(name, value),
      commandSubstitution: (source) => this.commandSubstitution(source, line),
      home: () => this.vars.get('HOME') ?? '/',
      cwd: this.cwd,
      disk: this.host.disk,
    };
  }

  /** The value of `$NAME` or a special parameter; null when unset. */
  param(name: string): string | null {
    switch (name) {
      case '?':
        return String(this.lastStatus);
      case '$':
        return String(this.pid);
      case '!':
        return this.lastBackgroundPid === null ? '' : String(this.lastBackgroundPid);
      case '#':
        return '0';
      case '0':
        return this.scriptName ?? 'bash';
      case '@':
      case '*':
      case '-':
        return '';
      default:
        if (/^[1-9]$/.test(name)) return null;
        return this.vars.get(name) ?? null;
    }
  }

  private async commandSubstitution(source: string, line: number): Promise<string> {
    const capture = new CaptureOutput(false);
    const sub = new Parser(source);
    const io: IO = { stdin: this.terminalIn, stdout: capture, stderr: this.terminal };
    try {
      for (;;) {
        const step = sub.next();
        if (step.kind === 'eof') break;
        await this.runList(step.items, io);
      }
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        this.terminal.write(`${this.prefix(line)}command substitution: line ${e.line}: ${e.message}\n`);
        this.lastStatus = 2;
      } else if (e instanceof ExitShell) this.lastStatus = e.code;
      else throw e;
    }
    return capture.text;
  }

  private async runCommand(cmd: SimpleCommand, io: IO, opts: { subshell: boolean; job?: Job; foreground: boolean; onStart?: (pid: number) => void }): Promise<number> {
    let started = false;
    const start = (pid: number) => {
      if (!started) opts.onStart?.(pid);
      started = true;
    };
    try {
      return await this.execCommand(cmd, io, opts, start);
    } finally {
      // A command that never got to run (not found, bad redirection) still had a pid in bash.
      if (!started) start(opts.subshell ? this.allocatePid() : this.pid);
    }
  }

  private async execCommand(cmd: SimpleCommand, io: IO, opts: { subshell: boolean; job?: Job; foreground: boolean }, start: (pid: number) => void): Promise<number> {
    const prefix = this.prefix(cmd.line);
    const env = this.expandEnv(cmd.line);
    const argv: string[] = [];
    const assigns: Record<string, string> = {};
    try {
      for (const w of cmd.words) argv.push(...(await expandWord(w, env)));
      for (const a of cmd.assigns) assigns[a.name] = await expandString(a.value, env);
    } catch (e) {
      if (e instanceof ExpansionError) {
        io.stderr.write(`${prefix}${e.message}\n`);
        return 1;
      }
      throw e;
    }
    const fds = await this.applyRedirects(cmd.redirects, io, prefix, env);
    if (typeof fds === 'number') return fds;
    if (argv.length === 0) {
      for (const [k, v] of Object.entries(assigns)) this.vars.set(k, v);
      return 0;
    }
    const name = argv[0];
    const builtin: Builtin | undefined = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
    if (builtin) {
      const signals = new ProcSignals();
      const self: RunningProc = { pid: this.pid, name, signals };
      if (opts.foreground) this.foreground.push(self);
      const ctx = this.makeCtx(argv, fds, prefix, this.pid, signals, assigns);
      try {
        const running = builtin(ctx, this);
        start(opts.subshell ? this.allocatePid() : this.pid);
        return await running;
      } catch (e) {
        if (e instanceof ExitShell && opts.subshell) return e.code;
        if (e instanceof Killed) return 128 + SIGNAL_NUMBERS[e.signal];
        throw e;
      } finally {
        this.foreground = this.foreground.filter((p) => p !== self);
      }
    }
    const program: Program | undefined = Object.hasOwn(this.extraPrograms, name) ? this.extraPrograms[name] : Object.hasOwn(PROGRAMS, name) ? PROGRAMS[name] : undefined;
    if (!program) {
      if (name.includes('/')) {
        const path = absolutePath(this.cwd, name);
        if (!this.host.disk.exists(path)) {
          fds.stderr.write(`${prefix}${name}: No such file or directory\n`);
          return 127;
        }
        fds.stderr.write(`${prefix}${name}: Permission denied\n`);
        return 126;
      }
      fds.stderr.write(`${prefix}${name}: command not found\n`);
      return 127;
    }
    const signals = new ProcSignals();
    const proc: RunningProc = { pid: this.allocatePid(), name, signals };
    // A program killed by a signal writes nothing more, even if its code is still unwinding.
    const guard = (out: Output): Output => ({
      write: (t) => {
        if (signals.fatal === null) out.write(t);
      },
      isTty: out.isTty,
      get broken() {
        return out.broken;
      },
    });
    const ctx = this.makeCtx(argv, { stdin: fds.stdin, stdout: guard(fds.stdout), stderr: guard(fds.stderr) }, prefix, proc.pid, signals, assigns);
    ctx.setPid = (pid: number) => {
      if (this.procs.get(proc.pid) === proc) this.procs.delete(proc.pid);
      proc.pid = pid;
      ctx.pid = pid;
      this.procs.set(pid, proc);
    };
    this.procs.set(proc.pid, proc);
    opts.job?.procs.push(proc);
    if (opts.foreground) this.foreground.push(proc);
    try {
      const running = program(ctx, this);
      start(proc.pid);
      const status = await signals.race(running);
      if (opts.foreground) this.reportKilledJobs(cmd.line);
      return status;
    } catch (e) {
      if (e instanceof Killed) return 128 + SIGNAL_NUMBERS[e.signal];
      if (e instanceof ExitShell) return e.code;
      fds.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    } finally {
      if (this.procs.get(proc.pid) === proc) this.procs.delete(proc.pid);
      this.foreground = this.foreground.filter((p) => p !== proc);
    }
  }

  private makeCtx(argv: string[], io: IO, prefix: string, pid: number, signals: ProcSignals, assigns: Record<string, string>): ProcCtx {
    const cwd = this.cwd;
    return {
      argv,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      env: this.environment(assigns),
      cwd,
      host: this.host,
      signals,
      pid,
      setPid: () => {},
      errPrefix: prefix,
      resolve: (name: string) => absolutePath(cwd, name),
      interactive: this.interactive,
    };
  }

  /** Applies redirections in order; returns the new streams, or an exit status on failure. */
  private async applyRedirects(redirects: Redirect[], io: IO, prefix: string, env: ExpandEnv): Promise<IO | number> {
    const fds = new Map<number, Input | Output>([
      [0, io.stdin],
      [1, io.stdout],
      [2, io.stderr],
    ]);
    const disk = this.host.disk;
    for (const r of redirects) {
      let target: string;
      try {
        if (r.heredoc) {
          const body = r.heredoc.expand ? await expandString(parseHeredocBody(r.heredoc.body), env) : r.heredoc.body;
          fds.set(r.fd, new TextInput(body));
          continue;
        }
        const words = await expandWord(r.target, env);
        if (words.length !== 1) {
          io.stderr.write(`${prefix}${sourceOf(r.target)}: ambiguous redirect\n`);
          return 1;
        }
        target = words[0];
      } catch (e) {
        if (e instanceof ExpansionError) {
          io.stderr.write(`${prefix}${e.message}\n`);
          return 1;
        }
        if (e instanceof ShellSyntaxError) {
          // A `$(` left open inside a here-document body: bash reports it as a command substitution error.
          const name = this.scriptName === null ? 'bash' : this.scriptName;
          io.stderr.write(`${name}: command substitution: line ${e.line}: ${e.message}\n`);
          return 1;
        }
        throw e;
      }
      if ((r.op === '>&' || r.op === '<&') && /^\d+$/.test(target)) {
        const src = fds.get(Number(target));
        if (!src) {
          io.stderr.write(`${prefix}${target}: Bad file descriptor\n`);
          return 1;
        }
        fds.set(r.fd, src);
        continue;
      }
      if (r.op === '>&' && target === '-') {
        fds.set(r.fd, NULL_OUTPUT);
        continue;
      }
      const special = this.specialFile(target, fds);
      if (r.op === '<' || r.op === '<&') {
        if (special) {
          fds.set(r.fd, special === NULL_OUTPUT ? new EmptyInput(false) : (special as unknown as Input));
          continue;
        }
        const path = absolutePath(this.cwd, target);
        const data = disk.read(path);
        if (data === null) {
          io.stderr.write(`${prefix}${target}: ${disk.isDirectory(path) ? 'Is a directory' : 'No such file or directory'}\n`);
          return 1;
        }
        fds.set(r.fd, new TextInput(data));
        continue;
      }
      let out: Output;
      if (special) out = special as Output;
      else {
        const path = absolutePath(this.cwd, target);
        if (disk.isDirectory(path)) {
          io.stderr.write(`${prefix}${target}: Is a directory\n`);
          return 1;
        }
        const parent = path.slice(0, path.lastIndexOf('/')) || '/';
        if (!disk.isDirectory(parent)) {
          io.stderr.write(`${prefix}${target}: No such file or directory\n`);
          return 1;
        }
        const append = r.op === '>>' || r.op === '&>>';
        if (!append || disk.read(path) === null) disk.write(path, append ? (disk.read(path) ?? '') : '');
        out = new FileOutput(disk, path);
      }
      if (r.op === '&>' || r.op === '&>>' || (r.op === '>&' && r.fd === 1)) {
        fds.set(1, out);
        fds.set(2, out);
      } else fds.set(r.fd, out);
    }
    return { stdin: fds.get(0) as Input, stdout: fds.get(1) as Output, stderr: fds.get(2) as Output };
  }

  private specialFile(name: string, fds: Map<number, Input | Output>): Input | Output | null {
    switch (name) {
      case '/dev/null':
        return NULL_OUTPUT;
      case '/dev/stdout':
        return fds.get(1)!;
      case '/dev/stderr':
        return fds.get(2)!;
      case '/dev/stdin':
        return fds.get(0)!;
      case '/dev/tty':
        return this.terminal;
      default:
        return null;
    }
  }

  /**
   * Prints the pending reports of background jobs killed by a signal, as bash does after it
   * waited for a foreground command (or in `wait`), with that command's line.
   */
  reportKilledJobs(line: number): void {
    for (const job of this.notices.splice(0)) {
      const what = REPORTED_SIGNALS[(job.status ?? 0) - 128] ?? 'Killed';
      this.terminal.write(`${this.prefix(line)}${String(job.pid).padStart(5)} ${what.padEnd(24)}${job.text.replace(/ &$/, '')}\n`);
    }
  }

  /** Waits for a background job (`wait`). */
  async waitJob(job: Job, signals: ProcSignals): Promise<number> {
    return signals.race(job.done);
  }
}

function sourceOf(word: Word): string {
  return word
    .map((p) => (p.kind === 'lit' ? p.text : p.kind === 'param' ? `$${p.name}` : p.kind === 'cmdsub' ? `$(${p.source})` : p.kind === 'tilde' ? '~' : p.text))
    .join('');
}

/** Bash's rendering of a job's command (`jobs`): words joined by single spaces. */
function describeAndOr(andOr: AndOr): string {
  const pipe = (p: Pipeline) =>
    (p.negate ? '! ' : '') +
    p.commands
      .map((c) =>
        [
          ...c.assigns.map((a) => `${a.name}=${sourceOf(a.value)}`),
          ...c.words.map(sourceOf),
          ...c.redirects.map((r) => `${r.fd === (r.op.startsWith('<') ? 0 : 1) ? '' : r.fd}${r.op} ${sourceOf(r.target)}`),
        ].join(' '),
      )
      .join(' | ');
  return [pipe(andOr.first), ...andOr.rest.map((r) => `${r.op} ${pipe(r.pipeline)}`)].join(' ');
}
