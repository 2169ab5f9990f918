/**
 * Goal: Sentinel's safety and liveness under random faults. Safety after every simulator step:
 * a sentinel votes for at most one leader per epoch, and its current and config epochs never
 * decrease. Liveness after healing: exactly one primary, every sentinel names it, every
 * replica follows it.
 * Method: per seed, the tutorial cluster (failover-timeout 10 s to keep runs short) gets 6
 * random faults (crash and restart of any node, partitions between random groups, SIGSTOP of a
 * node) at random times over 60 s; then everything is restarted and repaired and the cluster
 * gets 120 s to converge. A failure names the seed (SEED=n reruns just that one). Largest clean
 * run so far: seeds 100-1399 (SEEDS=1300).
 */
import { describe, expect, it } from 'vitest';
import { SeededRng, randomInt } from '../../src/engine/util/random.ts';
import { addSentinelSafetyCheckers, convergenceProblem, tutorialCluster } from '../support/sentinel-harness.ts';

const NODES = [6379, 6380, 6381, 5000, 5001, 5002];
const DATA = [6379, 6380, 6381];
// SEED=n runs one seed; SEEDS=n runs n seeds from SEED_FROM (default 100). CI runs 6.
const from = Number(process.env.SEED_FROM ?? 100);
const seeds = process.env.SEED ? [Number(process.env.SEED)] : Array.from({ length: Number(process.env.SEEDS ?? 6) }, (_, i) => from + i);

describe('sentinel swarm', () => {
  it.each(seeds)('seed %i: safe under faults, converges after healing', (seed) => {
    const s = tutorialCluster({ seed, failoverTimeout: 10000 });
    addSentinelSafetyCheckers(s);
    const rng = new SeededRng(seed * 7919);
    const crashed = new Set<number>();
    const paused = new Set<number>();
    for (let i = 0; i < 6; i++) {
      s.runFor(2000 + randomInt(rng, 10000));
      const node = NODES[randomInt(rng, NODES.length)];
      switch (randomInt(rng, 4)) {
        case 0:
          if (!crashed.has(node) && !paused.has(node)) {
            s.crash(node);
            crashed.add(node);
          }
          break;
        case 1:
          if (crashed.has(node)) {
            s.restart(node);
            crashed.delete(node);
          }
          break;
        case 2: {
          const group = NODES.filter(() => randomInt(rng, 2) === 0);
          const rest = NODES.filter((n) => !group.includes(n));
          if (group.length && rest.length) s.partition(group, rest);
          break;
        }
        case 3:
          if (!crashed.has(node) && !paused.has(node)) {
            s.pause(node);
            paused.add(node);
          }
          break;
      }
    }
    s.runFor(5000);
    s.repair();
    for (const n of paused) s.resume(n);
    for (const n of crashed) s.restart(n);
    s.runFor(120000);
    expect(convergenceProblem(s, DATA), `seed ${seed}`).toBeNull();
  });
});
