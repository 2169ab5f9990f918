/**
 * `npm run swarm -- --seeds N [--from S] [--steps K]` runs the replication swarm
 * (test/swarm/replication-swarm.ts, on the deterministic simulator) for N seeds (default 100)
 * starting at S (default 1); `--seed S` runs one seed and prints its steps.
 * On a failure it prints the seed, the reason (with the simulator's trace), the steps and the
 * command that reproduces it, and exits 1; otherwise it prints the number of clean seeds.
 */
import { runSwarmSeed } from '../test/swarm/replication-swarm.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const single = arg('seed');
const from = Number(single ?? arg('from') ?? 1);
const count = single !== undefined ? 1 : Number(arg('seeds') ?? 100);
const steps = Number(arg('steps') ?? 60);
if (!Number.isInteger(from) || from < 0 || ![count, steps].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('usage: npm run swarm -- [--seeds N] [--from S] [--seed S] [--steps K]');
  process.exit(2);
}

const t0 = performance.now();
let clean = 0;
let virtualMs = 0;
for (let seed = from; seed < from + count; seed++) {
  const r = runSwarmSeed(seed, steps);
  if (single !== undefined) console.log(r.steps.join('\n'));
  if (!r.ok) {
    console.error(`seed ${seed} FAILED: ${r.failure}`);
    console.error(`steps:\n${r.steps.join('\n')}`);
    console.error(`reproduce: npm run swarm -- --seed ${seed}${steps !== 60 ? ` --steps ${steps}` : ''}`);
    process.exit(1);
  }
  clean++;
  virtualMs += r.virtualMs;
  if (count >= 1000 && clean % 1000 === 0) console.log(`… ${clean} clean seeds`);
}
const secs = ((performance.now() - t0) / 1000).toFixed(1);
console.log(`replication swarm: ${clean} clean seeds (${from}..${from + count - 1}, ${steps} steps each, ${(virtualMs / 3_600_000).toFixed(1)} h of virtual time in ${secs} s)`);
