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
import { Parser, ShellSyntaxError, parseHeredocBody, type AndOr, type Command, type CompoundCommand, type CondExpr, type FunctionDef, type ListItem, type Pipeline, type Redirect, type SimpleCommand, type Word } from './parse.ts';
import { ExpansionError, braceExpand, expandPattern, expandString, expandWord, type ExpandEnv } from './expand.ts';
import { ereSource, patternMatch } from './pattern.ts';
import { testBuiltin } from './commands/test.ts';
import { ArithError, evalArith } from './arith.ts';
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

/** `break N` / `continue N` unwind to the loop they name (the builtins throw it). */
export class LoopControl extends Error {
  readonly kind: 'break' | 'continue';
  levels: number;
  /** The loop's status after it (`break 0` fails: 1). */
  readonly status: number;
  constructor(kind: 'break' | 'continue', levels: number, status = 0) {
    super(kind);
    this.kind = kind;
    this.levels = levels;
    this.status = status;
  }
}

/**
 * An error bash treats as fatal to the command being run (an arithmetic error in `$(( ))`,
 * `break 1 2`): the rest of the complete command is abandoned, status 1, and the script goes on.
 */
export class AbortCommand extends Error {}

/** `return N` unwinds to the function call or `source` that runs it. */
export class ReturnSignal extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`return ${status}`);
    this.status = status;
  }
}

/** A `[[ ]]` that ends with a status of its own (2: a regular expression that does not compile). */
class CondStatus extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`status ${status}`);
    this.status = status;
  }
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

export interface IO {
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

/** strsignal's words for the signals a lab process can die of (Linux, glibc). */
const SIGNAL_WORDS: Record<number, string> = { 2: 'Interrupt', 6: 'Aborted', 9: 'Killed', 11: 'Segmentation fault', 13: 'Broken pipe', 15: 'Terminated' };

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
  readonly procs: Map<number, RunningProc> = new Map();
  /** The foreground job's processes; a foreground subshell shares its parent's list. */
  private foreground: RunningProc[] = [];
  /** Foreground subshells running now (Ctrl+C reaches the loops they run). */
  private readonly children = new Set<Shell>();
  /** How many loops enclose the running command (`break` outside one complains). */
  loopDepth = 0;
  /**
   * The signal that ends what this shell runs: SIGINT from Ctrl+C while only the shell itself
   * was busy (a loop of builtins) or after a foreground program died of it; or the signal that
   * killed this subshell. Checked between commands.
   */
  private abortSignal: Signal | null = null;
  /** Set when a foreground program died of SIGINT (bash then abandons the command list). */
  private readonly root: Shell;
  /** Loop iterations since the shell last let the host run (an endless loop must not freeze it). */
  private spins = 0;
  private lastComsubStatus: number | null = null;
  /** Background jobs killed by a signal bash reports (`script.sh: line 5: 1234 Killed  sleep 5`). */
  private notices: Job[] = [];
  private nextJobId = 1;
  private localPid: number;
  private readonly extraPrograms: Record<string, Program>;
  /** Set once `exit` ended the shell (an interactive terminal closes the tab then). */
  exited = false;
  /** `$1`, `$2`, … (`set --`, a function's or a sourced file's arguments). */
  positional: string[] = [];
  /** Defined functions; a subshell gets a copy. */
  readonly functions = new Map<string, FunctionDef & { file: string | null }>();
  /** Names of the functions being run, innermost last (`$FUNCNAME`, `local`, `return`). */
  readonly funcNames: string[] = [];
  /** `set -e`: a failing command ends the shell (outside conditions and `&&`/`||` left sides). */
  errexit = false;
  /** `set -u`: expanding an unset parameter is an error that ends a script. */
  nounset = false;
  /** `set -o pipefail`: a pipeline fails with its last failing member's status. */
  pipefail = false;
  /** How many conditions (`if`, `while`, `!`, the left of `&&`/`||`) enclose what runs now. */
  private errexitIgnored = 0;
  /** How many `source`s are running (`return` ends the innermost). */
  sourceDepth = 0;
  /** Per running function: the variables `local` shadows, with what to restore on return. */
  private readonly localFrames: Map<string, { value: string | undefined; exported: boolean }>[] = [];
  /**
   * The file whose commands run now, as bash names it in messages: the script, a sourced file,
   * or the file a function was defined in; null for an interactive shell.
   */
  currentFile: string | null;

  constructor(opts: ShellOptions & { forkOf?: Shell }) {
    this.host = opts.host;
    this.terminal = opts.terminal;
    this.terminalIn = opts.stdin ?? new EmptyInput(false);
    this.scriptName = opts.scriptName === undefined ? 'script.sh' : opts.scriptName;
    this.interactive = opts.interactive ?? false;
    this.extraPrograms = opts.programs ?? {};
    this.cwd = opts.cwd ?? '/home/learner';
    this.currentFile = this.scriptName;
    this.localPid = 4000;
    const parent = opts.forkOf;
    this.root = parent ? parent.root : this;
    if (parent) {
      // A subshell: a copy of the parent's state; `$$` stays the parent's, as in bash.
      this.pid = parent.pid;
      this.procs = parent.procs;
      this.lastStatus = parent.lastStatus;
      this.lastBackgroundPid = parent.lastBackgroundPid;
      this.loopDepth = parent.loopDepth;
      for (const [k, v] of parent.vars) this.vars.set(k, v);
      for (const k of parent.exported) this.exported.add(k);
      for (const [k, f] of parent.functions) this.functions.set(k, f);
      this.positional = parent.positional;
      this.funcNames.push(...parent.funcNames);
      this.sourceDepth = parent.sourceDepth;
      this.errexit = parent.errexit;
      this.pipefail = parent.pipefail;
      this.nounset = parent.nounset;
      this.errexitIgnored = parent.errexitIgnored;
      this.currentFile = parent.currentFile;
      for (const frame of parent.localFrames) this.localFrames.push(new Map(frame));
      return;
    }
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
    return this.host.allocatePid ? this.host.allocatePid() : this.root.localPid++;
  }

