/**
 * Goal: under random writes and random crash/restart/pause/partition/hold/drop faults,
 * replication keeps its guarantees — offsets never go backwards within one replication ID
 * history (a simulator checker after every step), and after healing every replica (including
 * a chained one) is linked, at its primary's offset, with the same `DEBUG DIGEST`.
 * Method: a bounded number of seeds of the swarm on the deterministic simulator
 * (test/swarm/replication-swarm.ts), a couple of seconds in CI; `SWARM_SEEDS=N` or
 * `npm run swarm -- --seeds N` for long runs. A failure names the seed, its steps and the
 * command that reproduces it.
 */
import { expect, test } from 'vitest';
import { runSwarmSeed } from './replication-swarm.ts';

const SEEDS = Number(process.env.SWARM_SEEDS ?? 150);
const FROM = Number(process.env.SWARM_FROM ?? 1);

test(`replication swarm: seeds ${FROM}..${FROM + SEEDS - 1}`, () => {
  for (let seed = FROM; seed < FROM + SEEDS; seed++) {
    const r = runSwarmSeed(seed);
    if (!r.ok) {
      throw new Error(`seed ${seed} failed: ${r.failure}\nsteps:\n${r.steps.join('\n')}\nreproduce: npm run swarm -- --seed ${seed}`);
    }
    expect(r.virtualMs).toBeGreaterThan(0);
  }
}, 120_000);
