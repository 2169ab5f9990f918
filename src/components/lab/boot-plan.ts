/**
 * The lab's one boot plan, for the site's scenarios: a thin caller of the runtime's plan
 * (src/runtime/boot-plan.ts, where the phases, speeds and conditions and their reasons live).
 * The live runtime executes the plan itself (`bootScenario`, used by ./runtime-lab.ts); the
 * simulator host (./sim-lab.ts) runs the same phases in virtual time with {@link bootPlan}.
 */
import { planBoot, type BootPhase as RuntimeBootPhase, type BootPlan as RuntimeBootPlan } from '../../runtime/boot-plan.ts';
import type { ResolvedScenario, ResolvedStart } from './scenario.ts';

export { phaseDone, replicasSynced, sentinelsSettled } from '../../runtime/boot-plan.ts';
export type { DataNodeState } from '../../runtime/boot-plan.ts';

export type BootPhase = RuntimeBootPhase<ResolvedStart>;
export type BootPlan = RuntimeBootPlan<ResolvedStart>;

/** Data nodes (50×, until replicas are synced), then sentinels (8×, until they know each other and the replicas). */
export function bootPlan(s: ResolvedScenario): BootPlan {
  const text = (n: ResolvedStart) => s.files.find((f) => f.path === `${n.cwd}/${n.argv[0]}`)?.text ?? '';
  return planBoot(s.start, { portOf: (n) => n.port, isReplica: (n) => /^\s*(replicaof|slaveof)\s/m.test(text(n)) });
}
