/**
 * A lesson's lab for the lesson tests: the lesson's scenario booted on the simulator by the
 * real SimLab (the page's lab on `?host=sim`), terminal tabs of the real TabSession drawn on
 * @xterm/headless screens (test/terminal/support.ts), the lab's controls (Kill primary, cut and
 * heal a link, restart a node), the event log, and virtual time: a tab's command runs until the
 * tab waits for the user again, `wait(ms)` lets the cluster run as a learner would wait.
 */
import { SimLab } from '../../../src/components/lab/sim-lab.ts';
import type { LabEvent } from '../../../src/components/lab/model.ts';
import type { ScenarioInput } from '../../../src/components/lab/scenario.ts';
import { TabSession } from '../../../src/terminal/tab-session.ts';
import { MemoryStorage } from '../../../src/terminal/history.ts';
import { Screen } from '../../terminal/support.ts';
import { readFileSync } from 'node:fs';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A real date, so Sentinel's failover timers behave as on a real clock (see SimLabOptions.startMs). */
export const START_MS = Date.UTC(2026, 10, 28, 9, 30);

export interface LessonTab {
  session: TabSession;
  screen: Screen;
  /** Types a line and Enter, and runs the lab until the tab waits for the user again. */
  line(text: string, limitMs?: number): Promise<void>;
  /** Types a line and Enter without waiting (a command that runs in the foreground: SUBSCRIBE). */
  start(text: string): void;
  /** Ctrl+C, then runs until the tab is back at its prompt. */
  interrupt(): Promise<void>;
  /** The screen's text. */
  text(): Promise<string>;
  /** The screen's text written since the mark (see {@link mark}). */
  since(mark: number): Promise<string>;
  /** The number of screen lines so far. */
  mark(): Promise<number>;
}

/** A goal check as a lesson's frontmatter writes it (`check: { kind: 'pattern' }`). */
export interface GoalCheck {
  text: string;
  kind: 'output' | 'event' | 'primary' | 'command';
  value: string;
}

/**
 * The checked goals of a lesson file, read from its frontmatter (our lessons write each as
 * `  - text: …` then `    check: { kind: '…' }`, single-quoted, on one line).
 */
export function lessonGoals(path: string): GoalCheck[] {
  const front = readFileSync(path, 'utf8').split(/^---$/m)[1];
  const out: GoalCheck[] = [];
  let text = '';
  for (const line of front.split('\n')) {
    const t = /^\s+- text: (.*)$/.exec(line);
    if (t) text = t[1];
    const c = /^\s+check: \{ (output|event|primary|command): '((?:[^']|'')*)' \}$/.exec(line);
    if (c) out.push({ text, kind: c[1] as GoalCheck['kind'], value: c[2].replace(/''/g, "'") });
  }
  return out;
}

/** Escape sequences and control characters, removed from a tab's output as the goal checks see it. */
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[ -/]*[0-~]|[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]/g;

export class LessonLab {
  readonly lab: SimLab;
  readonly events: LabEvent[] = [];
  /** How many event-log lines the boot wrote (event checks count only later ones). */
  readonly bootEvents: number;
  /** Every command line submitted in a tab (what `command` checks see). */
  readonly commands: string[] = [];
  /** Every primary the view named after the boot. */
  readonly primaries = new Set<string>();
  private readonly storage = new MemoryStorage();
  private readonly screens: Screen[] = [];
  private tabs = 0;

  constructor(scenario: ScenarioInput, seed = 1) {
    this.lab = new SimLab(scenario, { animate: false, startMs: START_MS, seed });
    this.lab.onEvents((b) => this.events.push(...b));
    this.bootEvents = this.events.length;
    this.lab.subscribe((v) => {
      if (v.primary !== null) this.primaries.add(v.primary);
    });
  }

  /** Lines printed in every tab so far, as a goal's `output` check sees them. */
  outputLines(): string[] {
    const out: string[] = [];
    for (const s of this.screens) for (const line of s.raw.split('\n')) for (const piece of line.replace(/\r+$/, '').replace(ANSI, '').split('\r')) out.push(piece);
    return out;
  }

  /** The goals whose checks have not matched what happened so far (their texts). */
  unmet(goals: GoalCheck[]): string[] {
    const lines = this.outputLines();
    const events = this.events.slice(this.bootEvents).map((e) => e.line.replace(/\r?\n$/, ''));
    return goals
      .filter((g) => {
        if (g.kind === 'primary') return !this.primaries.has(g.value);
        const re = new RegExp(g.value);
        const pool = g.kind === 'output' ? lines : g.kind === 'event' ? events : this.commands;
        return !pool.some((l) => re.test(l));
      })
      .map((g) => g.text);
  }

  /** Runs the cluster until `pred` holds (virtual time), then publishes the view. */
  async until(pred: () => boolean, limitMs = 120_000): Promise<void> {
    // The event log is delivered when the lab publishes (advance): publish before each look.
    const check = () => {
      this.lab.advance(0);
      return pred();
    };
    const outcome = await this.lab.sim.run(check, settle, { limitMs });
    this.lab.advance(0);
    if (outcome !== 'done') throw new Error(`the lab did not get there (${outcome}) within ${limitMs} ms of virtual time`);
  }

  /** Lets `ms` of virtual time pass. */
  async wait(ms: number): Promise<void> {
    const sim = this.lab.sim;
    const target = sim.time + ms;
    await sim.run(() => sim.time >= target, settle, { limitMs: ms + 1 });
    this.lab.advance(0);
  }

  /** Runs until an event-log line matches. */
  async untilEvent(re: RegExp, limitMs = 120_000): Promise<LabEvent> {
    let hit: LabEvent | undefined;
    await this.until(() => (hit = this.events.find((e) => re.test(e.line))) !== undefined, limitMs);
    return hit!;
  }

  eventLines(re: RegExp): string[] {
    return this.events.filter((e) => re.test(e.line)).map((e) => `${e.node} ${e.line}`);
  }

  tab(): LessonTab {
    const screen = new Screen(100, 40);
    const session = new TabSession({
      host: this.lab.host(),
      write: (t) => screen.write(t),
      cols: () => screen.cols,
      storage: this.storage,
      tabId: String(++this.tabs),
      cwd: '/home/learner',
    });
    this.screens.push(screen);
    const lines = async () => screen.lines();
    return {
      session,
      screen,
      line: async (text, limitMs = 120_000) => {
        this.commands.push(text.trim());
        session.input(text + '\r');
        await this.until(() => session.idle, limitMs);
      },
      start: (text) => {
        this.commands.push(text.trim());
        session.input(text + '\r');
      },
      interrupt: async () => {
        session.input('\x03');
        await this.until(() => session.idle);
      },
      text: () => screen.text(),
      mark: async () => (await lines()).length,
      since: async (m) => (await lines()).slice(Math.max(0, m - 1)).join('\n'),
    };
  }
}
