// Goal: lesson 7 ("How sentinels agree") says exactly what the lab prints — SENTINEL master /
// sentinels / INFO sentinel / ckquorum / is-master-down-by-addr on the settled cluster; with
// sentinel 5001 killed, ckquorum says 2 usable and Kill primary still ends in +switch-master
// (+odown #quorum 2/2, one leader); after Reset with 5001 and 5002 killed, ckquorum says
// NOQUORUM, Kill primary gives 5000 +sdown and nothing more (status=sdown, the dead address
// still served) until Restart of 5001 lets the two fail over to 6380 — and every goal check of
// the lesson matches what the learner sees.
// Method: the lesson's scenario (from its frontmatter) on the simulator (SimLab, the lab's boot plan) with a headless
// terminal tab; the lesson's Run commands taken from its MDX in page order; the map's buttons as
// SimLab calls; virtual time as a learner would wait; four seeds (other timings, other leaders). Outputs compared with the prose's quotes
// (which match the real Redis 7.0.15 record in fidelity/06-failover/no-quorum).
import { describe, expect, it } from 'vitest';
import { openLesson, runs } from './support-lesson.ts';

const SLUG = '07-sentinel-in-depth';

const field = (out: string, name: string, value: string) => new RegExp(`\\d+\\) "${name}"\\n\\s*\\d+\\) "${value}"`).test(out);

