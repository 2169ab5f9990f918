/**
 * The page's one lab: the `<redis-lab>` element creates it (lazily, when the lab scrolls into
 * view or the learner asks for it) and the map, controls, event log and terminal wait for it
 * here. Kept tiny: this module is in every page's initial JavaScript.
 */
import type { LabController } from './model.ts';
import type { ShellHost } from '../../shell/host.ts';

/** What a terminal needs besides the controller: a shell host that is replaced on reset. */
export interface LabHandle {
  controller: LabController;
  /** What runs the cluster: Web Workers (`runtime`) or the simulator on the page's thread (`sim`). */
  kind: 'runtime' | 'sim';
  /** Why the simulator stands in for the worker runtime, when it does. */
  fallbackReason?: string;
  /** The current shell host (a new cluster after reset). */
  host(): ShellHost;
  /** Resolves once the current cluster is booted and settled (after a reset: once the reset listeners ran); rejects if it cannot start. */
  ready(): Promise<void>;
  /** Called with the new host after every reset, once the new cluster is settled. */
  onReset(listener: (host: ShellHost) => void): () => void;
}

type Waiter = (lab: LabHandle) => void;
let current: LabHandle | null = null;
const waiters = new Set<Waiter>();

export function setLab(lab: LabHandle): void {
  current = lab;
  for (const w of [...waiters]) w(lab);
}

/** Calls `fn` with the lab now if it exists, else once it does; returns an unsubscribe. */
export function whenLab(fn: Waiter): () => void {
  if (current) fn(current);
  waiters.add(fn);
  return () => waiters.delete(fn);
}

export function currentLab(): LabHandle | null {
  return current;
}

/** Starts the lab now if it is waiting for visibility (a control or Run button was used first). */
export function wakeLab(): void {
  window.dispatchEvent(new Event('redis-lab:wake'));
}
