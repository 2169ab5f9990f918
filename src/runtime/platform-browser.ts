/**
 * The runtime's platform in a browser: module Web Workers and the DOM's MessageChannel.
 * Vite bundles the worker from the `new URL(…, import.meta.url)` form (TOOLCHAIN.md).
 */
import type { Endpoint } from 'comlink';
import { realNow } from '../../workers/protocol.ts';
import type { Platform, PortLike, WorkerHandle } from './platform.ts';

export function browserPlatform(): Platform {
  return {
    createWorker(name: string): WorkerHandle {
      const worker = new Worker(new URL('../../workers/node.worker.ts', import.meta.url), { type: 'module', name });
      return {
        endpoint: worker as unknown as Endpoint,
        terminate: () => worker.terminate(),
        onError(listener) {
          worker.addEventListener('error', (e) => {
            e.preventDefault();
            listener(e.message || 'worker error');
          });
        },
      };
    },
    createChannel() {
      const { port1, port2 } = new MessageChannel();
      return { port1: port1 as unknown as PortLike, port2: port2 as unknown as PortLike };
    },
    realNow,
    wallNow: () => Date.now(),
    tick: () => new Promise((resolve) => setTimeout(resolve, 0)),
  };
}
