/**
 * Command round trip through the lab's runtime on worker_threads — the shell's connection (a
 * MessagePort) → the node's worker → the engine → back — against a raw MessageChannel echo
 * with a worker thread measured in the same run (the floor any design pays), and the time to
 * boot a settled primary + replica scenario (fast-forward until the replica is synced).
 * DESIGN.md §6 budgets the terminal round trip at a median under 2 ms.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { createNodeRuntime } from '../src/runtime/node.ts';
import { bootScenario } from '../src/runtime/index.ts';
import { stats, type BenchRow } from './stats.ts';

const N = 5000;
const WARMUP = 500;

async function rawChannel(): Promise<number[]> {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     parentPort.once('message', (port) => { port.on('message', (m) => port.postMessage(m)); });`,
    { eval: true },
  );
  const { port1, port2 } = new MessageChannel();
  worker.postMessage(port2, [port2]);
  const samples: number[] = [];
  let resolve: () => void = () => {};
  port1.on('message', () => resolve());
  for (let i = 0; i < N + WARMUP; i++) {
    const t = performance.now();
    await new Promise<void>((r) => {
      resolve = r;
      port1.postMessage('*1\r\n$4\r\nPING\r\n');
    });
    if (i >= WARMUP) samples.push(performance.now() - t);
  }
  port1.close();
  await worker.terminate();
  return samples;
}

async function runtimeCommand(command: string): Promise<number[]> {
  const rt = createNodeRuntime({ seed: 1, heartbeatMs: 0 });
  rt.disk.write('/home/learner/r.conf', 'port 7801\nsave ""\n');
  rt.start('redis-server', ['r.conf']);
  await rt.settled();
  let resolve: () => void = () => {};
  const conn = await rt.connect('127.0.0.1', 7801, { onData: () => resolve(), onClose: () => {} });
  const samples: number[] = [];
  for (let i = 0; i < N + WARMUP; i++) {
    const t = performance.now();
    await new Promise<void>((r) => {
      resolve = r;
      conn.send(command);
    });
    if (i >= WARMUP) samples.push(performance.now() - t);
  }
  rt.teardown();
  return samples;
}

async function bootSettled(): Promise<number> {
  const t = performance.now();
  const rt = createNodeRuntime({ seed: 1, heartbeatMs: 0 });
  const result = await bootScenario(rt, {
    files: { 'primary.conf': 'port 7811\n', 'replica.conf': 'port 7812\nreplicaof 127.0.0.1 7811\n' },
    nodes: [{ argv: ['primary.conf'] }, { argv: ['replica.conf'] }],
  });
  const ms = performance.now() - t;
  rt.teardown();
  if (!result.settled) throw new Error('the scenario did not settle');
  return ms;
}

export async function run(): Promise<BenchRow[]> {
  const raw = await rawChannel();
  const ping = await runtimeCommand('*1\r\n$4\r\nPING\r\n');
  const set = await runtimeCommand('*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n');
  const bootMs = [await bootSettled(), await bootSettled(), await bootSettled()];
  return [
    { bench: 'runtime', case: 'raw MessageChannel echo (main ↔ worker)', n: raw.length, ...stats(raw) },
    { bench: 'runtime', case: 'PING through the runtime (ShellHost.connect)', n: ping.length, ...stats(ping) },
    { bench: 'runtime', case: 'SET through the runtime', n: set.length, ...stats(set) },
    { bench: 'runtime', case: 'boot primary+replica, settled (fast-forward 50×)', n: bootMs.length, ...stats(bootMs), note: 'cold workers; lab time frozen while a worker boots' },
  ];
}
