/**
 * How a lesson's Run button reaches the terminal: a `redis-lab:run` event on `window` whose
 * detail carries the command line. A terminal that types it (as if the learner had) sets
 * `detail.handled = true` synchronously in its listener: the lab's xterm terminal
 * (`<lab-terminal>`, terminal/lab-terminal-element.ts) takes every request, queueing it until it
 * is up. A listener registered with `fallback` answers only requests no other listener took.
 */
export const RUN_EVENT = 'redis-lab:run';

export interface RunDetail {
  command: string;
  handled: boolean;
}

/** Asks the active terminal to type `command` and press Enter; true when a terminal took it. */
export function requestRun(command: string): boolean {
  const detail: RunDetail = { command, handled: false };
  window.dispatchEvent(new CustomEvent<RunDetail>(RUN_EVENT, { detail }));
  return detail.handled;
}

/** Listens for run requests; `handle` returns true when it typed the command. */
export function onRunRequest(handle: (command: string) => boolean, options: { fallback?: boolean } = {}): () => void {
  const listener = (e: Event) => {
    const detail = (e as CustomEvent<RunDetail>).detail;
    if (!detail || typeof detail.command !== 'string') return;
    if (options.fallback) {
      // Let every other listener answer first (dispatch is synchronous).
      queueMicrotask(() => {
        if (!detail.handled) detail.handled = handle(detail.command);
      });
      return;
    }
    if (!detail.handled) detail.handled = handle(detail.command);
  };
  window.addEventListener(RUN_EVENT, listener);
  return () => window.removeEventListener(RUN_EVENT, listener);
}
