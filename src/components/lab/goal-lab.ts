/**
 * Feeds a lesson's goal matcher from the page's lab: the event log's lines and the view's
 * current primary, counted only once the current cluster has settled — after the first boot
 * and after every Reset — so the lines a scenario logs while it boots never tick a goal.
 * No DOM: the Goals element (./goals-element.ts) and the tests (on a SimLab) share it.
 */
import type { GoalMatcher } from './goal-matcher.ts';
import type { LabHandle } from './registry.ts';

/** Watches `lab` for `matcher`; `met` gets the indices of goals met. Returns an unsubscribe. */
export function watchLabForGoals(lab: LabHandle, matcher: GoalMatcher, met: (indices: number[]) => void): () => void {
  let generation = -1;
  let settled = false;
  let stopped = false;
  const checkPrimary = () => {
    if (settled && !stopped) met(matcher.primary(lab.controller.view().primary));
  };
  const offView = lab.controller.subscribe((v) => {
    if (v.generation !== generation) {
      generation = v.generation;
      settled = false;
      const g = generation;
      // A reset publishes its new generation before it replaces `ready`: ask on the next microtask.
      void Promise.resolve()
        .then(() => lab.ready())
        .then(
          () => {
            if (g !== generation || stopped) return;
            settled = true;
            checkPrimary();
          },
          () => {},
        );
      return;
    }
    checkPrimary();
  });
  const offEvents = lab.controller.onEvents((batch) => {
    if (!settled || stopped || !matcher.wants('event')) return;
    for (const e of batch) met(matcher.event(e.line));
  });
  return () => {
    stopped = true;
    offView();
    offEvents();
  };
}
