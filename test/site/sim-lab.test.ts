// Goal: the lab's model, read from a real cluster on the simulator, says what the UI must show —
// roles, the current primary, sentinel opinions rebuilt from their logs, the failover in the event
// log — and Kill primary always kills whoever is primary now. Method: a SimLab (no animation)
// driven with advance(ms) in virtual time, on lesson 3's scenario.
import { describe, expect, it } from 'vitest';
import { SimLab } from '../../src/components/lab/sim-lab.ts';
import type { LabEvent } from '../../src/components/lab/model.ts';

const lesson3 = {
  files: ['primary.conf', 'replica.conf', 'sentinel1.conf', 'sentinel2.conf', 'sentinel3.conf'] as const,
  running: ['primary.conf', 'replica.conf', 'sentinel1.conf', 'sentinel2.conf', 'sentinel3.conf'],
};

const START = Date.UTC(2026, 0, 15, 9, 30);

function run(lab: SimLab, ms: number, step = 100) {
  for (let t = 0; t < ms; t += step) lab.advance(step);
}

describe('SimLab', () => {
  it('starts lesson 3 settled: primary 6379, replica 6380 in sync, three sentinels watching 6379', () => {
    const lab = new SimLab({ files: [...lesson3.files], running: lesson3.running }, { animate: false, startMs: START });
    const v = lab.view();
    expect(v.nodes.map((n) => `${n.id}:${n.role}:${n.state}`)).toEqual([
      '5000:sentinel:up', '5001:sentinel:up', '5002:sentinel:up', '6379:primary:up', '6380:replica:up',
    ]);
    expect(v.primary).toBe('6379');
    expect(v.sentinels.map((s) => s.primary)).toEqual(['127.0.0.1:6379', '127.0.0.1:6379', '127.0.0.1:6379']);
    expect(v.links.some((l) => l.kind === 'replication' && l.from === '6380' && l.to === '6379' && l.alive)).toBe(true);
    const replica = v.nodes.find((n) => n.id === '6380')!;
    expect(replica.details.find(([k]) => k === 'master_link_status')?.[1]).toBe('up');
  });

  it('Kill primary: no sentinel calls it down before 5 s; after ~5 s every sentinel logs +sdown, then +odown', () => {
    const lab = new SimLab({ files: [...lesson3.files], running: lesson3.running }, { animate: false, startMs: START });
    const seen: LabEvent[] = [];
    lab.onEvents((b) => seen.push(...b));
    lab.killPrimary();
    run(lab, 4500);
    expect(lab.view().sentinels.some((s) => s.sdown)).toBe(false);
    run(lab, 700);
    expect(lab.view().sentinels.filter((s) => s.sdown).length).toBeGreaterThan(0);
    run(lab, 2300);
    for (const node of ['5000', '5001', '5002']) {
      const lines = seen.filter((e) => e.node === node).map((e) => e.line);
      expect(lines.some((l) => l.includes('+sdown master myprimary 127.0.0.1 6379')), node).toBe(true);
      expect(lines.some((l) => /\+odown master myprimary 127\.0\.0\.1 6379 #quorum [23]\/2/.test(l)), node).toBe(true);
    }
  });

  it('Kill primary: sdown, odown, election, switch-master to 6380; the map follows', () => {
    const lab = new SimLab({ files: [...lesson3.files], running: lesson3.running }, { animate: false, startMs: START });
    const seen: LabEvent[] = [];
    lab.onEvents((b) => seen.push(...b));
    lab.killPrimary();
    expect(lab.view().nodes.find((n) => n.id === '6379')!.state).toBe('down');
    run(lab, 5300);
    const down = lab.view().sentinels.filter((s) => s.sdown);
    expect(down.length).toBeGreaterThan(0);
    run(lab, 5000);
    expect(seen.some((e) => e.line.includes('+try-failover'))).toBe(true);
    const lines = seen.filter((e) => e.kind === 'sentinel').map((e) => e.line);
    for (const ev of ['+sdown master myprimary 127.0.0.1 6379', '+odown master myprimary', '+elected-leader', '+switch-master myprimary 127.0.0.1 6379 127.0.0.1 6380']) {
      expect(lines.some((l) => l.includes(ev)), ev).toBe(true);
    }
    const v = lab.view();
    expect(v.primary).toBe('6380');
    expect(v.sentinels.every((s) => s.primary === '127.0.0.1:6380' && !s.odown)).toBe(true);
    expect(v.sentinels.every((s) => s.epoch === 1)).toBe(true);
    // Kill primary now means 6380.
    lab.killPrimary();
    expect(lab.view().nodes.find((n) => n.id === '6380')!.state).toBe('down');
  });

  it('pause, restart, reset', async () => {
    const lab = new SimLab({ files: ['primary.conf'], running: ['primary.conf'] }, { animate: false, startMs: START });
    lab.pause('6379');
    expect(lab.view().nodes[0].state).toBe('paused');
    lab.resume('6379');
    lab.kill('6379');
    expect(lab.view().primary).toBe(null);
    lab.restart('6379');
    run(lab, 200);
    expect(lab.view().nodes[0].state).toBe('up');
    const gen = lab.view().generation;
    await lab.reset();
    expect(lab.view().generation).toBe(gen + 1);
    expect(lab.view().nodes[0].pid).not.toBe(null);
  });
});
