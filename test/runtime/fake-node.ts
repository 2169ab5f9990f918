/**
 * A stand-in for the engine, loaded by node workers through the runtime's `nodeModule` option:
 * it listens on the port given as `--port N`, answers `+PONG` to anything, throws on `BOOM`
 * (an engine bug) and spins forever on `HANG` (a worker that stops answering).
 */
import type { EngineNode, NodeEnv } from '../../src/engine/node.ts';
import type { NodeInput, NodeOutput } from '../../src/engine/types.ts';

export function startNode(env: NodeEnv): { node: EngineNode; outputs: NodeOutput[] } {
  const argv = env.process.argv;
  const i = argv.indexOf('--port');
  const port = i >= 0 ? Number(argv[i + 1]) : 6379;
  if (!env.canBind('*', port)) {
    return { node: idle(port, true), outputs: [{ kind: 'stderr', text: 'fake: address in use\n' }, { kind: 'exit', code: 1 }] };
  }
  const node = idle(port, false);
  node.handle = (input: NodeInput): NodeOutput[] => {
    if (input.kind !== 'data') return [];
    if (input.bytes.includes('BOOM')) throw new Error('fake engine bug: BOOM');
    if (input.bytes.includes('HANG')) for (;;);
    return [{ kind: 'send', conn: input.conn, bytes: '+PONG\r\n' }];
  };
  return { node, outputs: [{ kind: 'stdout', text: `fake node on ${port}\n` }, { kind: 'event', event: { type: 'listening', port, mode: 'standalone' } }] };
}

function idle(port: number, exited: boolean): EngineNode {
  return { handle: () => [], cron: () => [], nextWakeMs: () => Infinity, exited, port };
}
