/**
 * The runtime's platform under Node: worker_threads running workers/node.worker.ts through the
 * tiny bootstrap workers/node-thread.ts (comlink's node adapter; Node strips the types), and
 * node:worker_threads' MessageChannel, whose ports behave like the DOM's. Used by the headless
 * lab (`npm run lab`), test/runtime and bench/.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { realNow } from '../../workers/protocol.ts';
import type { Platform, PortLike, WorkerHandle } from './platform.ts';

const bootstrap = new URL('../../workers/node-thread.ts', import.meta.url);
const entry = new URL('../../workers/node.worker.ts', import.meta.url).href;

/**
 * `workerEntry`: a module the worker threads load instead of workers/node.worker.ts (tests load
 * one that wraps it, e.g. to make the platform deliver some messages late).
 */
export function nodePlatform(options: { workerEntry?: string } = {}): Platform {
  const workerEntry = options.workerEntry ?? entry;
  return {
    createWorker(name: string): WorkerHandle {
      const worker = new Worker(bootstrap, { workerData: { entry: workerEntry }, name });
      const listeners: Array<(message: string) => void> = [];
      worker.on('error', (e: Error) => {
        const text = e.stack ?? `${e.name}: ${e.message}`;
        for (const l of listeners) l(text);
      });
      return {
        endpoint: nodeEndpoint(worker as unknown as Parameters<typeof nodeEndpoint>[0]),
        terminate: () => void worker.terminate(),
        onError: (listener) => void listeners.push(listener),
      };
    },
    createChannel() {
      const { port1, port2 } = new MessageChannel();
      return { port1: port1 as unknown as PortLike, port2: port2 as unknown as PortLike };
    },
    realNow,
    wallNow: () => Date.now(),
    tick: () => new Promise((resolve) => setImmediate(resolve)),
  };
}
