/**
 * One terminal tab: an interactive shell reading lines from its tty, the way bash runs in a
 * terminal window. It shows the prompt, runs each line, announces background jobs (`[1] 4242`)
 * and their end (`[1]+  Done …`) as an interactive bash does, interrupts the foreground job
 * on Ctrl+C, completes command and file names on Tab, keeps the tab's history, and ends on
 * `exit` or Ctrl+D.
 *
 * Pure: it knows the shell, a {@link ShellHost} and a screen to write to, never xterm or the
 * DOM, so the tests drive it with a virtual screen and the simulator.
 *
 * Counterpart in bash: `reader_loop` (eval.c), the job notifications of jobs.c
 * (`notify_of_job_status`) and readline's completion of command and file names.
 */
import { Shell, type Job } from '../shell/shell.ts';
import type { ShellHost } from '../shell/host.ts';
import { BUILTINS } from '../shell/commands/builtins.ts';
import { PROGRAMS } from '../shell/commands/programs.ts';
import type { Program } from '../shell/process.ts';
import { Parser, ShellSyntaxError } from '../shell/parse.ts';
import { historyEntry } from '../shell/history-entry.ts';
import { fromBytes, toBytes } from '../shell/streams.ts';
import { absolutePath } from '../engine/util/path.ts';
import { History, type KeyValueStorage } from './history.ts';
import { Tty } from './tty.ts';
import type { WordCompletion } from './line-editor.ts';
import { clear, editProgram, help, type OpenEditor } from './programs.ts';

export interface TabSessionOptions {
  host: ShellHost;
  /** Writes to the tab's screen. */
  write(text: string): void;
  /** The screen's width in columns. */
  cols(): number;
  /** Where the tab's history is kept across reloads (localStorage in the browser). */
  storage: KeyValueStorage;
  /** A stable name for this tab's history (`1`, `2`, …). */
  tabId: string;
  /** Opens the editor panel for `edit FILE`; without it `edit` says it has none. */
  openEditor?: OpenEditor;
  /** Called when the foreground process changes (the tab's title). */
  onTitle?(title: string): void;
  /** Called once the shell has ended (`exit`, Ctrl+D). */
  onExit?(status: number): void;
  /** Called with each line the user submits: a command at the shell prompt, or a line at a program's prompt (interactive redis-cli). */
  onCommand?(line: string): void;
  cwd?: string;
}

/** The shell's prompt. */
export const SHELL_PROMPT = '$ ';

/** strsignal's words for the signals a lab job can die of, as interactive bash shows them in job notices. */
const JOB_SIGNAL_WORDS: Record<number, string> = { 2: 'Interrupt', 6: 'Aborted', 9: 'Killed', 11: 'Segmentation fault', 13: 'Broken pipe', 15: 'Terminated' };

export class TabSession {
  readonly tty: Tty;
  readonly shell: Shell;
  private readonly opts: TabSessionOptions;
  private readonly histories = new Map<string, History>();
  /** Jobs already announced with `[N] pid`. */
  private readonly announced = new Set<Job>();
  private running = false;
  private title = 'bash';
  private interruptedLine = false;
  private ended = false;
  /** Resolves when the shell has ended. */
  readonly done: Promise<number>;

  constructor(opts: TabSessionOptions) {
    this.opts = opts;
    this.tty = new Tty({
      write: (t) => {
        opts.write(t);
        if (this.running) this.refreshTitle();
      },
      cols: () => opts.cols(),
      history: (name) => this.history(name),
      onLine: (line) => opts.onCommand?.(line),
    });
    const programs: Record<string, Program> = { clear, help };
    programs.edit = editProgram(
      opts.openEditor ??
        (async () => {
          throw new Error('no editor panel in this terminal');
        }),
    );
    this.shell = new Shell({
      host: opts.host,
      terminal: this.tty.output,
      stdin: this.tty,
      scriptName: null,
      interactive: true,
      cwd: opts.cwd,
      programs,
    });
    this.tty.onInterrupt = () => {
      this.interruptedLine = true;
      this.shell.interrupt();
    };
    this.done = this.loop();
  }

  /** Keystrokes and pastes from the terminal. */
  input(data: string): void {
    this.tty.input(data);
    this.refreshTitle();
  }

  resize(): void {
    this.tty.resize();
  }

  /** Whether a prompt is showing with nothing typed ahead (the tab is waiting for the user). */
  get idle(): boolean {
    return this.tty.editing && this.tty.pending === 0;
  }

  /** Whether a command is running. */
  get busy(): boolean {
    return this.running;
  }

  /** The foreground process's name now (`bash` at the prompt). */
  currentTitle(): string {
    const names = this.shell.foregroundNames();
    return this.running && names.length > 0 ? names[names.length - 1] : 'bash';
  }

  /** Notices (a history that could not be read) shown when the tab starts. */
  private history(name: string): History {
    let h = this.histories.get(name);
    if (!h) {
      h = new History(this.opts.storage, this.opts.tabId, name);
      this.histories.set(name, h);
      if (h.notice) this.tty.writeText(h.notice + '\r\n');
    }
    return h;
  }

  /** Forgets this tab's history (the tab was closed by the user). */
  forgetHistory(): void {
    for (const name of ['bash', 'redis-cli']) this.history(name).clear();
  }

  /**
   * Reads the foreground process's name again and calls `onTitle` when it changed. Called on
   * input and output; a page also calls it periodically (a silent `sleep` writes nothing).
   */
  refreshTitle(): void {
    const title = this.currentTitle();
    if (title !== this.title) {
      this.title = title;
      this.opts.onTitle?.(title);
    }
  }

