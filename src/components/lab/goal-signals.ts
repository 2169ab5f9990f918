/**
 * What the page's terminal tells the lesson's goals: output written to a tab and command lines
 * the learner submitted. The terminal mount (../terminal/mount-lab.ts) emits them through the
 * taps of src/terminal (`onOutput`, `onCommand`); the Goals component listens. Kept tiny and
 * free of imports: with no listener an emit costs a loop over an empty set.
 */

export type TerminalSignal =
  | { kind: 'output'; tab: string; text: string }
  | { kind: 'command'; tab: string; line: string };

type SignalListener = (signal: TerminalSignal) => void;

const listeners = new Set<SignalListener>();

export function emitTerminalSignal(signal: TerminalSignal): void {
  for (const l of listeners) l(signal);
}

/** Listens to the terminal's output and command lines; returns an unsubscribe. */
export function onTerminalSignal(listener: SignalListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
