/**
 * Goal: a seed reproduces a run exactly, and seeds do what they claim — the same seed gives the
 * same full trace, another seed another one, and adding a node leaves the other nodes' random
 * streams alone. A checker a scenario adds fires with a message that says how to reproduce.
 * Method: run one busy scenario (three servers, clients, a partition, a crash and a restart)
 * twice and compare every trace line; compare run ids across scenarios with and without an
 * extra node; add a checker that a write violates.
 */
import { describe, expect, it } from 'vitest';
import { show } from '../support/engine-harness.ts';
import { scenario, SimCheckError } from '../../src/sim/index.ts';
import type { RedisServer } from '../../src/engine/server/server.ts';
import { seedFromEnv, simScenario } from './support.ts';

/** A scenario touching every source of randomness: pids, run ids, ports, latencies, faults. */
function busyRun(seed: number): string[] {
  const s = scenario({ seed, traceCapacity: 100_000 });
  for (const port of [6379, 6380, 6381]) s.file(`n${port}.conf`, `port ${port}\nappendonly yes\n`).start('redis-server', [`n${port}.conf`]);
  const clients = [6379, 6380, 6381].map((p) => s.client(p));
  for (let i = 0; i < 20; i++) clients[i % 3].call('INCR', `k${i % 5}`);
  s.partition('client', 6380);
  clients[1].send('SET', 'held', '1');
  s.runFor(2500).crash(6379).repair().runFor(100).restart(6379).runFor(3000);
  clients.push(s.client(6379));
  clients[3].call('INFO', 'server');
  s.kill(6381, 'TERM').runFor(1000);
  return [...s.trace(), ...s.sim.processes().map((p) => `${p.pid} ${p.title}`)];
}

describe('sim: determinism', () => {
  it('the same seed reproduces the full trace; another seed does not', () => {
    const seed = seedFromEnv(1234);
    const first = busyRun(seed);
    expect(first.length).toBeGreaterThan(100);
    expect(busyRun(seed)).toEqual(first);
    expect(busyRun(seed + 1)).not.toEqual(first);
  });

  it('adding a node does not change another node\'s random stream', () => {
    const seed = seedFromEnv(42);
    const runId = (withExtraNode: boolean) => {
      const s = scenario({ seed }).file('a.conf', 'port 6379\n').file('b.conf', 'port 6380\n');
      if (withExtraNode) s.start('redis-server', ['b.conf']);
      s.start('redis-server', ['a.conf']);
      return s.node<RedisServer>(6379).runId;
    };
    const alone = runId(false);
    expect(alone).toMatch(/^[0-9a-f]{40}$/);
    expect(runId(true)).toBe(alone);
  });

  it('a scenario checker runs after every step and fails with the reproduction command', () => {
    const s = simScenario({ seed: 9 }).file('r.conf', 'port 6379\n').start('redis-server', ['r.conf']);
    s.check('at most two keys', (sim) => {
      for (const p of sim.procs()) {
        const size = (p.node as RedisServer).dbs[0].size;
        if (size > 2) throw new Error(`${p.party} holds ${size} keys`);
      }
    });
    const cli = s.client(6379);
    expect(show(cli.call('MSET', 'a', '1', 'b', '2'))).toBe('OK');
    let error: unknown;
    try {
      cli.call('SET', 'c', '3');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimCheckError);
    const message = (error as Error).message;
    expect(message).toContain('checker "at most two keys" failed');
    expect(message).toContain('6379 holds 3 keys');
    expect(message).toMatch(/\nreproduce: SEED=\d+ npx vitest run test\/sim\/sim-determinism\.test\.ts -t "a scenario checker runs/);
    expect(message).toContain('client:');
    expect(message).toMatch(/data {2}"\*3\\r\\n\$3\\r\\nSET\\r\\n\$1\\r\\nc/);
  });
});
