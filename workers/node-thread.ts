/**
 * Runs ./node.worker.ts under Node's worker_threads: gives the thread the worker-like globals
 * comlink's `expose` listens on (addEventListener, postMessage) through comlink's node adapter,
 * then loads the worker module named in `workerData.entry` (Node strips its types natively).
 * Browser workers need none of this.
 */
import { parentPort, workerData } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

if (!parentPort) throw new Error('node-thread.ts runs inside a worker thread');
const endpoint = nodeEndpoint(parentPort as unknown as Parameters<typeof nodeEndpoint>[0]);
const scope = globalThis as unknown as Record<string, unknown>;
scope.addEventListener = endpoint.addEventListener.bind(endpoint);
scope.removeEventListener = endpoint.removeEventListener.bind(endpoint);
scope.postMessage = endpoint.postMessage.bind(endpoint);
await import((workerData as { entry: string }).entry);