  /** The prefix bash puts before its own messages: `script.sh: line 3: ` or `bash: `. */
  prefix(line: number): string {
    return this.scriptName === null || this.currentFile === null ? 'bash: ' : `${this.currentFile}: line ${line}: `;
  }

  /** Runs a whole script; resolves with its exit status. */
  async runScript(src: string): Promise<number> {
    this.abortSignal = null;
    try {
      return await this.runCommands(src, this.defaultIO(), true);
    } catch (e) {
      if (e instanceof ExitShell) {
        this.lastStatus = e.code;
        this.exited = true;
        return e.code;
      }
      throw e;
    }
  }

  /**
   * Runs `src` one complete command at a time in this shell: a script (`top`), or a sourced
   * file. A syntax error ends it with status 2 after bash's message.
   */
  private async runCommands(src: string, io: IO, top: boolean): Promise<number> {
    const parser = new Parser(src);
    for (;;) {
      let step;
      try {
        step = parser.next();
      } catch (e) {
        if (!(e instanceof ShellSyntaxError)) throw e;
        for (const w of e.warnings) io.stderr.write(`${this.prefix(w.line)}${w.text}\n`);
        if (e.message !== '') io.stderr.write(`${this.prefix(e.line)}${e.message}\n`);
        if (e.context !== null) io.stderr.write(`${this.prefix(e.line)}${e.context}\n`);
        if (e.keepStatus) return this.lastStatus;
        this.lastStatus = 2;
        return 2;
      }
      if (step.kind === 'eof') return this.lastStatus;
      for (const w of step.warnings) io.stderr.write(`${this.prefix(w.line)}${w.text}\n`);
      try {
        await this.runList(step.items, io);
      } catch (e) {
        if (e instanceof AbortCommand) this.lastStatus = 1;
        else if (e instanceof LoopControl && top) this.loopDepth = 0;
        else if (e instanceof Killed && top) {
          // Ctrl+C abandons the rest of the command line, as in an interactive bash. (A
          // script run by bash would end here; the lab's scripts replay typed sessions.)
          this.abortSignal = null;
          this.lastStatus = 128 + SIGNAL_NUMBERS[e.signal];
        } else throw e;
      }
    }
  }

  /**
   * `source FILE [ARGS…]`: runs the file's commands in this shell; with ARGS they are `$1`…
   * while it runs. Its status is the last command's, or `return`'s.
   */
  async source(path: string, name: string, args: string[], io: IO): Promise<number> {
    const text = this.host.disk.read(path) ?? '';
    const saved = { positional: this.positional, file: this.currentFile };
    if (args.length > 0) this.positional = args;
    if (this.currentFile !== null) this.currentFile = name;
    this.sourceDepth++;
    try {
      return await this.runCommands(text, io, false);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      this.sourceDepth--;
      this.currentFile = saved.file;
      if (args.length > 0) this.positional = saved.positional;
    }
  }

  /** `local NAME[=VALUE]`: false outside a function. The previous value comes back on return. */
  makeLocal(name: string): boolean {
    const frame = this.localFrames[this.localFrames.length - 1];
    if (!frame) return false;
    if (!frame.has(name)) frame.set(name, { value: this.vars.get(name), exported: this.exported.has(name) });
    return true;
  }

  /** Runs a function with `args` as `$1`…; `return` ends it. */
  private async callFunction(fn: FunctionDef & { file: string | null }, args: string[], assigns: Record<string, string>, io: IO, foreground: boolean, start: (pid: number) => void): Promise<number> {
    if (this.funcNames.length >= 10000) {
      // bash's FUNCNEST is unlimited, but it dies of a stack overflow; the lab stops earlier.
      io.stderr.write(`${this.prefix(fn.line)}${fn.name}: maximum function nesting level exceeded (10000)\n`);
      throw new AbortCommand();
    }
    const saved = { positional: this.positional, file: this.currentFile, loopDepth: this.loopDepth };
    const frame = new Map<string, { value: string | undefined; exported: boolean }>();
    this.localFrames.push(frame);
    this.positional = args;
    if (this.currentFile !== null) this.currentFile = fn.file;
    // A loop around the call is not the function's: `break` inside complains.
    this.loopDepth = 0;
    this.funcNames.push(fn.name);
    // `NAME=value f`: the variable holds the value while the function runs.
    for (const [k, v] of Object.entries(assigns)) {
      this.makeLocal(k);
      this.vars.set(k, v);
    }
    try {
      return await this.runCompound(fn.body, io, { subshell: false, foreground }, start);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      this.funcNames.pop();
      this.localFrames.pop();
      for (const [k, old] of frame) {
        if (old.value === undefined) this.vars.delete(k);
        else this.vars.set(k, old.value);
        if (old.exported) this.exported.add(k);
        else this.exported.delete(k);
      }
      this.positional = saved.positional;
      this.currentFile = saved.file;
      this.loopDepth = saved.loopDepth;
    }
  }

