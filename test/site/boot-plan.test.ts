// Goal: the lab's one boot plan orders a scenario's nodes as the tutorial does (data nodes, then
// sentinels), with the speeds that keep Sentinel out of TILT, and its conditions say "settled"
// only when every replica is synced and every sentinel has announced every other sentinel and
// every replica — not when the same count of lines comes from fewer sentinels.
// Method: bootPlan on resolved scenarios; the predicates on hand-written log lines; and a SimLab
// boot of lesson 3 checked against the predicate it booted with.
import { describe, expect, it } from 'vitest';
import { bootPlan, phaseDone, replicasSynced, sentinelsSettled } from '../../src/components/lab/boot-plan.ts';
import { resolveScenario } from '../../src/components/lab/scenario.ts';
import { SimLab } from '../../src/components/lab/sim-lab.ts';
import type { LabEvent } from '../../src/components/lab/model.ts';

const ALL = ['primary.conf', 'replica.conf', 'sentinel1.conf', 'sentinel2.conf', 'sentinel3.conf'];
const line = (node: string, msg: string) => ({ node, line: `1:X 15 Jan 2026 09:30:00.000 * ${msg}` });
const peer = (node: string, port: number) => line(node, `+sentinel sentinel ${'a'.repeat(40)} 127.0.0.1 ${port} @ myprimary 127.0.0.1 6379`);
const slave = (node: string) => line(node, '+slave slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379');

describe('bootPlan', () => {
  it('starts data nodes first (50×) and sentinels after them (8×), whatever the order in the frontmatter', () => {
    const plan = bootPlan(resolveScenario({ files: ALL, running: ['sentinel1.conf', 'primary.conf', 'sentinel2.conf', 'replica.conf', 'sentinel3.conf'] }));
    expect(plan.phases.map((p) => [p.name, p.speed, p.nodes.map((n) => n.port)])).toEqual([
      ['data', 50, [6379, 6380]],
      ['sentinels', 8, [5000, 5001, 5002]],
    ]);
    expect(plan.sentinelPorts).toEqual([5000, 5001, 5002]);
    expect(plan.replicas).toBe(1);
  });

  it('has no sentinel phase without sentinels, and no phase at all for an empty lab', () => {
    expect(bootPlan(resolveScenario({ files: ['primary.conf'], running: ['primary.conf'] })).phases.map((p) => p.name)).toEqual(['data']);
    expect(bootPlan(resolveScenario({ files: ['primary.conf'] })).phases).toEqual([]);
  });

  it('replicasSynced: only a replica whose link is connected counts as synced', () => {
    expect(replicasSynced([{ role: 'primary', replState: '' }, { role: 'replica', replState: 'sync' }])).toBe(false);
    expect(replicasSynced([{ role: 'primary', replState: '' }, { role: 'replica', replState: 'connected' }, null])).toBe(true);
  });

  it('sentinelsSettled: each sentinel must have seen each other sentinel and each replica', () => {
    const full = [peer('5000', 5001), peer('5000', 5002), peer('5001', 5000), peer('5001', 5002), peer('5002', 5000), peer('5002', 5001), slave('5000'), slave('5001'), slave('5002')];
    expect(sentinelsSettled(full, [5000, 5001, 5002], 1)).toBe(true);
    // Six +sentinel lines, but 5002 never heard of 5001 (and 5000 heard of 5001 twice).
    const lopsided = full.filter((e) => !(e.node === '5002' && e.line.includes(' 5001 @'))).concat([peer('5000', 5001)]);
    expect(sentinelsSettled(lopsided, [5000, 5001, 5002], 1)).toBe(false);
    // A sentinel that has not learnt the replica yet (it would abort a failover: no good slave).
    expect(sentinelsSettled(full.filter((e) => !(e.node === '5001' && e.line.includes('+slave'))), [5000, 5001, 5002], 1)).toBe(false);
  });

  it('a SimLab booted with the plan on lesson 3 is settled by its own conditions, with no +tilt and no +sdown', () => {
    const lab = new SimLab({ files: ALL, running: ALL }, { animate: false, startMs: Date.UTC(2026, 0, 15, 9, 30) });
    const events: LabEvent[] = [];
    lab.onEvents((b) => events.push(...b));
    const plan = bootPlan(resolveScenario({ files: ALL, running: ALL }));
    const data = lab.view().nodes.filter((n) => n.kind === 'server').map((n) => ({ role: n.role, replState: n.replState }));
    for (const phase of plan.phases) expect(phaseDone(plan, phase, { data, events }), phase.name).toBe(true);
    expect(events.some((e) => /\+tilt|\+sdown/.test(e.line))).toBe(false);
  });
});
