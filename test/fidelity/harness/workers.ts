/**
 * The workers side of a fidelity comparison: the same script through the headless lab on the
 * live runtime — every node an engine in a Node worker thread on a real, scalable clock, links
 * over MessageChannels — as `npm run lab -- SCRIPT` runs it (scripts/lab.ts: a ClusterRuntime
 * from src/runtime/node.ts driven by `runLabScriptOnHost` from src/headless). Same ports, seed,
 * cwd and non-tty stdout as the simulator side, and the same `normalise`.
 */
import { normalise } from './normalise.ts';
import { LAB_CWD, LAB_SEED } from './lab.ts';
import { transcript, type Scenario, type SideResult } from './scenarios.ts';

/**
 * The clock speed the fidelity tests run the workers at. Real Redis runs in real time, so 1×
 * mirrors the real run; a faster clock would save CI time, but `sleep 0.5` while a server boots
 * or a sentinel counts its down-after must leave the same state behind at any speed, and on a
 * loaded 2-core machine a worker's work per lab second grows with the speed. See README.md
 * ("The workers side") for the measurement behind the choice.
 */
export const WORKERS_SPEED = 1;

/** Lab ms after which a script still running is stopped (the real side's timeout is 60 s real). */
const LIMIT_MS = 120_000;

/** Runs the scenario on worker threads; resolves with its normalised transcript. */
export async function runWorkersSide(s: Scenario, ports: Record<string, number>, speed = WORKERS_SPEED): Promise<SideResult> {
  // Imported here, not at the top, so that a runtime that fails to load fails the workers tests
  // with its error instead of the whole file.
  const [{ createNodeRuntime }, { runLabScriptOnHost }] = await Promise.all([import('../../../src/runtime/node.ts'), import('../../../src/headless/run-lab.ts')]);
  const env = Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)]));
  const runtime = createNodeRuntime({ seed: LAB_SEED, speed });
  try {
    const r = await runLabScriptOnHost(runtime, s.script, { env, cwd: LAB_CWD, scriptName: s.file, tty: false, limitMs: LIMIT_MS });
    const raw = transcript(r.output, r.status);
    return { text: normalise(raw, { dir: LAB_CWD, ports }), raw };
  } finally {
    runtime.teardown();
  }
}

/** How to reproduce one scenario's workers comparison, printed with every failure. */
export function reproduceWorkers(s: Scenario): string {
  const ports = Array.from({ length: s.portCount }, (_, i) => `P${i + 1}=${7701 + i}`).join(' ');
  return [
    `reproduce: npx vitest run test/fidelity/fidelity.test.ts -t '${s.name}.*workers'`,
    `  workers: ${ports} npm run -s lab -- --seed ${LAB_SEED}${WORKERS_SPEED === 1 ? '' : ` --speed ${WORKERS_SPEED}`} test/fidelity/scenarios/${s.file} | cat`,
    `      sim: ${ports} npm run -s lab -- --sim --seed ${LAB_SEED} test/fidelity/scenarios/${s.file} | cat`,
    `           (| cat: stdout not a terminal, as in the harness)`,
    `           (or the table, normalised: npx node test/fidelity/report.ts --workers --show-workers ${s.name})`,
  ].join('\n');
}
