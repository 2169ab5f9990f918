/**
 * The deterministic simulator (DESIGN.md §2, §4, §5): the public surface.
 *
 * - {@link Sim} — clock, agenda, processes, network, faults, checkers, trace; also a `ShellHost`.
 * - {@link scenario} — the synchronous scenario language for tests.
 * - {@link deriveSeed} / {@link streamRng} — named random streams under one root seed.
 */
export { Sim, SimCheckError, DEFAULT_START_MS } from './sim.ts';
export type { Checker, NodeFactory, PartyRef, ProcessEntry, Signal, SimOptions } from './sim.ts';
export { scenario, Scenario, ScenarioError, SimClient } from './scenario.ts';
export type { ProcOutput, ProcRef, ScenarioOptions } from './scenario.ts';
export type { ClientConnection, ClientHandlers, OpenHandlers, NetworkOptions } from './network.ts';
export type { Proc, ProcState, SpawnRequest } from './process.ts';
export { Trace, excerpt, formatTraceRecord } from './trace.ts';
export type { TraceRecord } from './trace.ts';
export { deriveSeed, streamRng } from './seed.ts';
