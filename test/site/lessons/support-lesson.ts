/**
 * Drives a lesson the way a learner does, on the deterministic simulator: the lesson's scenario
 * (read from its frontmatter through the site's lesson schema) booted by a SimLab (the lab's own
 * boot plan), terminal tabs of the real TabSession drawn on @xterm/headless screens, the lab's
 * buttons as SimLab calls, and virtual time a learner would let pass. The lesson's goals are fed
 * to the site's GoalMatcher exactly as the page feeds it (every tab's output, submitted command
 * lines, event log lines, the current primary), so a test asserts which goals ticked.
 * Used by the lesson tests of lessons 6–9.
 *
 * `runs(slug)` reads the lesson's `<Run cmd="…" />` steps from its MDX, so a test can check it
 * performs exactly the commands the page offers, in order.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { SimLab } from '../../../src/components/lab/sim-lab.ts';
import type { ScenarioInput } from '../../../src/components/lab/scenario.ts';
import { lessonFields, normalizeGoals, type Goal } from '../../../src/components/lab/lesson-schema.ts';
import { GoalMatcher } from '../../../src/components/lab/goal-matcher.ts';
import { TabSession } from '../../../src/terminal/tab-session.ts';
import { MemoryStorage } from '../../../src/terminal/history.ts';
import { Screen } from '../../terminal/support.ts';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/** A real date: Sentinel holds failovers back for 2 × failover-timeout after the epoch (see SimLabOptions.startMs). */
const START = Date.UTC(2026, 10, 28, 1, 0);

const LESSONS = new URL('../../../content/lessons/', import.meta.url);

/** The lesson's MDX source. */
export function lessonSource(slug: string): string {
  return readFileSync(fileURLToPath(new URL(`${slug}.mdx`, LESSONS)), 'utf8');
}

/** The lesson's Run steps in page order: the command, and whether it opens a new tab. */
export function runs(slug: string): Array<{ cmd: string; newTab: boolean }> {
  const out: Array<{ cmd: string; newTab: boolean }> = [];
  for (const m of lessonSource(slug).matchAll(/<Run\s+cmd="([^"]*)"([^>]*)\/>/g)) {
    out.push({ cmd: m[1].replaceAll('&quot;', '"'), newTab: /\bnewTab\b/.test(m[2]) });
  }
  return out;
}

/** The lesson's frontmatter, parsed by the site's lesson schema: its scenario and goals. */
export function lessonMeta(slug: string): { scenario: ScenarioInput; goals: Goal[] } {
  const raw = yaml.load(lessonSource(slug).split(/^---\s*$/m)[1] ?? '');
  const fields = lessonFields.parse(raw);
  if (!fields.scenario) throw new Error(`${slug} has no scenario`);
  return { scenario: fields.scenario, goals: normalizeGoals(fields.goals) };
}

export interface LessonTab {
  screen: Screen;
  session: TabSession;
  /** Types the command and Enter, runs the lab until the tab shows its prompt again; resolves with the screen from the command's prompt line on. */
  run(cmd: string, limitMs?: number): Promise<string>;
  /** Types the command and Enter without waiting (a server or `tail -f` in the foreground). */
  start(cmd: string): void;
  /** What the tab shows: logical lines (soft-wrapped rows joined), right-trimmed. */
  text(): Promise<string>;
}

export interface LessonLab {
  lab: SimLab;
  /** Every log line of the lab's event log so far: `<node> <line>`. */
  events: string[];
  /** Every command line typed in any tab. */
  commands: string[];
  /** Opens a terminal tab (the lab's shell starts in /home/learner). */
  tab(): LessonTab;
  /** Lets `ms` of lab time pass with everything running. */
  wait(ms: number): Promise<void>;
  /** Runs the lab until `pred` holds. */
  until(pred: () => boolean, limitMs?: number): Promise<void>;
  /** The Reset lab button: the lesson's scenario again (open new tabs afterwards). */
  reset(): Promise<void>;
  /** The lesson's goals and which of them have ticked so far (the page's matcher, fed as the page feeds it). */
  goals: Goal[];
  ticked(): boolean[];
}

/** Opens the lesson `slug` on its own scenario. */
export function openLesson(slug: string, opts: { cols?: number; seed?: number } = {}): LessonLab {
  const { scenario, goals } = lessonMeta(slug);
  const lab = new SimLab(scenario, { animate: false, startMs: START, seed: opts.seed });
  const matcher = new GoalMatcher(goals);
  const events: string[] = [];
  const commands: string[] = [];
  lab.onEvents((b) => {
    for (const e of b) {
      events.push(`${e.node} ${e.line}`);
      matcher.event(e.line);
    }
    matcher.primary(lab.view().primary);
  });
  const storage = new MemoryStorage();
  let n = 0;
  const until = async (pred: () => boolean, limitMs = 60_000) => {
    // The lab hands its log lines to listeners when it publishes (advance): publish before each look.
    const out = await lab.sim.run(() => (lab.advance(0), pred()), settle, { limitMs });
    lab.advance(0);
    if (out !== 'done') throw new Error(`the lab did not get there (${out}) within ${limitMs} ms of lab time`);
  };
  const tab = (): LessonTab => {
    const screen = new Screen(opts.cols ?? 160, 50);
    const tabId = String(++n);
    const session = new TabSession({
      host: lab.host(),
      write: (t) => {
        screen.write(t);
        matcher.output(tabId, t);
      },
      cols: () => screen.cols,
      storage,
      tabId,
      cwd: '/home/learner',
    });
    // Logical lines: a row xterm soft-wrapped is joined to the one before (what the learner reads as one line).
    const text = async () => {
      await screen.flush();
      const buf = screen.term.buffer.active;
      const rows: string[] = [];
      for (let i = 0; i < buf.length; i++) {
        const line = buf.getLine(i);
        const s = line?.translateToString(true) ?? '';
        if (line?.isWrapped && rows.length > 0) rows[rows.length - 1] += s;
        else rows.push(s);
      }
      return rows.map((r) => r.trimEnd()).join('\n').replace(/\n+$/, '');
    };
    return {
      screen,
      session,
      text,
      async run(cmd, limitMs) {
        commands.push(cmd);
        matcher.command(cmd);
        session.input(cmd + '\r');
        await until(() => session.idle, limitMs);
        const all = await text();
        return all.slice(all.lastIndexOf(`$ ${cmd}`));
      },
      start(cmd) {
        commands.push(cmd);
        matcher.command(cmd);
        session.input(cmd + '\r');
      },
    };
  };
  return {
    lab,
    events,
    commands,
    tab,
    until,
    async wait(ms) {
      const t = lab.sim.time + ms;
      await lab.sim.run(() => lab.sim.time >= t, settle, { limitMs: ms + 1 });
      lab.advance(0);
    },
    async reset() {
      await lab.reset();
      events.length = 0;
    },
    goals,
    ticked: () => goals.map((_, i) => matcher.isDone(i)),
  };
}