describe('lesson 7: how sentinels agree', () => {
  it('the page offers these steps, in this order', () => {
    expect(runs(SLUG).map((r) => r.cmd)).toEqual([
      'redis-cli -p 5000 SENTINEL master myprimary',
      'redis-cli -p 5000 SENTINEL sentinels myprimary',
      'redis-cli -p 5000 INFO sentinel',
      'redis-cli -p 5000 SENTINEL ckquorum myprimary',
      "redis-cli -p 5000 SENTINEL is-master-down-by-addr 127.0.0.1 6379 0 '*'",
      'redis-cli -p 5000 SENTINEL ckquorum myprimary',
      'redis-cli -p 5000 SENTINEL ckquorum myprimary',
      'redis-cli -p 5000 INFO sentinel',
      'redis-cli -p 5000 SENTINEL get-master-addr-by-name myprimary',
    ]);
  });

  it.each([1, 2, 3, 4])('the learner walks through the lesson and sees what it says (seed %i)', async (seed) => {
    const [master, sentinels, info, ckquorum, isDown, , , , getAddr] = runs(SLUG).map((r) => r.cmd);
    const l = openLesson(SLUG, { seed });
    let t = l.tab();
    const run = (cmd: string) => t.run(cmd);
    await l.wait(3000); // reading the introduction
    expect(l.ticked()).toEqual(l.goals.map(() => false));

    // What one sentinel knows.
    const m = await run(master);
    expect(field(m, 'flags', 'master')).toBe(true);
    expect(field(m, 'num-slaves', '1')).toBe(true);
    expect(field(m, 'num-other-sentinels', '2')).toBe(true);
    expect(field(m, 'quorum', '2')).toBe(true);
    expect(field(m, 'config-epoch', '0')).toBe(true);
    const s = await run(sentinels);
    expect(s.match(/"voted-leader"\n\s*\d+\) "\?"/g)).toHaveLength(2);
    expect(s.match(/"voted-leader-epoch"\n\s*\d+\) "0"/g)).toHaveLength(2);
    expect(s).toMatch(/"port"\n\s*6\) "5001"/);
    expect(s).toMatch(/"port"\n\s*6\) "5002"/);
    expect(await run(info)).toContain('master0:name=myprimary,status=ok,address=127.0.0.1:6379,slaves=1,sentinels=3');
    expect(await run(ckquorum)).toContain('\nOK 3 usable Sentinels. Quorum and failover authorization can be reached\n');
    expect(await run(isDown)).toContain('\n1) (integer) 0\n2) "*"\n3) (integer) 0\n');

    // Experiment 1: Kill on sentinel 5001; ~5 s later both others log +sdown sentinel … 5001.
    l.lab.kill('5001');
    await l.wait(6000);
    for (const node of ['5000', '5002']) {
      expect(l.events.some((e) => e.startsWith(`${node} `) && /# \+sdown sentinel [0-9a-f]{40} 127\.0\.0\.1 5001 @ myprimary 127\.0\.0\.1 6379$/.test(e)), node).toBe(true);
    }
    expect(await run(ckquorum)).toContain('\nOK 2 usable Sentinels. Quorum and failover authorization can be reached\n');
    const mark = l.events.length;
    l.lab.killPrimary();
    await l.wait(10_000);
    const ex1 = l.events.slice(mark);
    for (const node of ['5000', '5002']) {
      const mine = ex1.filter((e) => e.startsWith(`${node} `));
      expect(mine.some((e) => e.endsWith('# +sdown master myprimary 127.0.0.1 6379')), node).toBe(true);
      expect(mine.some((e) => e.endsWith('# +new-epoch 1')), node).toBe(true);
      expect(mine.some((e) => e.endsWith('# +switch-master myprimary 127.0.0.1 6379 127.0.0.1 6380')), node).toBe(true);
    }
    expect(ex1.some((e) => e.endsWith('# +odown master myprimary 127.0.0.1 6379 #quorum 2/2'))).toBe(true);
    const votes = ex1.map((e) => /# \+vote-for-leader ([0-9a-f]{40}) 1$/.exec(e)?.[1]).filter(Boolean);
    expect(votes).toHaveLength(2);
    expect(new Set(votes).size).toBe(1);
    expect(ex1.filter((e) => e.endsWith('# +elected-leader master myprimary 127.0.0.1 6379'))).toHaveLength(1);
    expect(l.lab.view().primary).toBe('6380');

    // Experiment 2: Reset, Kill 5001 and 5002.
    await l.reset();
    t = l.tab();
    expect(l.lab.view().primary).toBe('6379');
    l.lab.kill('5001');
    l.lab.kill('5002');
    // "wait until 5000 logs +sdown sentinel for both (about five seconds)": 5 s after the first
    // unanswered ping, which goes out within a second of the kill.
    const sdownOf = (port: string) => l.events.some((e) => e.startsWith('5000 ') && e.includes('# +sdown sentinel ') && e.includes(` 127.0.0.1 ${port} @ myprimary`));
    const killedAt = l.lab.sim.time;
    await l.until(() => sdownOf('5001') && sdownOf('5002'), 7000);
    expect(l.lab.sim.time - killedAt).toBeGreaterThanOrEqual(5000);
    expect(await run(ckquorum)).toContain(
      '\n(error) NOQUORUM 1 usable Sentinels. Not enough available Sentinels to reach the specified quorum for this master. Not enough available Sentinels to reach the majority and authorize a failover\n',
    );
    const mark2 = l.events.length;
    l.lab.killPrimary();
    await l.wait(10_000);
    // 5000 logs +sdown master and nothing else: no +odown, no epoch, no vote.
    expect(l.events.slice(mark2).filter((e) => e.startsWith('5000 ')).map((e) => e.slice(e.indexOf('# ')))).toEqual(['# +sdown master myprimary 127.0.0.1 6379']);
    expect(await run(info)).toContain('master0:name=myprimary,status=sdown,address=127.0.0.1:6379,slaves=1,sentinels=3');
    // "ask is-master-down-by-addr again: now 1"
    expect(await run(isDown)).toContain('\n1) (integer) 1\n2) "*"\n3) (integer) 0\n');
    expect(await run(getAddr)).toContain('\n1) "127.0.0.1"\n2) "6379"\n');

    // Restart 5001: the two reach the quorum and a majority; the failover to 6380 completes.
    const mark3 = l.events.length;
    l.lab.restart('5001');
    await l.wait(15_000);
    const ex2 = l.events.slice(mark3);
    expect(ex2.some((e) => e.endsWith('# +odown master myprimary 127.0.0.1 6379 #quorum 2/2'))).toBe(true);
    expect(ex2.some((e) => e.endsWith('# +elected-leader master myprimary 127.0.0.1 6379'))).toBe(true);
    expect(ex2.some((e) => e.startsWith('5000 ') && e.endsWith('# +switch-master myprimary 127.0.0.1 6379 127.0.0.1 6380'))).toBe(true);
    expect(await run(getAddr)).toContain('\n1) "127.0.0.1"\n2) "6380"\n');

    // Every goal ticked on what the learner saw (the page's matcher, fed as the page feeds it).
    expect(l.ticked()).toEqual(l.goals.map(() => true));
  });
});
