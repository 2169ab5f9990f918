/**
 * Glue for the fuzz tests: fixed seeds that the environment can override, bounded run counts
 * that the environment can raise, a failure message that ends with the command reproducing it,
 * and the checks every reply must pass (error wording as Redis words it, one reply per command).
 *
 * - `SEED=<n>`: the seed of every property in the run (default: each property's own).
 * - `FUZZ_RUNS=<n>`: runs per property (default: each property's own, small enough for CI).
 * - `FUZZ_PATH=<path>`: replays only the shrunk counterexample fast-check printed (with SEED).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { relative } from 'node:path';
import type { Reply } from '../../src/engine/resp/reply.ts';
import { REDIS_ERROR_PATTERNS } from './redis-errors.generated.ts';

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return n;
}

/** The run count of a property: FUZZ_RUNS when set, else `fallback`. */
export function fuzzRuns(fallback: number): number {
  return envInt('FUZZ_RUNS') ?? fallback;
}

/** The seed of a property: SEED when set, else `fallback`. */
export function fuzzSeed(fallback: number): number {
  return envInt('SEED') ?? fallback;
}

/** `SEED=… npx vitest run <this file> -t "<this test>"`. */
export function reproduce(seed: number, path?: string): string {
  const state = expect.getState();
  const file = state.testPath ? relative(process.cwd(), state.testPath) : 'test/fuzz';
  const name = (state.currentTestName ?? '').split(' > ').pop() ?? '';
  const pattern = name.replace(/[.*+?^${}()|[\]\\"]/g, '\\$&');
  const pathVar = path ? `FUZZ_PATH=${path} ` : '';
  return `SEED=${seed} ${pathVar}npx vitest run ${file}${pattern ? ` -t "${pattern}"` : ''}`;
}

/** Counts of what a property saw, printed with its run count (so a report can quote them). */
export type Tally = Record<string, number>;

export function bump(t: Tally, key: string, n = 1): void {
  t[key] = (t[key] ?? 0) + n;
}

function rethrow(e: unknown, seed: number): never {
  const cause = e instanceof Error && e.cause !== undefined ? `\ncause: ${e.cause instanceof Error ? e.cause.message : String(e.cause)}` : '';
  const msg = (e instanceof Error ? e.message : String(e)) + cause;
  const path = /path: "([^"]*)"/.exec(msg)?.[1];
  const err = new Error(`${msg}\nreproduce: ${reproduce(seed, path)}`);
  if (e instanceof Error) err.stack = `${err.message}\n${e.stack ?? ''}`;
  throw err;
}

function params(seed: number, runs: number): fc.Parameters<unknown> {
  const path = process.env.FUZZ_PATH;
  return { seed, numRuns: runs, ...(path ? { path, endOnFailure: true } : {}) };
}

/** Runs a synchronous property with a fixed (overridable) seed and run count. */
export function fuzz<Ts>(prop: fc.IProperty<Ts>, opts: { seed: number; runs: number }): void {
  const seed = fuzzSeed(opts.seed);
  try {
    fc.assert(prop, params(seed, fuzzRuns(opts.runs)) as fc.Parameters<Ts>);
  } catch (e) {
    rethrow(e, seed);
  }
}

/** Runs an asynchronous property with a fixed (overridable) seed and run count. */
export async function fuzzAsync<Ts>(prop: fc.IAsyncProperty<Ts>, opts: { seed: number; runs: number }): Promise<void> {
  const seed = fuzzSeed(opts.seed);
  try {
    await fc.assert(prop, params(seed, fuzzRuns(opts.runs)) as fc.Parameters<Ts>);
  } catch (e) {
    rethrow(e, seed);
  }
}

// -----------------------------------------------------------------------------------------
// Error texts
// -----------------------------------------------------------------------------------------

const REDIS_ERRORS = REDIS_ERROR_PATTERNS.map(([src]) => new RegExp(src));

/**
 * Error texts of the lab itself, not of Redis: a command Redis 7.0 has but the lab does not
 * implement says so (a deliberate simplification, DESIGN.md §3).
 */
const LAB_ERRORS = [/^ERR '[A-Z_-]+( [A-Z_-]+)?' is not available in this lab$/, /^ERR DEBUG [A-Z-]+ is not available in this lab$/];

/** Why `text` (an error reply without its `-`) is not worded as Redis words an error, or null. */
export function errorTextProblem(text: string): string | null {
  if (/[\r\n]/.test(text)) return 'contains CR or LF (breaks the RESP stream; Redis maps them to spaces)';
  if (!/^[A-Z][A-Z_]*( |$)/.test(text)) return 'does not start with an upper-case error code';
  if (REDIS_ERRORS.some((re) => re.test(text))) return null;
  if (LAB_ERRORS.some((re) => re.test(text))) return null;
  return 'matches none of the error texts in the Redis 7.0.15 source';
}

/** True for the lab's own "not available" error (counted separately by the properties). */
export function isLabError(text: string): boolean {
  return LAB_ERRORS.some((re) => re.test(text));
}

/** Asserts that every error inside `reply` (nested too, as EXEC returns them) is Redis-worded. */
export function expectRedisErrors(reply: Reply, context: string): void {
  if (reply.type === 'error') {
    const problem = errorTextProblem(reply.value);
    if (problem) throw new Error(`error reply ${JSON.stringify(reply.value)} ${problem}\n  after: ${context}`);
  } else if (reply.type === 'array' && reply.value) {
    for (const r of reply.value) expectRedisErrors(r, context);
  }
}

/** A readable rendering of argv (binary bytes as \xNN) for failure messages. */
export function showArgv(argv: readonly string[]): string {
  return argv.map((a) => JSON.stringify(a).replace(/\\u00([0-9a-f]{2})/g, '\\x$1')).join(' ');
}
