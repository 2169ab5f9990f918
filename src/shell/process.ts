/**
 * What a program run by the shell receives: its arguments, standard streams, environment,
 * working directory and the signals sent to it. Builtins (`cd`, `kill`) run inside the shell;
 * other programs (`cat`, `redis-cli`) behave as if forked and exec'ed, with a pid of their own.
 *
 * Counterpart in a real system: `execve`'s argv/envp, file descriptors 0–2, and signal delivery.
 */
import type { Signal, ShellHost } from './host.ts';
import type { Input, Output } from './streams.ts';
import type { Shell } from './shell.ts';

/** Signal numbers as Linux numbers them; a process killed by one exits with 128 + number. */
export const SIGNAL_NUMBERS: Record<Signal, number> = { INT: 2, KILL: 9, TERM: 15, CONT: 18, STOP: 19 };

/** Thrown out of `ctx.race` when a signal ends the program. */
export class Killed extends Error {
  readonly signal: Signal;
  constructor(signal: Signal) {
    super(`killed by SIG${signal}`);
    this.signal = signal;
  }
}

/**
 * The signals a running program receives. By default TERM, INT and KILL end it (its awaited
 * `race` rejects with {@link Killed}); a program may install a handler that takes some over
 * (redis-server forwards every signal to its node; interactive redis-cli catches SIGINT).
 */
export class ProcSignals {
  private handler: ((sig: Signal) => boolean) | null = null;
  private listeners = new Set<(sig: Signal) => void>();
  /** The terminating signal received, if any. */
  fatal: Signal | null = null;

  /**
   * Installs a handler: it returns true when it took care of the signal, false to let the
   * default action (TERM, INT and KILL end the program) happen.
   */
  handle(handler: (sig: Signal) => boolean): void {
    this.handler = handler;
  }

  deliver(sig: Signal): void {
    if (this.handler && this.handler(sig)) return;
    if (sig === 'STOP' || sig === 'CONT') return;
    if (this.fatal) return;
    this.fatal = sig;
    for (const l of [...this.listeners]) l(sig);
  }

  /** Resolves `p`, or rejects with {@link Killed} as soon as a terminating signal arrives. */
  race<T>(p: Promise<T>): Promise<T> {
    if (this.fatal) return Promise.reject(new Killed(this.fatal));
    return new Promise<T>((resolve, reject) => {
      const onSig = (sig: Signal) => {
        this.listeners.delete(onSig);
        reject(new Killed(sig));
      };
      this.listeners.add(onSig);
      p.then(
        (v) => {
          this.listeners.delete(onSig);
          resolve(v);
        },
        (e) => {
          this.listeners.delete(onSig);
          reject(e);
        },
      );
    });
  }

  /** A promise that settles (rejects with Killed) when a terminating signal arrives. */
  killed(): Promise<never> {
    return this.race(new Promise<never>(() => {}));
  }
}

/** What a program runs with. */
export interface ProcCtx {
  /** argv[0] is the command name as typed. */
  argv: string[];
  stdin: Input;
  stdout: Output;
  stderr: Output;
  /** The exported environment. */
  env: Record<string, string>;
  cwd: string;
  host: ShellHost;
  signals: ProcSignals;
  /** This process's pid (a builtin shares the shell's). */
  pid: number;
  /** Replaces the pid (a program that becomes a host process, like `exec`). */
  setPid(pid: number): void;
  /** Bash's prefix for a builtin's error messages: `script.sh: line 3: ` or `bash: `. */
  errPrefix: string;
  /** Absolute path of `name` relative to `cwd`. */
  resolve(name: string): string;
  /** Whether the shell runs interactively (a terminal tab) rather than a script. */
  interactive: boolean;
}

/** A program the shell can run; `shell` is the shell that runs it (`ps` lists its processes). */
export type Program = (ctx: ProcCtx, shell: Shell) => Promise<number>;

/** Parses a `sleep`-style duration (`1`, `0.5`, `2s`, `1m`); null when invalid. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(text);
  if (!m) return null;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]!;
  return Number(m[1]) * unit * 1000;
}
