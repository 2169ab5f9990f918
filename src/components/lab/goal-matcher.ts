/**
 * Decides when a lesson's goals are met, from what the lab reports (pure: no DOM, no timers,
 * so tests feed it directly). The Goals component (./goals-element.ts) feeds it the terminal's
 * output and submitted command lines (./goal-signals.ts), the lab's event log lines and the
 * view's primary; each call returns the indices of goals met for the first time.
 *
 * Check semantics (the `check` of a goal in a lesson's frontmatter, ./lesson-schema.ts):
 * - `output`: a line printed in any terminal tab matches the regex. Lines are what a tab
 *   shows: escape sequences and other control characters removed, `\r\n` ends a line, and a
 *   bare `\r` (a redrawn line) splits it into pieces each tested alone. The unfinished last line
 *   (a prompt such as `not connected> `) is tested too.
 * - `event`: a line of the lab's event log matches (its trailing newline removed).
 * - `primary`: the view's current primary is that port.
 * - `command`: a submitted command line (trimmed) matches.
 */
import type { Goal } from './lesson-schema.ts';

/** The longest unfinished line kept per tab (a flood without newlines is cut from the front). */
const MAX_PARTIAL = 4096;

/** Terminal escape sequences (CSI, OSC, two-byte ESC) and the control characters left after them. */
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[ -/]*[0-~]|[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]/g;

/** A line as the screen shows it, without colours and cursor moves. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

interface Compiled {
  index: number;
  kind: 'output' | 'event' | 'primary' | 'command';
  regex: RegExp | null;
  port: string;
}

export class GoalMatcher {
  readonly goals: readonly Goal[];
  private readonly done: boolean[];
  private readonly checks: Compiled[] = [];
  /** Unfinished output line per terminal tab. */
  private readonly partial = new Map<string, string>();

  constructor(goals: readonly Goal[]) {
    this.goals = goals;
    this.done = goals.map(() => false);
    goals.forEach((g, index) => {
      if (!g.check) return;
      const { kind, value } = g.check;
      let regex: RegExp | null = null;
      if (kind !== 'primary') {
        try {
          regex = new RegExp(value);
        } catch {
          // The schema refuses these at build time; a stray one simply never ticks.
          return;
        }
      }
      this.checks.push({ index, kind, regex, port: value });
    });
  }

  isDone(index: number): boolean {
    return this.done[index] === true;
  }

  /** Marks a goal met (stored progress, a learner's tick); false when it already was. */
  markDone(index: number): boolean {
    if (index < 0 || index >= this.done.length || this.done[index]) return false;
    this.done[index] = true;
    return true;
  }

  /** Forgets that a goal was met (the learner unticked it, or cleared progress). */
  unmark(index: number): void {
    if (index >= 0 && index < this.done.length) this.done[index] = false;
  }

  /** Whether some goal of `kind` is still waiting (callers skip work otherwise). */
  wants(kind: Compiled['kind']): boolean {
    return this.checks.some((c) => c.kind === kind && !this.done[c.index]);
  }

  /** Output written to terminal tab `tab` (any chunking; `\r\n` line ends). */
  output(tab: string, chunk: string): number[] {
    if (!this.wants('output')) {
      this.partial.delete(tab);
      return [];
    }
    const text = (this.partial.get(tab) ?? '') + chunk;
    const lines = text.split('\n');
    let rest = lines.pop()!;
    if (rest.length > MAX_PARTIAL) rest = rest.slice(-MAX_PARTIAL);
    this.partial.set(tab, rest);
    const met: number[] = [];
    for (const line of lines) this.outputLine(line, met);
    if (rest !== '') this.outputLine(rest, met);
    return met;
  }

  /** A tab was closed or restarted: its unfinished line is gone. */
  closeTab(tab: string): void {
    this.partial.delete(tab);
  }

  private outputLine(raw: string, met: number[]): void {
    const pieces = stripAnsi(raw).replace(/\r+$/, '').split('\r');
    for (const piece of pieces) this.test('output', piece, met);
  }

  /** A command line the learner submitted in a terminal. */
  command(line: string): number[] {
    const met: number[] = [];
    this.test('command', line.trim(), met);
    return met;
  }

  /** A line of the lab's event log. */
  event(line: string): number[] {
    const met: number[] = [];
    this.test('event', line.replace(/\r?\n$/, ''), met);
    return met;
  }

  /** The lab's current primary (a port as a string), or null when none is up. */
  primary(port: string | null): number[] {
    const met: number[] = [];
    if (port === null) return met;
    for (const c of this.checks) {
      if (c.kind === 'primary' && !this.done[c.index] && c.port === port) {
        this.done[c.index] = true;
        met.push(c.index);
      }
    }
    return met;
  }

  private test(kind: Compiled['kind'], text: string, met: number[]): void {
    for (const c of this.checks) {
      if (c.kind !== kind || this.done[c.index]) continue;
      if (c.regex!.test(text)) {
        this.done[c.index] = true;
        met.push(c.index);
      }
    }
  }
}
