/**
 * The headless lab: the shell on the deterministic simulator, printing what a terminal shows.
 * `npm run lab` (scripts/lab.ts), the tests and the fidelity harness use {@link runLabScript}.
 */
export { runLabScript, runLabScriptOnHost, callerEnvironment, toBytes, fromBytes } from './run-lab.ts';
export type { LabOptions, LabResult, LiveLabOptions } from './run-lab.ts';
