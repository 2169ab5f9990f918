/**
 * The headless lab: the shell printing what a terminal shows, on the deterministic simulator
 * ({@link runLabScript}, `npm run lab -- --sim`) or on a live host such as the runtime on
 * worker_threads ({@link runLabScriptOnHost}, `npm run lab`). scripts/lab.ts, the tests and the
 * fidelity harness (both lab sides) use them.
 */
export { runLabScript, runLabScriptOnHost, callerEnvironment, toBytes, fromBytes } from './run-lab.ts';
export type { LabOptions, LabResult, LiveLabOptions } from './run-lab.ts';
