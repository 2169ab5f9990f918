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
  /** Run it in a new terminal tab (a server started in the foreground), not the active one. */
  newTab?: boolean;
}

/** How a command is run: in the active tab (default) or a new one. */
export interface RunOptions {
  newTab?: boolean;
}

/** Asks the active terminal (or a new tab, with `newTab`) to type `command` and press Enter; true when a terminal took it. */
export function requestRun(command: string, options: RunOptions = {}): boolean {
  const detail: RunDetail = { command, handled: false, newTab: options.newTab === true };
  window.dispatchEvent(new CustomEvent<RunDetail>(RUN_EVENT, { detail }));
  return detail.handled;
}

/** Listens for run requests; `handle` returns true when it typed the command. */
export function onRunRequest(handle: (command: string, run: RunOptions) => boolean, options: { fallback?: boolean } = {}): () => void {
  const listener = (e: Event) => {
    const detail = (e as CustomEvent<RunDetail>).detail;
    if (!detail || typeof detail.command !== 'string') return;
    if (options.fallback) {
      // Let every other listener answer first (dispatch is synchronous).
      queueMicrotask(() => {
        if (!detail.handled) detail.handled = handle(detail.command, { newTab: detail.newTab === true });
      });
      return;
    }
    if (!detail.handled) detail.handled = handle(detail.command, { newTab: detail.newTab === true });
  };
  window.addEventListener(RUN_EVENT, listener);
  return () => window.removeEventListener(RUN_EVENT, listener);
}
