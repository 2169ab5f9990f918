/**
 * `<lesson-goals>`: the lesson's goals as a checklist that ticks itself (Goals.astro renders the
 * list; this element brings it to life). Goals with a check are met when the lab shows it
 * (./goal-matcher.ts: terminal output and command lines from ./goal-signals.ts, the event log
 * and the view's primary from the page's lab, ./registry.ts); goals without one are real
 * checkboxes the learner ticks. A goal met is marked with a ✓ and the word "Done" (not colour
 * alone) and announced in a polite live region.
 *
 * Progress is kept per lesson in localStorage (./goal-progress.ts): a reload keeps it, a lab
 * Reset does not touch it, the "Clear progress" button forgets it. Stored progress that does
 * not parse is discarded with a visible notice.
 *
 * Event and primary checks count from the moment the lesson's starting cluster has settled
 * (after every Reset too): the boot's own log lines never tick a goal.
 */
import type { Goal } from './lesson-schema.ts';
import { GoalMatcher } from './goal-matcher.ts';
import { onTerminalSignal } from './goal-signals.ts';
import { whenLab, type LabHandle } from './registry.ts';
import { watchLabForGoals } from './goal-lab.ts';
import { browserProgressStorage, clearProgress, loadProgress, saveProgress, type ProgressStorage } from './goal-progress.ts';

export class LessonGoalsElement extends HTMLElement {
  private matcher: GoalMatcher | null = null;
  private storage: ProgressStorage | null = null;
  private lesson = '';
  private items: HTMLLIElement[] = [];
  private live: HTMLElement | null = null;
  private offs: Array<() => void> = [];
  private offLab: (() => void) | null = null;

  connectedCallback(): void {
    if (this.matcher) return;
    let goals: Goal[];
    try {
      goals = JSON.parse(this.dataset.goals ?? '[]') as Goal[];
    } catch {
      goals = [];
    }
    this.lesson = this.dataset.lesson ?? location.pathname;
    this.matcher = new GoalMatcher(goals);
    this.items = [...this.querySelectorAll<HTMLLIElement>('li[data-goal]')];
    this.live = this.querySelector('[data-goals-live]');
    this.storage = browserProgressStorage();

    const stored = loadProgress(this.storage, this.lesson);
    if (stored.notice) this.showNotice(stored.notice);
    const known = new Set(stored.done);
    goals.forEach((g, i) => {
      if (known.has(g.text)) {
        this.matcher!.markDone(i);
        this.render(i);
      }
    });
    this.updateCount();

    for (const box of this.querySelectorAll<HTMLInputElement>('input[type="checkbox"][data-goal-box]')) {
      box.addEventListener('change', () => this.onHandTick(Number(box.dataset.goalBox), box.checked));
    }
    this.querySelector('[data-goals-clear]')?.addEventListener('click', () => this.clear());

    this.offs.push(
      onTerminalSignal((s) => {
        const m = this.matcher!;
        if (s.kind === 'output') this.met(m.output(s.tab, s.text));
        else this.met(m.command(s.line));
      }),
    );
    this.offLab = whenLab((lab) => this.watchLab(lab));
  }

  disconnectedCallback(): void {
    for (const off of this.offs) off();
    this.offs = [];
    this.offLab?.();
    this.offLab = null;
    this.offWatch?.();
    this.offWatch = null;
    this.matcher = null;
  }

  /** The lab's event log and view (./goal-lab.ts); a new lab (the simulator taking over) replaces the old one. */
  private offWatch: (() => void) | null = null;
  private watchLab(lab: LabHandle): void {
    this.offWatch?.();
    this.offWatch = watchLabForGoals(lab, this.matcher!, (met) => this.met(met));
  }

  private onHandTick(index: number, checked: boolean): void {
    const m = this.matcher;
    if (!m) return;
    if (checked) m.markDone(index);
    else m.unmark(index);
    this.render(index);
    this.save();
    this.updateCount();
  }

  /** Goals met just now: shown, announced, saved. */
  private met(indices: number[]): void {
    if (indices.length === 0 || !this.matcher) return;
    for (const i of indices) this.render(i);
    const texts = indices.map((i) => this.matcher!.goals[i].text);
    this.announce(texts.map((t) => `Goal met: ${t}`).join(' '));
    this.save();
    this.updateCount();
  }

  private render(index: number): void {
    const li = this.items[index];
    const m = this.matcher;
    if (!li || !m) return;
    const done = m.isDone(index);
    li.dataset.done = String(done);
    const box = li.querySelector<HTMLInputElement>('input[data-goal-box]');
    if (box) box.checked = done;
    const state = li.querySelector<HTMLElement>('[data-goal-state]');
    if (state) state.textContent = done ? 'Done' : 'Not yet';
    const mark = li.querySelector<HTMLElement>('[data-goal-mark]');
    if (mark) mark.textContent = done ? '✓' : '○';
  }

  private save(): void {
    const m = this.matcher;
    if (!m) return;
    saveProgress(this.storage, this.lesson, m.goals.filter((_, i) => m.isDone(i)).map((g) => g.text));
  }

  private clear(): void {
    const m = this.matcher;
    if (!m) return;
    m.goals.forEach((_, i) => {
      m.unmark(i);
      this.render(i);
    });
    clearProgress(this.storage, this.lesson);
    this.updateCount();
    this.announce('Progress cleared.');
  }

  private updateCount(): void {
    const m = this.matcher;
    const count = this.querySelector('[data-goals-count]');
    if (!m || !count) return;
    const done = m.goals.filter((_, i) => m.isDone(i)).length;
    count.textContent = `${done} of ${m.goals.length} done`;
    this.dataset.done = String(done);
  }

  private announce(text: string): void {
    if (!this.live) return;
    // A change of text is what a polite live region reads; clear first so a repeat is read too.
    this.live.textContent = '';
    requestAnimationFrame(() => {
      if (this.live) this.live.textContent = text;
    });
  }

  private showNotice(text: string): void {
    const p = this.querySelector<HTMLElement>('[data-goals-notice]');
    if (!p) return;
    p.textContent = text;
    p.hidden = false;
  }
}

if (!customElements.get('lesson-goals')) customElements.define('lesson-goals', LessonGoalsElement);