  /** The names of the foreground job's processes, first to last (a terminal tab's title). */
  foregroundNames(): string[] {
    return this.foreground.map((p) => p.name);
  }

  /** Sends SIGINT to the foreground job (Ctrl+C in the terminal). */
  interrupt(): void {
    const programs = this.foreground.filter((p) => p.pid !== this.pid);
    for (const p of [...this.foreground]) p.signals.deliver('INT');
    // With no program to kill, the shell itself (running builtins, a loop) takes the signal.
    if (programs.length === 0) this.abort('INT');
  }

  /** Ends what this shell and its foreground subshells run, at their next command. */
  private abort(sig: Signal): void {
    this.abortSignal = sig;
    for (const c of this.children) c.abort(sig);
  }

  /** Throws when a signal ended the shell's work (Ctrl+C, or this subshell was killed). */
  private checkAbort(): void {
    if (this.abortSignal !== null) throw new Killed(this.abortSignal);
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
      this.checkAbort();
      if (item.background) await this.startBackground(item.andOr, io);
      else this.lastStatus = await this.runAndOr(item.andOr, io, false);
    }
    this.checkAbort();
  }

  /** Runs a compound command's list; its status is the last command's. */
  private async runBody(items: ListItem[], io: IO): Promise<number> {
    await this.runList(items, io);
    return this.lastStatus;
  }

  /**
   * A subshell: a copy of this shell runs `body`; its `exit`, `break` and errors end only it.
   * In the foreground it shares the job's process list (Ctrl+C reaches its programs).
   */
  private async runSubshell(body: (sub: Shell) => Promise<number>, opts: { foreground: boolean }): Promise<number> {
    const sub = new Shell({ host: this.host, terminal: this.terminal, stdin: this.terminalIn, scriptName: this.scriptName, interactive: this.interactive, programs: this.extraPrograms, cwd: this.cwd, forkOf: this });
    if (opts.foreground) {
      sub.foreground = this.foreground;
      this.children.add(sub);
    }
    try {
      return await body(sub);
    } catch (e) {
      if (e instanceof ExitShell) return e.code;
      if (e instanceof AbortCommand) return 1;
      if (e instanceof LoopControl) return 0;
      if (e instanceof ReturnSignal) return e.status;
      if (e instanceof Killed) {
        // A subshell that died of SIGINT makes its parent act on it too, as bash does.
        if (e.signal === 'INT' && opts.foreground) this.abort('INT');
        return 128 + SIGNAL_NUMBERS[e.signal];
      }
      throw e;
    } finally {
      this.children.delete(sub);
    }
  }

  /**
   * A subshell that is a process of its own (a background job, a member of a pipeline): a pid,
   * an entry in `ps`, and signals that end the loops it runs and reach its programs.
   */
  private async runSubshellProc(body: (sub: Shell) => Promise<number>, opts: { foreground: boolean; job?: Job; onStart?: (pid: number) => void }): Promise<number> {
    const pid = this.allocatePid();
    const signals = new ProcSignals();
    const proc: RunningProc = { pid, name: 'bash', signals };
    opts.job?.procs.push(proc);
    this.procs.set(pid, proc);
    opts.onStart?.(pid);
    let sub: Shell | null = null;
    signals.handle((sig) => {
      if (sig === 'TERM' || sig === 'KILL' || sig === 'INT') {
        if (sub) {
          for (const p of [...sub.foreground]) p.signals.deliver(sig);
          sub.abort(sig);
        }
      }
      return false;
    });
    try {
      return await signals.race(
        this.runSubshell(
          (s) => {
            sub = s;
            return body(s);
          },
          { foreground: false },
        ),
      );
    } catch (e) {
      if (e instanceof Killed) return 128 + SIGNAL_NUMBERS[e.signal];
      throw e;
    } finally {
      if (this.procs.get(pid) === proc) this.procs.delete(pid);
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
      let started!: (pid: number) => void;
      const subStarted = new Promise<number>((resolve) => (started = resolve));
      job.done = this.runSubshellProc((sub) => sub.runAndOr(andOr, bgIO, false), { foreground: false, job, onStart: started });
      job.pid = await subStarted;
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
    const last = andOr.rest.length;
    let finalRan = last === 0;
    const run = async (pipeline: Pipeline, final: boolean): Promise<number> => {
      // `set -e` does not act on the left of `&&`/`||` nor on a `!` pipeline.
      const ignore = !final || pipeline.negate;
      if (ignore) this.errexitIgnored++;
      try {
        return await this.runPipeline(pipeline, io, { background: inSubshell });
      } finally {
        if (ignore) this.errexitIgnored--;
      }
    };
    let status = await run(andOr.first, last === 0);
    for (const [i, { op, pipeline }] of andOr.rest.entries()) {
      this.lastStatus = status;
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      status = await run(pipeline, i === last - 1);
      if (i === last - 1) finalRan = true;
    }
    const finalPipeline = last === 0 ? andOr.first : andOr.rest[last - 1].pipeline;
    // After Ctrl+C the command line is abandoned instead (the shell survives it, as bash does).
    if (this.errexit && this.errexitIgnored === 0 && status !== 0 && finalRan && !finalPipeline.negate && this.abortSignal === null) {
      this.lastStatus = status;
      throw new ExitShell(status);
    }
    return status;
  }

  /** Runs a condition (`if`, `while`, `until`): `set -e` does not act inside it. */
  private async runCondition(items: ListItem[], io: IO): Promise<number> {
    this.errexitIgnored++;
    try {
      return await this.runBody(items, io);
    } finally {
      this.errexitIgnored--;
    }
  }

  private async runPipeline(pipeline: Pipeline, io: IO, opts: { background: boolean; job?: Job; onLastStart?: (pid: number) => void }): Promise<number> {
    const n = pipeline.commands.length;
    if (n === 0) {
      // A lone `!`.
      opts.onLastStart?.(this.allocatePid());
      return pipeline.negate ? 1 : 0;
    }
    const pipes: Pipe[] = [];
    for (let i = 0; i < n - 1; i++) pipes.push(new Pipe(1));
    const runs = pipeline.commands.map((cmd, i) => {
      const memberIO: IO = {
        stdin: i === 0 ? io.stdin : pipes[i - 1].input,
        stdout: i === n - 1 ? io.stdout : pipes[i].output,
        stderr: io.stderr,
      };
      const onStart = i === n - 1 ? opts.onLastStart : undefined;
      let run = this.runCommand(cmd, memberIO, { subshell: n > 1 || opts.background, job: opts.job, foreground: !opts.background, onStart });
      // A member of a pipeline, or a background job, is a subshell: what ends it ends only it.
      if (n > 1 || opts.background)
        run = run.catch((e) => {
          if (e instanceof AbortCommand) return 1;
          if (e instanceof LoopControl) return 0;
          if (e instanceof ExitShell) return e.code;
          if (e instanceof ReturnSignal) return e.status;
          throw e;
        });
      return run.finally(() => {
        if (i < n - 1) pipes[i].closeWriter();
        if (i > 0) pipes[i - 1].input.close();
      });
    });
    const statuses = await Promise.all(runs);
    const status = this.pipefail ? (statuses.filter((x) => x !== 0).pop() ?? 0) : statuses[n - 1];
    return pipeline.negate ? (status === 0 ? 1 : 0) : status;
  }

  private expandEnv(line: number): ExpandEnv {
    return {
      unbound: this.nounset
        ? (name: string): never => {
            this.terminal.write(`${this.prefix(line)}${/^\d+$/.test(name) ? '$' : ''}${name}: unbound variable\n`);
            // A script (or subshell) ends with status 1; an interactive shell abandons the line.
            if (this.interactive && this === this.root) throw new AbortCommand();
            throw new ExitShell(1);
          }
        : undefined,
      param: (name) => this.param(name),
      setParam: (name, value) => this.vars.set(name, value),
      positional: () => this.positional,
      commandSubstitution: (source, subLine, body) => this.commandSubstitution(source, subLine, body),
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
        return String(this.positional.length);
      case '0':
        return this.scriptName ?? 'bash';
      case '@':
      case '*':
        return this.positional.join(' ');
      case '-':
        return '';
      default:
        if (/^[1-9][0-9]*$/.test(name)) return this.positional[Number(name) - 1] ?? null;
        if (name.endsWith(']')) {
          const m = /^(\w+)\[(\d+)\]$/.exec(name);
          if (m) return this.vars.get(name) ?? (Number(m[2]) === 0 ? (this.vars.get(m[1]) ?? null) : null);
        }
        if (name === 'FUNCNAME' && !this.vars.has(name)) return this.funcNames[this.funcNames.length - 1] ?? null;
        return this.vars.get(name) ?? null;
    }
  }

  /** `$( )`: runs in a subshell; what it writes is the value, its status is `$?` after. */
  private async commandSubstitution(source: string, line: number, body?: ListItem[]): Promise<string> {
    const capture = new CaptureOutput(false);
    const io: IO = { stdin: this.terminalIn, stdout: capture, stderr: this.terminal };
    const status = await this.runSubshell(
      async (sub) => {
        if (body) return sub.runBody(body, io);
        const parser = new Parser(source, { line, comsubDepth: 1 });
        try {
          for (;;) {
            const step = parser.next();
            if (step.kind === 'eof') return sub.lastStatus;
            await sub.runList(step.items, io);
          }
        } catch (e) {
          if (!(e instanceof ShellSyntaxError)) throw e;
          const name = this.scriptName === null ? 'bash' : this.scriptName;
          this.terminal.write(`${name}: command substitution: line ${e.line}: ${e.message}\n`);
          if (e.context !== null) this.terminal.write(`${name}: command substitution: line ${e.line}: ${e.context}\n`);
          return 2;
        }
      },
      { foreground: true },
    );
    this.lastStatus = status;
    this.lastComsubStatus = status;
    return capture.text;
  }

  private async runCommand(cmd: Command, io: IO, opts: { subshell: boolean; job?: Job; foreground: boolean; onStart?: (pid: number) => void }): Promise<number> {
    let started = false;
    const start = (pid: number) => {
      if (!started) opts.onStart?.(pid);
      started = true;
    };
    try {
      if (cmd.kind === 'function') return this.defineFunction(cmd, io);
      if (cmd.kind !== 'simple') return await this.runCompound(cmd, io, opts, start);
      return await this.execCommand(cmd, io, opts, start);
    } finally {
      // A command that never got to run (not found, bad redirection) still had a pid in bash.
      if (!started) start(opts.subshell ? this.allocatePid() : this.pid);
    }
  }

  /** Runs a function definition: the name now calls the body. */
  private defineFunction(cmd: FunctionDef, io: IO): number {
    if (!cmd.valid) {
      io.stderr.write(`${this.prefix(cmd.line)}\`${cmd.raw}': not a valid identifier\n`);
      return 1;
    }
    this.functions.set(cmd.name, { ...cmd, file: this.currentFile });
    return 0;
  }

  private async execCommand(cmd: SimpleCommand, io: IO, opts: { subshell: boolean; job?: Job; foreground: boolean }, start: (pid: number) => void): Promise<number> {
    const prefix = this.prefix(cmd.line);
    const env = this.expandEnv(cmd.line);
    const argv: string[] = [];
    const assigns: Record<string, string> = {};
    this.lastComsubStatus = null;
    try {
      for (const w of cmd.words.flatMap(braceExpand)) argv.push(...(await expandWord(w, env)));
      for (const a of cmd.assigns) assigns[a.name] = await expandString(a.value, env);
    } catch (e) {
      if (e instanceof ExpansionError) {
        io.stderr.write(`${prefix}${e.message}\n`);
        return 1;
      }
      throw this.arithFailure(e, io, prefix);
    }
    const comsubStatus = this.lastComsubStatus;
    let fds: IO | number;
    try {
      fds = await this.applyRedirects(cmd.redirects, io, prefix, env);
    } catch (e) {
      throw this.arithFailure(e, io, prefix);
    }
    if (typeof fds === 'number') return fds;
    if (argv.length === 0) {
      for (const [k, v] of Object.entries(assigns)) this.vars.set(k, v);
      // `X=$(cmd)` has the status of the substitution.
      return comsubStatus ?? 0;
    }
    const name = argv[0];
    const fn = this.functions.get(name);
    if (fn) {
      if (!opts.subshell) return this.callFunction(fn, argv.slice(1), assigns, fds, opts.foreground, start);
      const target = fds;
      return this.runSubshellProc((sub) => sub.callFunction(sub.functions.get(name)!, argv.slice(1), assigns, target, false, () => {}), { foreground: opts.foreground, job: opts.job, onStart: start });
    }
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
        removeFrom(this.foreground, self);
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
      if (opts.foreground) {
        if (!opts.subshell) this.reportForegroundSignal(status, proc.pid, describeCommand(cmd), cmd.line);
        this.reportKilledJobs(cmd.line);
      }
      return status;
    } catch (e) {
      if (e instanceof Killed) {
        // A foreground program that died of Ctrl+C ends the command list around it too.
        if (e.signal === 'INT' && opts.foreground) this.abort('INT');
        const status = 128 + SIGNAL_NUMBERS[e.signal];
        if (opts.foreground && !opts.subshell) this.reportForegroundSignal(status, proc.pid, describeCommand(cmd), cmd.line);
        return status;
      }
      if (e instanceof ExitShell) return e.code;
      fds.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    } finally {
      if (this.procs.get(proc.pid) === proc) this.procs.delete(proc.pid);
      removeFrom(this.foreground, proc);
    }
  }

  /** An arithmetic error during expansion: bash's message, then the command is abandoned. */
  private arithFailure(e: unknown, io: IO, prefix: string): unknown {
    if (!(e instanceof ArithError)) return e;
    io.stderr.write(`${prefix}${e.message}\n`);
    return new AbortCommand();
  }

  /** Lets the host run now and then during a loop, and stops a loop whose output nobody reads. */
  private async loopTick(io: IO): Promise<void> {
    this.checkAbort();
    if (++this.spins >= 64) {
      this.spins = 0;
      await this.host.sleep(0);
      this.checkAbort();
    }
    // A subshell writing into a pipe nobody reads dies of SIGPIPE in bash.
    if (io.stdout.broken && this !== this.root) throw new ExitShell(141);
  }

  private async runCompound(cmd: CompoundCommand, io: IO, opts: { subshell: boolean; job?: Job; foreground: boolean; onStart?: (pid: number) => void }, start: (pid: number) => void): Promise<number> {
    const prefix = this.prefix(cmd.line);
    const env = this.expandEnv(cmd.line);
    let fds: IO | number;
    try {
      fds = await this.applyRedirects(cmd.redirects, io, prefix, env);
    } catch (e) {
      throw this.arithFailure(e, io, prefix);
    }
    if (typeof fds === 'number') return fds;
    const target = fds;
    if (opts.subshell) return this.runSubshellProc((sub) => sub.execCompound(cmd, target), { foreground: opts.foreground, job: opts.job, onStart: start });
    if (cmd.kind === 'subshell') return this.runSubshell((sub) => sub.execCompound(cmd, target), { foreground: opts.foreground });
    return this.execCompound(cmd, target);
  }

  /** Runs a compound command in this shell. */
  private async execCompound(cmd: CompoundCommand, io: IO): Promise<number> {
    switch (cmd.kind) {
      case 'group':
      case 'subshell':
        return this.runBody(cmd.body, io);
      case 'if': {
        for (const clause of cmd.clauses) {
          if ((await this.runCondition(clause.cond, io)) === 0) return this.runBody(clause.body, io);
        }
        return cmd.elseBody ? this.runBody(cmd.elseBody, io) : 0;
      }
      case 'while':
      case 'until':
        return this.loop(io, async () => {
          const status = await this.runCondition(cmd.cond, io);
          if ((status === 0) !== (cmd.kind === 'while')) return null;
          return async () => this.runBody(cmd.body, io);
        });
      case 'for': {
        const env = this.expandEnv(cmd.line);
        const values: string[] = [];
        try {
          for (const w of (cmd.words ?? []).flatMap(braceExpand)) values.push(...(await expandWord(w, env)));
        } catch (e) {
          if (e instanceof ExpansionError) {
            io.stderr.write(`${this.prefix(cmd.line)}${e.message}\n`);
            return 1;
          }
          throw this.arithFailure(e, io, this.prefix(cmd.line));
        }
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(cmd.name)) {
          io.stderr.write(`${this.prefix(cmd.line)}\`${cmd.name}': not a valid identifier\n`);
          return 1;
        }
        let i = 0;
        return this.loop(io, async () => {
          if (i >= values.length) return null;
          this.vars.set(cmd.name, values[i++]);
          return async () => this.runBody(cmd.body, io);
        });
      }
      case 'arithFor': {
        const arith = async (w: Word, empty: bigint): Promise<bigint | null> => {
          const r = await this.arithmetic(w, cmd.line, io);
          return r === 'empty' ? empty : r;
        };
        if ((await arith(cmd.init, 0n)) === null) return 1;
        let first = true;
        let failed = false;
        const status = await this.loop(io, async () => {
          if (!first && (await arith(cmd.step, 0n)) === null) {
            failed = true;
            return null;
          }
          first = false;
          const c = await arith(cmd.cond, 1n);
          if (c === null) failed = true;
          if (c === null || c === 0n) return null;
          return async () => this.runBody(cmd.body, io);
        });
        return failed ? 1 : status;
      }
      case 'arith': {
        const r = await this.arithmetic(cmd.expr, cmd.line, io);
        if (r === null) return 1;
        return r === 'empty' || r === 0n ? 1 : 0;
      }
      case 'case': {
        const env = this.expandEnv(cmd.line);
        let subject: string;
        try {
          subject = await expandString(cmd.word, env);
        } catch (e) {
          if (e instanceof ExpansionError) {
            io.stderr.write(`${this.prefix(cmd.line)}${e.message}\n`);
            return 1;
          }
          throw this.arithFailure(e, io, this.prefix(cmd.line));
        }
        let status = 0;
        let fallThrough = false;
        for (const item of cmd.items) {
          let matched = fallThrough;
          for (const p of item.patterns) {
            if (matched) break;
            try {
              matched = patternMatch(await expandPattern(p, env), subject);
            } catch (e) {
              if (e instanceof ExpansionError) {
                io.stderr.write(`${this.prefix(cmd.line)}${e.message}\n`);
                return 1;
              }
              throw this.arithFailure(e, io, this.prefix(cmd.line));
            }
          }
          if (!matched) continue;
          status = item.body.length > 0 ? await this.runBody(item.body, io) : 0;
          if (item.end === ';;') return status;
          fallThrough = item.end === ';&';
        }
        return status;
      }
      case 'cond': {
        if (cmd.expr === null) return 1;
        try {
          return (await this.condition(cmd.expr, cmd.line, io)) ? 0 : 1;
        } catch (e) {
          if (e instanceof ExpansionError) {
            io.stderr.write(`${this.prefix(cmd.line)}${e.message}\n`);
            return 1;
          }
          if (e instanceof ArithError) {
            io.stderr.write(`${this.prefix(cmd.line)}[[: ${e.message}\n`);
            return 1;
          }
          if (e instanceof CondStatus) return e.status;
          throw e;
        }
      }
    }
  }

  /** Evaluates a `[[ ]]` expression: words are expanded without splitting or globbing. */
  private async condition(expr: CondExpr, line: number, io: IO): Promise<boolean> {
    const env = this.expandEnv(line);
    switch (expr.kind) {
      case 'and':
        return (await this.condition(expr.left, line, io)) && this.condition(expr.right, line, io);
      case 'or':
        return (await this.condition(expr.left, line, io)) || this.condition(expr.right, line, io);
      case 'not':
        return !(await this.condition(expr.expr, line, io));
      case 'word':
        return (await expandString(expr.word, env)) !== '';
      case 'unary': {
        const arg = await expandString(expr.arg, env);
        if (expr.op === '-z') return arg === '';
        if (expr.op === '-n') return arg !== '';
        if (expr.op === '-v') return this.param(arg) !== null;
        return (await testBuiltin(this.makeCtx(['test', expr.op, arg], io, this.prefix(line), this.pid, new ProcSignals(), {}))) === 0;
      }
      case 'binary': {
        const left = await expandString(expr.left, env);
        switch (expr.op) {
          case '==':
          case '=':
          case '!=': {
            const matched = patternMatch(await expandPattern(expr.right, env), left);
            return expr.op === '!=' ? !matched : matched;
          }
          case '=~': {
            const pattern = await expandPattern(expr.right, env);
            let re: RegExp;
            try {
              re = new RegExp(ereSource(pattern));
            } catch {
              throw new CondStatus(2);
            }
            const m = re.exec(left);
            for (const k of [...this.vars.keys()]) if (k.startsWith('BASH_REMATCH[')) this.vars.delete(k);
            this.vars.set('BASH_REMATCH', m ? m[0] : '');
            if (m) m.forEach((g, i) => this.vars.set(`BASH_REMATCH[${i}]`, g ?? ''));
            return m !== null;
          }
          case '<':
            return left < (await expandString(expr.right, env));
          case '>':
            return left > (await expandString(expr.right, env));
          case '-nt':
          case '-ot':
          case '-ef':
            return (await testBuiltin(this.makeCtx(['test', left, expr.op, await expandString(expr.right, env)], io, this.prefix(line), this.pid, new ProcSignals(), {}))) === 0;
          default: {
            // -eq and friends take arithmetic expressions on both sides.
            const scope = { get: (n: string) => this.param(n), set: (n: string, v: string) => this.vars.set(n, v) };
            const a = left.trim() === '' ? 0n : evalArith(left, scope);
            const rightText = await expandString(expr.right, env);
            const b = rightText.trim() === '' ? 0n : evalArith(rightText, scope);
            switch (expr.op) {
              case '-eq':
                return a === b;
              case '-ne':
                return a !== b;
              case '-lt':
                return a < b;
              case '-le':
                return a <= b;
              case '-gt':
                return a > b;
              default:
                return a >= b;
            }
          }
        }
      }
    }
  }

  /** `(( ))` and `for (( ))`: the value, or null after printing bash's `((: …` error. */
  private async arithmetic(expr: Word, line: number, io: IO): Promise<bigint | 'empty' | null> {
    const env = this.expandEnv(line);
    try {
      const text = await expandString(expr, env);
      if (text.trim() === '') return 'empty';
      return evalArith(text, { get: (n) => this.param(n), set: (n, v) => this.vars.set(n, v) });
    } catch (e) {
      if (e instanceof ArithError) {
        io.stderr.write(`${this.prefix(line)}((: ${e.message}\n`);
        return null;
      }
      if (e instanceof ExpansionError) {
        io.stderr.write(`${this.prefix(line)}${e.message}\n`);
        return null;
      }
      throw e;
    }
  }

  /**
   * Runs a loop: `next()` returns the body of the next iteration or null to stop. `break` and
   * `continue` land here; the status is the last body's (0 when none ran).
   */
  private async loop(io: IO, next: () => Promise<(() => Promise<number>) | null>): Promise<number> {
    let status = 0;
    this.loopDepth++;
    try {
      for (;;) {
        await this.loopTick(io);
        let body: (() => Promise<number>) | null;
        try {
          body = await next();
          if (body === null) break;
          status = await body();
        } catch (e) {
          if (!(e instanceof LoopControl)) throw e;
          if (e.levels > 1) {
            e.levels--;
            throw e;
          }
          status = e.status;
          if (e.kind === 'break') break;
        }
      }
    } finally {
      this.loopDepth--;
    }
    return status;
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
          const body = r.heredoc.expand ? await expandString(parseHeredocBody(r.heredoc.body, r.line ?? 0), env) : r.heredoc.body;
          fds.set(r.fd, new TextInput(body));
          continue;
        }
        if (r.op === '<<<') {
          fds.set(r.fd, new TextInput((await expandString(r.target, env)) + '\n'));
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
          // A syntax error in a here-document's `$(`: bash reports it when expanding the document.
          const name = this.scriptName === null ? 'bash' : this.scriptName;
          io.stderr.write(`${name}: command substitution: line ${e.line}: ${e.message}\n`);
          if (e.context !== null) io.stderr.write(`${name}: command substitution: line ${e.line}: ${e.context}\n`);
          return 1;
        }
        throw e;
      }
      if ((r.op === '>&' || r.op === '<&') && !/^\d+$/.test(target) && target !== '-' && !(r.op === '>&' && r.fd === 1)) {
        // `2>&file`: only stdout's `>&` may name a file.
        io.stderr.write(`${prefix}${target}: ambiguous redirect\n`);
        return 1;
      }
      if (r.op === '<>') {
        const special = this.specialFile(target, fds);
        if (special) {
          fds.set(r.fd, special);
          continue;
        }
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
        // Opened for reading and writing, created if missing, never truncated.
        if (disk.read(path) === null) disk.write(path, '');
        fds.set(r.fd, r.fd === 0 ? new TextInput(disk.read(path) ?? '') : new OverwriteOutput(disk, path));
        continue;
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

  /**
   * What bash prints when the command it waited for in the foreground died of a signal (jobs.c,
   * the foreground branch of notify_of_job_status / wait_for): an interactive shell prints the
   * signal's words alone (`Killed`, `Segmentation fault`, `Terminated`); a script prints
   * `script.sh: line N:  1234 Killed                  redis-server r.conf`, except for TERM
   * (`Terminated` alone). SIGINT and SIGPIPE are never reported (the tab starts a new line after
   * a Ctrl+C itself). A status above 128 from a lab program means a signal: redis-server killed
   * with `kill -9` or Kill primary (137), crashed by DEBUG SEGFAULT (139).
   */
  reportForegroundSignal(status: number, pid: number, text: string, line: number): void {
    const sig = status - 128;
    const words = SIGNAL_WORDS[sig];
    // A subshell killed together with its foreground program dies before it could say anything.
    if (words === undefined || sig === 2 || sig === 13 || this.abortSignal !== null) return;
    if (this.interactive || sig === 15) this.terminal.write(`${words}\n`);
    else this.terminal.write(`${this.prefix(line)}${String(pid).padStart(5)} ${words.padEnd(24)}${text}\n`);
  }

  /** Waits for a background job (`wait`). */
  async waitJob(job: Job, signals: ProcSignals): Promise<number> {
    return signals.race(job.done);
  }
}

