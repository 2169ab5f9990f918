// Goal: the goals of lessons 1 and 2 tick when the learner does what the lesson says — and not
// before: nothing ticks from the scenario's boot or from the learner merely arriving, and a
// Reset's boot lines do not tick event goals either. Method: each lesson's scenario on a SimLab
// (the page's lab on `?host=sim`), a real TabSession with the terminal's taps (output and
// command lines) and the lab watcher the Goals element uses (watchLabForGoals) feeding a
// GoalMatcher built from the lesson's own frontmatter; the lesson's Run commands are typed in
// page order, with the lesson's button presses (Kill primary, Restart) where the prose asks.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SimLab } from '../../src/components/lab/sim-lab.ts';
import type { LabHandle } from '../../src/components/lab/registry.ts';
import { GoalMatcher } from '../../src/components/lab/goal-matcher.ts';
import { watchLabForGoals } from '../../src/components/lab/goal-lab.ts';
import { normalizeGoals, type Goal } from '../../src/components/lab/lesson-schema.ts';
import type { ScenarioInput } from '../../src/components/lab/scenario.ts';
import { TabSession } from '../../src/terminal/tab-session.ts';
import { MemoryStorage } from '../../src/terminal/history.ts';

const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

function lesson(slug: string) {
  const src = readFileSync(fileURLToPath(new URL(`../../content/lessons/${slug}.mdx`, import.meta.url)), 'utf8');
  const fm = yaml.load(src.split(/^---\s*$/m)[1]) as { scenario: ScenarioInput; goals: unknown[] };
  const runs = [...src.matchAll(/<Run cmd="([^"]*)"/g)].map((m) => m[1]);
  return { scenario: fm.scenario, goals: normalizeGoals(fm.goals), runs };
}

function open(slug: string, override?: Goal[]) {
  const { scenario, runs } = lesson(slug);
  const goals = override ?? lesson(slug).goals;
  const lab = new SimLab(scenario, { animate: false, startMs: Date.UTC(2026, 10, 28, 1, 0) });
  const handle: LabHandle = { controller: lab, kind: 'sim', host: () => lab.host(), ready: () => lab.ready, onReset: (l) => lab.onReset(l) };
  const matcher = new GoalMatcher(goals);
  const met: string[] = [];
  const onMet = (ix: number[]) => met.push(...ix.map((i) => goals[i].text));
  watchLabForGoals(handle, matcher, onMet);
  const session = new TabSession({
    host: lab.host(),
    write: (t) => onMet(matcher.output('1', t)),
    cols: () => 120,
    storage: new MemoryStorage(),
    tabId: '1',
    onCommand: (line) => onMet(matcher.command(line)),
  });
  const until = async (pred: () => boolean) => {
    const r = await lab.sim.run(() => (lab.advance(0), pred()), settle, { limitMs: 60_000 });
    lab.advance(0);
    expect(r).toBe('done');
  };
  const run = async (cmd: string) => {
    session.input(cmd + '\r');
    await settle();
    await until(() => session.idle);
  };
  return { lab, goals, runs, met, run, until };
}

describe('lesson goals on the lab', () => {
  it('lesson 1: a read, the refused request after Kill primary, the restart loading the AOF — each ticks at its step', async () => {
    const l = open('01-high-availability');
    await l.until(() => true);
    await settle();
    expect(l.met, 'nothing ticks from the boot').toEqual([]);
    expect(l.runs).toHaveLength(4);
    await l.run(l.runs[0]);
    expect(l.met).toEqual([]);
    await l.run(l.runs[1]);
    expect(l.met).toEqual([l.goals[0].text]);
    l.lab.killPrimary();
    await l.run(l.runs[2]);
    expect(l.met).toEqual([l.goals[0].text, l.goals[1].text]);
    l.lab.restart('6379');
    await l.until(() => l.lab.view().nodes.find((n) => n.id === '6379')?.state === 'up');
    await l.run(l.runs[3]);
    expect(l.met).toEqual(l.goals.map((g) => g.text));
  });

  it('lesson 2: every goal ticks by the end of its Run steps, none twice', async () => {
    const l = open('02-replication');
    await l.until(() => true);
    await settle();
    expect(l.met).toEqual([]);
    for (const cmd of l.runs) await l.run(cmd);
    expect([...l.met].sort()).toEqual(l.goals.map((g) => g.text).sort());
  });

  it('boot lines never tick an event goal, neither at first nor after a Reset; the same line logged later does', async () => {
    const ready: Goal = { text: 'ready', check: { kind: 'event', value: 'Ready to accept connections' } };
    const primary: Goal = { text: 'primary', check: { kind: 'primary', value: '6379' } };
    const l = open('01-high-availability', [ready, primary]);
    await l.until(() => true);
    await settle();
    // The primary check looks at the view once the cluster has settled (6379 is primary from the start).
    expect(l.met).toEqual(['primary']);
    await l.lab.reset();
    await settle();
    await l.until(() => true);
    expect(l.met).toEqual(['primary']);
    l.lab.kill('6379');
    l.lab.restart('6379');
    await l.until(() => l.lab.view().nodes.find((n) => n.id === '6379')?.state === 'up');
    await l.until(() => l.met.length === 2);
    expect(l.met).toEqual(['primary', 'ready']);
  });
});
