// Goal: lesson 6 ("Automatic failover with Sentinel") says exactly what the lab prints — the
// sentinels name 6379; after Kill primary every sentinel logs +sdown after ~5 s, the quorum is
// reached (+odown #quorum n/2), one leader is elected in epoch 1 (+new-epoch 1, +vote-for-leader,
// +elected-leader), it selects and promotes 6380 (+selected-slave, +failover-state-send-slaveof-
// noone, +promoted-slave) and every sentinel logs +switch-master 6379 → 6380 (about six seconds
// in all), 6379 staying listed as a replica of 6380; the sentinels then name 6380, whose ROLE is
// master without replicas; Restart on 6379 turns it into a replica of 6380 — and every goal
// of the lesson ticks.
// Method: the lesson's scenario (from its frontmatter) on the simulator with a headless terminal
// tab; the lesson's Run commands from its MDX in page order; Kill primary and Restart as SimLab
// calls; virtual time as a learner would wait; four seeds.
import { describe, expect, it } from 'vitest';
import { openLesson, runs } from './support-lesson.ts';

const SLUG = '06-automatic-failover';
const SENTINELS = ['5000', '5001', '5002'];

describe('lesson 6: automatic failover with Sentinel', () => {
  it('the page offers these steps, in this order', () => {
    expect(runs(SLUG).map((r) => r.cmd)).toEqual([
      'redis-cli -p 5000 SENTINEL get-master-addr-by-name myprimary',
      'redis-cli -p 5000 SENTINEL get-master-addr-by-name myprimary',
      'redis-cli -p 6380 -a a_strong_password --no-auth-warning ROLE',
    ]);
  });

  it.each([1, 2, 3, 4])('the learner kills the primary and watches the failover (seed %i)', async (seed) => {
    const [ask, , role] = runs(SLUG).map((r) => r.cmd);
    const l = openLesson(SLUG, { seed });
    const t = l.tab();
    await l.wait(2000);
    expect(l.ticked()).toEqual(l.goals.map(() => false));
    expect(await t.run(ask)).toBe(`$ ${ask}\n1) "127.0.0.1"\n2) "6379"\n$`);

    const mark = l.events.length;
    const killedAt = l.lab.sim.nowMs;
    l.lab.killPrimary();
    await l.until(() => SENTINELS.every((s) => l.events.slice(mark).some((e) => e.startsWith(`${s} `) && e.endsWith('# +switch-master myprimary 127.0.0.1 6379 127.0.0.1 6380'))), 15_000);
    const took = l.lab.sim.nowMs - killedAt;
    expect(took).toBeGreaterThan(5000);
    expect(took).toBeLessThan(8000); // "about six seconds"
    const ev = l.events.slice(mark);
    const msgs = (s: string) => ev.filter((e) => e.startsWith(`${s} `)).map((e) => e.replace(/^\d+ \d+:X \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} [#*] /, ''));
    for (const s of SENTINELS) {
      expect(msgs(s)).toContain('+sdown master myprimary 127.0.0.1 6379');
      expect(msgs(s)).toContain('+new-epoch 1');
      expect(msgs(s).filter((m) => /^\+vote-for-leader [0-9a-f]{40} 1$/.test(m))).toHaveLength(1);
      expect(msgs(s)).toContain('+slave slave 127.0.0.1:6379 127.0.0.1 6379 @ myprimary 127.0.0.1 6380');
    }
    expect(ev.some((e) => / # \+odown master myprimary 127\.0\.0\.1 6379 #quorum [23]\/2$/.test(e))).toBe(true);
    const leaders = SENTINELS.filter((s) => msgs(s).includes('+elected-leader master myprimary 127.0.0.1 6379'));
    expect(leaders).toHaveLength(1);
    const lm = msgs(leaders[0]);
    for (const m of ['+selected-slave slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379', '+failover-state-send-slaveof-noone slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379', '+promoted-slave slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379']) {
      expect(lm, m).toContain(m);
    }

    expect(await t.run(ask)).toBe(`$ ${ask}\n1) "127.0.0.1"\n2) "6380"\n$`);
    expect(await t.run(role)).toMatch(/^\$ .*ROLE\n1\) "master"\n2\) \(integer\) \d+\n3\) \(empty array\)\n\$$/);
    expect(l.lab.view().primary).toBe('6380');

    // Restart 6379: a little later the sentinels turn it into a replica of 6380.
    const mark2 = l.events.length;
    l.lab.restart('6379');
    await l.until(() => l.events.slice(mark2).some((e) => e.includes('* +convert-to-slave slave 127.0.0.1:6379 127.0.0.1 6379 @ myprimary 127.0.0.1 6380')), 30_000);
    await l.wait(7000);
    expect(await t.run('redis-cli -p 6379 -a a_strong_password --no-auth-warning ROLE')).toMatch(/\n1\) "slave"\n2\) "127\.0\.0\.1"\n3\) \(integer\) 6380\n4\) "connected"\n/);

    expect(l.ticked()).toEqual(l.goals.map(() => true));
  });
});
