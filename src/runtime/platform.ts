/**
 * What the runtime needs from its surroundings: threads, channels and a clock. The browser gives
 * Web Workers and the DOM's MessageChannel (./platform-browser.ts); Node gives worker_threads
 * (./platform-node.ts). Everything else in src/runtime is the same code on both.
 */
import type { Endpoint } from 'comlink';

/** The part of a MessagePort both the DOM and node:worker_threads have. */
export interface PortLike {
  postMessage(message: unknown, transfer?: unknown[]): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

/** A running worker thread hosting one node (workers/node.worker.ts). */
export interface WorkerHandle {
  /** What comlink wraps to call the worker's control API. */
  readonly endpoint: Endpoint;
  terminate(): void;
  /** An error the worker did not catch (the node is then marked crashed). */
  onError(listener: (message: string) => void): void;
}

export interface Platform {
  /** Starts a worker running workers/node.worker.ts (`name` shows in debuggers). */
  createWorker(name: string): WorkerHandle;
  createChannel(): { port1: PortLike; port2: PortLike };
  /** Real ms comparable with the workers' (`performance.timeOrigin + performance.now()`). */
  realNow(): number;
  /** Unix ms of the wall clock (the virtual clock's default start). */
  wallNow(): number;
  /** Resolves after pending messages have been dispatched (a macrotask). */
  tick(): Promise<void>;
}
