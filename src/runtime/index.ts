/**
 * The lab's runtime (DESIGN.md §2): the cluster on worker threads, for the browser and for
 * Node. Browser code imports from here and passes `browserPlatform()`; Node code (the headless
 * lab, tests, benches) imports `createNodeRuntime` from ./node.ts.
 */
export { ClusterRuntime, MIN_SPEED, MAX_SPEED } from './runtime.ts';
export type { PartyRef, RuntimeOptions } from './runtime.ts';
export { browserPlatform } from './platform-browser.ts';
export type { Platform, PortLike, WorkerHandle } from './platform.ts';
export { Clock } from './clock.ts';
export { SharedDisk } from './shared-disk.ts';
export { RuntimeStores } from './stores.ts';
export type { ClockView, LinkView, NodeView, RuntimeEvent } from './stores.ts';
export { bootScenario, replicasSynced } from './scenario.ts';
export type { ScenarioSpec, ScenarioNode, ScenarioResult } from './scenario.ts';
export { DATA_SPEED, SENTINEL_SPEED, PHASE_LIMIT_MS, planBoot, phaseDone, sentinelsSettled } from './boot-plan.ts';
export type { BootPhase, BootPlan, DataNodeState, PlannedNode } from './boot-plan.ts';
export type { FaultTable, NodeSnapshot, NodeSummary } from '../../workers/protocol.ts';
