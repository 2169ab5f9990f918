/**
 * Glue between the simulator and vitest: seeds come from the environment, and a failing test
 * prints the command that reproduces it together with the trace.
 *
 * ```ts
 * it('replica resyncs after a partition', () => {
 *   const s = simScenario({ seed: 7 });   // SEED=… in the environment overrides 7
 *   …
 * });
 * ```
 *
 * On failure the output ends with `reproduce: SEED=7 npx vitest run test/sim/x.test.ts -t "…"`.
 */
import { expect, onTestFailed } from 'vitest';
import { relative } from 'node:path';
import { scenario, Sim, type Scenario, type ScenarioOptions, type SimOptions } from '../../src/sim/index.ts';

/** The seed a test runs with: `SEED` from the environment when set, else the test's own. */
export function seedFromEnv(fallback: number): number {
  const raw = process.env.SEED;
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`SEED must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return n;
}

/** The command that re-runs the current test with `seed`. */
export function reproduceCommand(seed: number): string {
  const state = expect.getState();
  const file = state.testPath ? relative(process.cwd(), state.testPath) : 'test/sim';
  const name = (state.currentTestName ?? '').split(' > ').pop() ?? '';
  const pattern = name.replace(/[.*+?^${}()|[\]\\"]/g, '\\$&');
  return `SEED=${seed} npx vitest run ${file}${pattern ? ` -t "${pattern}"` : ''}`;
}

/** Prints `report()` when the current test fails (unless the error already carries it). */
export function reportOnFailure(report: () => string): void {
  onTestFailed((ctx) => {
    const errors = ctx.task.result?.errors ?? [];
    if (errors.some((e) => String(e?.message ?? '').includes('\nreproduce: '))) return;
    console.error(`\n--- simulator report ---\n${report()}\n`);
  });
}

/** A scenario for the current test: seeded from SEED or `options.seed`, reporting on failure. */
export function simScenario(options: ScenarioOptions = {}): Scenario {
  const seed = seedFromEnv(options.seed ?? 1);
  const s = scenario({ ...options, seed, reproduce: reproduceCommand(seed) });
  reportOnFailure(() => s.report());
  return s;
}

/** A bare simulator for the current test, seeded and reporting like {@link simScenario}. */
export function simHost(options: SimOptions = {}): Sim {
  const seed = seedFromEnv(options.seed ?? 1);
  const sim = new Sim({ ...options, seed, reproduce: reproduceCommand(seed) });
  reportOnFailure(() => sim.report());
  return sim;
}
