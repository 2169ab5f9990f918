/**
 * The walk shared by the tests of lessons 3, 4 and 5: the lesson's frontmatter and Run commands
 * read from its MDX, and its scenario booted on a SimLab (simulator, virtual time) with terminal
 * tabs of the real TabSession on @xterm/headless screens; what the goals' checks look at is
 * recorded (lines printed in the tabs, event-log lines after the boot, submitted command lines).
 * (support-lesson.ts does the same through the site's own goal matcher for lessons 6–13.)
 */
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { SimLab } from '../../../src/components/lab/sim-lab.ts';
import type { ScenarioInput } from '../../../src/components/lab/scenario.ts';
import { TabSession } from '../../../src/terminal/tab-session.ts';
import { MemoryStorage } from '../../../src/terminal/history.ts';
import { Screen } from '../../terminal/support.ts';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
export const START = Date.UTC(2026, 10, 28, 1, 0);

export interface Frontmatter {
  scenario: ScenarioInput;
  goals: Array<string | { text: string; check?: Record<string, string> }>;
}

/** The lesson's frontmatter, as the site reads it. */
export function lesson(file: string): { fm: Frontmatter; body: string } {
  const text = readFileSync(new URL(`../../../content/lessons/${file}`, import.meta.url), 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
  return { fm: yaml.load(m[1]) as Frontmatter, body: m[2] };
}

/** The commands of the lesson's Run buttons, in order. */
export function runCommands(body: string): string[] {
  return [...body.matchAll(/<Run cmd=(?:"([^"]*)"|\{`([^`]*)`\})/g)].map((m) => m[1] ?? m[2]);
}

/**
 * The lesson's lab: a SimLab booted on the lesson's scenario, terminal tabs (the real
 * TabSession) on its host, and what the goals' checks look at: lines printed in the tabs,
 * event-log lines after the boot, submitted command lines.
 */
export function openLab(scenario: ScenarioInput) {
  const lab = new SimLab(scenario, { animate: false, startMs: START });
  lab.advance(0);
  const events: string[] = [];
  const outputs: string[] = [];
  const commands: string[] = [];
  let booted = false;
  lab.onEvents((b) => {
    if (booted) events.push(...b.map((e) => e.line));
  });
  booted = true;
  const storage = new MemoryStorage();
  let n = 0;
  const until = async (pred: () => boolean, limitMs = 60_000) => {
    const out = await lab.sim.run(pred, settle, { limitMs });
    lab.advance(0);
    if (out !== 'done') throw new Error(`the lab did not get there (${out})`);
  };
  const tab = () => {
    const screen = new Screen(200, 50);
    const session = new TabSession({ host: lab.host(), write: (t) => screen.write(t), cols: () => screen.cols, storage, tabId: String(++n), cwd: '/home/learner' });
    let mark = 0;
    const printed = async () => {
      const lines = await screen.lines();
      const out = lines.slice(mark, lines.length - 1);
      mark = lines.length - 1;
      outputs.push(...out);
      return out.slice(1).join('\n');
    };
    return {
      screen,
      session,
      /** Types a command line and Enter (a Run button), runs until the prompt is back; returns what it printed. */
      async run(cmd: string, limitMs?: number): Promise<string> {
        commands.push(cmd);
        session.input(cmd + '\r');
        await until(() => session.idle, limitMs);
        return printed();
      },
      /** Types a line without waiting for the prompt (a server in the foreground, an interactive redis-cli). */
      type(line: string) {
        commands.push(line);
        session.input(line + '\r');
      },
      /** Everything on this tab's screen. */
      async text(): Promise<string> {
        const lines = await screen.lines();
        outputs.push(...lines);
        return lines.join('\n');
      },
    };
  };
  const wait = async (ms: number) => {
    const t = lab.sim.time + ms;
    await until(() => lab.sim.time >= t, ms + 5_000);
  };
  /** The goals whose check has not matched anything the learner did or saw. */
  const unmetGoals = (fm: Frontmatter) =>
    fm.goals.flatMap((g) => {
      if (typeof g === 'string' || !g.check) return [];
      const [kind, value] = Object.entries(g.check)[0];
      const re = new RegExp(value);
      const met =
        kind === 'output' ? outputs.some((l) => re.test(l)) :
        kind === 'event' ? events.some((l) => re.test(l)) :
        kind === 'command' ? commands.some((l) => re.test(l.trim())) :
        kind === 'primary' ? lab.view().primary === String(value) : false;
      return met ? [] : [g.text];
    });
  return { lab, events, commands, tab, wait, unmetGoals };
}
