/**
 * Goal: under random writes and random crash/restart/pause/partition faults, replication keeps
 * its guarantees — offsets never go backwards within one replication ID, and after healing
 * every replica (including a chained one) is linked, at its primary's offset, with the same
 * dataset. Method: a bounded number of seeds of the swarm (test/swarm/replication-swarm.ts);
 * a failure names the seed and the command that reproduces it.
 */
import { expect, test } from 'vitest';
import { runSwarmSeed } from './replication-swarm.ts';

const SEEDS = Number(process.env.SWARM_SEEDS ?? 25);

test(`replication swarm: ${SEEDS} seeds`, () => {
  for (let seed = 1; seed <= SEEDS; seed++) {
    const r = runSwarmSeed(seed);
    if (!r.ok) {
      throw new Error(`seed ${seed} failed: ${r.failure}\nreproduce: npm run swarm -- --seed ${seed}\nsteps:\n${r.steps.join('\n')}`);
    }
    expect(r.ok).toBe(true);
  }
}, 120_000);