function removeFrom<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

/** An output opened with `<>`: writes overwrite the file from its start, nothing is truncated. */
class OverwriteOutput implements Output {
  readonly isTty = false;
  readonly broken = false;
  private offset = 0;
  private readonly disk: ShellHost['disk'];
  private readonly path: string;
  constructor(disk: ShellHost['disk'], path: string) {
    this.disk = disk;
    this.path = path;
  }
  write(text: string): void {
    const data = this.disk.read(this.path) ?? '';
    this.disk.write(this.path, data.slice(0, this.offset).padEnd(this.offset, '\0') + text + data.slice(this.offset + text.length));
    this.offset += text.length;
  }
}

function sourceOf(word: Word): string {
  return word
    .map((p) =>
      p.kind === 'lit' ? p.text : p.kind === 'param' ? `$${p.name}` : p.kind === 'cmdsub' ? `$(${p.source})` : p.kind === 'arith' ? `$((${p.source}))` : p.kind === 'tilde' ? '~' : p.kind === 'replace' ? `\${${p.name}/…}` : p.text,
    )
    .join('');
}

/** A command as `jobs` shows it, on one line. */
function describeCommand(c: Command): string {
  const redirs = (rs: Redirect[]) => rs.map((r) => `${r.fd === (r.op.startsWith('<') ? 0 : 1) ? '' : r.fd}${r.op} ${sourceOf(r.target)}`);
  const list = (items: ListItem[]) => items.map((i) => describeAndOr(i.andOr) + (i.background ? ' &' : ';')).join(' ');
  let text: string;
  switch (c.kind) {
    case 'simple':
      return [...c.assigns.map((a) => `${a.name}=${sourceOf(a.value)}`), ...c.words.map(sourceOf), ...redirs(c.redirects)].join(' ');
    case 'group':
      text = `{ ${list(c.body)} }`;
      break;
    case 'subshell':
      text = `( ${list(c.body).replace(/;$/, '')} )`;
      break;
    case 'if':
      text = c.clauses.map((cl, i) => `${i === 0 ? 'if' : 'elif'} ${list(cl.cond)} then ${list(cl.body)}`).join(' ') + (c.elseBody ? ` else ${list(c.elseBody)}` : '') + ' fi';
      break;
    case 'for':
      text = `for ${c.name}${c.words ? ` in ${c.words.map(sourceOf).join(' ')}` : ''}; do ${list(c.body)} done`;
      break;
    case 'arithFor':
      text = `for ((${sourceOf(c.init)}; ${sourceOf(c.cond)}; ${sourceOf(c.step)})); do ${list(c.body)} done`;
      break;
    case 'while':
    case 'until':
      text = `${c.kind} ${list(c.cond)} do ${list(c.body)} done`;
      break;
    case 'arith':
      text = `((${sourceOf(c.expr)}))`;
      break;
    case 'function':
      return `${c.name} () ${describeCommand(c.body)}`;
    case 'case':
      text = `case ${sourceOf(c.word)} in ${c.items.map((it) => `${it.patterns.map(sourceOf).join(' | ')}) ${list(it.body)} ${it.end}`).join(' ')} esac`;
      break;
    case 'cond':
      text = `[[ ${c.expr ? describeCond(c.expr) : ''} ]]`;
      break;
  }
  return [text, ...redirs(c.redirects)].join(' ');
}

/** A `[[ ]]` expression as `jobs` shows it. */
function describeCond(e: CondExpr): string {
  switch (e.kind) {
    case 'and':
    case 'or':
      return `${describeCond(e.left)} ${e.kind === 'and' ? '&&' : '||'} ${describeCond(e.right)}`;
    case 'not':
      return `! ${describeCond(e.expr)}`;
    case 'unary':
      return `${e.op} ${sourceOf(e.arg)}`;
    case 'binary':
      return `${sourceOf(e.left)} ${e.op} ${sourceOf(e.right)}`;
    case 'word':
      return sourceOf(e.word);
  }
}

/** Bash's rendering of a job's command (`jobs`): words joined by single spaces. */
function describeAndOr(andOr: AndOr): string {
  const pipe = (p: Pipeline) => (p.negate ? '! ' : '') + p.commands.map(describeCommand).join(' | ');
  return [pipe(andOr.first), ...andOr.rest.map((r) => `${r.op} ${pipe(r.pipeline)}`)].join(' ');
}