  private async loop(): Promise<number> {
    this.history('bash');
    let pending = '';
    for (;;) {
      this.reportJobs();
      this.refreshTitle();
      const result = await this.tty.edit({
        prompt: pending === '' ? SHELL_PROMPT : '> ',
        style: 'readline',
        history: 'bash',
        completeWord: (line, pos) => this.completeWord(line, pos),
        remember: () => false,
      });
      if (result.kind === 'eof') {
        if (pending !== '') {
          this.tty.writeText(`bash: syntax error: unexpected end of file\r\n`);
          pending = '';
          continue;
        }
        this.tty.writeText('exit\r\n');
        return this.end(this.shell.lastStatus);
      }
      if (result.kind === 'interrupt') {
        pending = '';
        this.shell.lastStatus = 130;
        continue;
      }
      const src = pending === '' ? result.line : `${pending}\n${result.line}`;
      if (src.trim() === '') {
        pending = '';
        continue;
      }
      if (incomplete(src)) {
        pending = src;
        continue;
      }
      pending = '';
      // A command typed on several lines comes back as bash's history has it; entries that keep
      // a newline (here-documents, open quotes) stay joined by spaces: the line editor is one line.
      const entry = historyEntry(src);
      this.history('bash').add(entry.includes('\n') ? src.replace(/\n/g, ' ') : entry);
      this.opts.onCommand?.(src.replace(/\n/g, ' '));
      const status = await this.run(src);
      if (this.shell.exited) {
        this.tty.writeText('exit\r\n');
        return this.end(status);
      }
    }
  }

  private async run(src: string): Promise<number> {
    this.running = true;
    this.interruptedLine = false;
    this.refreshTitle();
    const jobsBefore = new Set(this.shell.jobs);
    let status: number;
    try {
      status = await this.shell.runScript(toBytes(src + '\n'));
    } catch (e) {
      // A bug in a program must not take the tab down: report it like a crashed process.
      this.tty.writeText(`bash: internal error: ${e instanceof Error ? e.message : String(e)}\r\n`);
      status = 1;
    } finally {
      this.running = false;
    }
    for (const job of this.shell.jobs) {
      if (!jobsBefore.has(job) && !this.announced.has(job)) {
        this.announced.add(job);
        this.tty.writeText(`[${job.id}] ${job.pid}\r\n`);
      }
    }
    // bash starts a new line when the foreground job died of the SIGINT the tty sent.
    if (this.interruptedLine && status === 130) this.tty.writeText('\r\n');
    this.interruptedLine = false;
    return status;
  }

  /** Interactive bash's notices of jobs that ended, before the next prompt; they leave the table. */
  private reportJobs(): void {
    const jobs = this.shell.jobs;
    const done = jobs.filter((j) => j.state === 'done');
    if (done.length === 0) return;
    for (const job of done) {
      const i = jobs.indexOf(job);
      const mark = i === jobs.length - 1 ? '+' : i === jobs.length - 2 ? '-' : ' ';
      const s = job.status ?? 0;
      // A status above 128 is a death by signal in the lab (bash's jobs.c prints strsignal's words).
      const state = s === 0 ? 'Done' : (JOB_SIGNAL_WORDS[s - 128] ?? `Exit ${s}`);
      this.tty.writeText(`[${job.id}]${mark}  ${state.padEnd(24)}${fromBytes(job.text.replace(/ &$/, ''))}\r\n`);
    }
    const remaining = jobs.filter((j) => j.state !== 'done');
    jobs.splice(0, jobs.length, ...remaining);
  }

  private end(status: number): number {
    if (!this.ended) {
      this.ended = true;
      this.opts.onExit?.(status);
    }
    return status;
  }

  /** Tab: command names for the first word of a command, file names elsewhere. */
  completeWord(line: string, pos: number): WordCompletion | null {
    const before = line.slice(0, pos);
    let start = pos;
    while (start > 0 && !/[\s;|&<>()]/.test(before[start - 1])) start--;
    const word = before.slice(start);
    const head = before.slice(0, start).trimEnd();
    const commandPosition = head === '' || /(\|\||&&|[;|&(])$/.test(head);
    if (commandPosition && !word.includes('/')) {
      const names = new Set([...Object.keys(BUILTINS), ...Object.keys(PROGRAMS), 'clear', 'help', 'edit']);
      return { start, candidates: [...names].filter((n) => n.startsWith(word)).sort() };
    }
    return { start, candidates: this.completeFile(word) };
  }

  private completeFile(word: string): string[] {
    const disk = this.opts.host.disk;
    const cut = word.lastIndexOf('/');
    const dirPart = cut >= 0 ? word.slice(0, cut + 1) : '';
    const base = cut >= 0 ? word.slice(cut + 1) : word;
    const home = this.shell.vars.get('HOME') ?? '/';
    const expanded = dirPart.startsWith('~/') ? home + dirPart.slice(1) : dirPart;
    const dir = absolutePath(this.shell.cwd, expanded === '' ? '.' : expanded);
    if (!disk.isDirectory(dir)) return [];
    return disk
      .list(dir)
      .filter((name) => name.startsWith(toBytes(base)) && (base.startsWith('.') || !name.startsWith('.')))
      .map((name) => dirPart + fromBytes(name) + (disk.isDirectory(absolutePath(dir, name)) ? '/' : ''));
  }
}

/** Whether a line needs more (an open quote, a trailing `&&` or `|`): bash's `> ` prompt. */
function incomplete(src: string): boolean {
  const parser = new Parser(toBytes(src));
  try {
    for (;;) if (parser.next().kind === 'eof') return false;
  } catch (e) {
    if (e instanceof ShellSyntaxError) return /unexpected (EOF|end of file)/.test(e.message);
    return false;
  }
}
