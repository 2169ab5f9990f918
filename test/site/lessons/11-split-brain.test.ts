// Goal: lesson 11 ("Partitions and split brain") says what the lab prints: with the four links
// of 6379 cut (the map's Cut buttons), the sentinels promote 6380 while 6379 keeps accepting
// writes; the cut links stay listed (their Heal buttons) after the roles changed; healing turns
// 6379 into a replica (+convert-to-slave) and its writes are gone; after Reset,
// min-replicas-to-write 1 / max-lag 10 makes the isolated primary answer NOREPLICAS once the
// lag passes 10 s. Every goal of the frontmatter ticks. A learner who leaves the links cut past
// repl-timeout (60 s) sees 6379 drop the silent replica itself, as the prose says, and keep writing. Method: the lesson's scenario on the
// real SimLab, its Run commands typed into a TabSession, the link controls called as the
// buttons call them, virtual time as a learner would wait.
import { describe, expect, it } from 'vitest';
import { LessonLab, lessonGoals } from './lesson-lab.ts';

const LESSON = 'content/lessons/11-split-brain.mdx';
const ALL = ['primary.conf', 'replica.conf', 'sentinel1.conf', 'sentinel2.conf', 'sentinel3.conf'];
const cli = (port: number, cmd: string) => `redis-cli -p ${port} -a a_strong_password --no-auth-warning ${cmd}`;
const PEERS = ['6380', '5000', '5001', '5002'];

describe('lesson 11: partitions and split brain', () => {
  it('the lesson quotes its commands as written here', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(LESSON, 'utf8');
    for (const c of ['SET before-the-cut 1', 'SET during-the-cut 1', 'ROLE', 'SET lost-write 1', 'GET lost-write', 'GET during-the-cut',
      'CONFIG SET min-replicas-to-write 1 min-replicas-max-lag 10', 'SET after-ten-seconds 1', 'INFO replication']) {
      expect(text).toContain(cli(6379, c));
    }
    expect(text).toContain(cli(6380, 'ROLE'));
  });

  it('split brain: two primaries, then the isolated one loses its writes; min-replicas makes it refuse them', async () => {
    const l = new LessonLab({ files: ALL, running: ALL });
    const t = l.tab();
    await t.line(cli(6379, 'SET before-the-cut 1'));
    await l.wait(1000);
    // The map offers a Cut button for each of the four links that touch 6379.
    expect(l.lab.view().links.map((x) => `${x.from} ↔ ${x.to}`).sort()).toEqual(['5000 ↔ 6379', '5001 ↔ 6379', '5002 ↔ 6379', '6380 ↔ 6379']);
    for (const p of PEERS) {
      l.lab.cutLink(p, '6379');
      await l.wait(700); // a learner's click after click
    }
    let m = await t.mark();
    await t.line(cli(6379, 'SET during-the-cut 1'));
    expect(await t.since(m)).toContain('\nOK');
    await l.untilEvent(/\+switch-master myprimary 127\.0\.0\.1 6379 127\.0\.0\.1 6380/);
    await l.wait(1000);
    for (const s of ['5000', '5001', '5002']) {
      expect(l.eventLines(/\+sdown master myprimary 127\.0\.0\.1 6379/).some((e) => e.startsWith(`${s} `))).toBe(true);
      expect(l.eventLines(/\+switch-master myprimary 127\.0\.0\.1 6379 127\.0\.0\.1 6380/).some((e) => e.startsWith(`${s} `))).toBe(true);
    }
    // 6379's log has been silent since the cut.
    const cutAt = l.events.findIndex((e) => e.line.includes('+sdown'));
    expect(l.events.slice(cutAt).filter((e) => e.node === '6379')).toEqual([]);
    m = await t.mark();
    await t.line(cli(6380, 'ROLE'));
    await t.line(cli(6379, 'ROLE'));
    const roles = await t.since(m);
    expect(roles).toMatch(/ROLE\n1\) "master"\n2\) \(integer\) \d+\n3\) \(empty array\)/);
    expect(roles).toMatch(/ROLE\n1\) "master"\n2\) \(integer\) \d+\n3\) 1\) 1\) "127\.0\.0\.1"\n {6}2\) "6380"/);
    m = await t.mark();
    await t.line(cli(6379, 'SET lost-write 1'));
    expect(await t.since(m)).toContain('\nOK');
    expect(l.lab.view().primary).toBe('6380');
    // The cut links are still listed, so their Heal buttons are there (regression: they vanished once the roles changed).
    expect(l.lab.view().links.filter((x) => x.cut).map((x) => `${x.from} ↔ ${x.to}`).sort()).toEqual(['5000 ↔ 6379', '5001 ↔ 6379', '5002 ↔ 6379', '6380 ↔ 6379']);
    // Heal.
    const before = l.events.length;
    for (const p of PEERS) l.lab.healLink(p, '6379');
    await l.wait(1000);
    expect(l.events.slice(before).map((e) => `${e.node} ${e.line}`).some((x) => /^6379 .*# Connection with replica 127\.0\.0\.1:6380 lost\.$/.test(x))).toBe(true);
    expect(l.lab.view().links.some((x) => x.cut)).toBe(false);
    const healedAt = l.lab.sim.time;
    await l.untilEvent(/\+convert-to-slave slave 127\.0\.0\.1:6379 127\.0\.0\.1 6379 @ myprimary 127\.0\.0\.1 6380/);
    const took = l.lab.sim.time - healedAt;
    expect(took).toBeGreaterThan(7000);
    expect(took).toBeLessThan(13000);
    await l.until(() => l.lab.view().nodes.find((n) => n.id === '6379')?.replState === 'connected' && l.lab.view().nodes.find((n) => n.id === '6379')?.role === 'replica');
    m = await t.mark();
    await t.line(cli(6379, 'GET lost-write'));
    await t.line(cli(6379, 'GET during-the-cut'));
    await t.line(cli(6379, 'GET before-the-cut'));
    expect(await t.since(m)).toMatch(/GET lost-write\n\(nil\)\n.*GET during-the-cut\n\(nil\)\n.*GET before-the-cut\n"1"/);
    const firstPart = l.unmet(lessonGoals(LESSON));
    expect(firstPart).toEqual(['The isolated primary refusing writes with NOREPLICAS.']);

    // Reset, then min-replicas-to-write.
    await l.lab.reset();
    const r = new LessonLab({ files: ALL, running: ALL });
    const u = r.tab();
    m = await u.mark();
    await u.line(cli(6379, 'CONFIG SET min-replicas-to-write 1 min-replicas-max-lag 10'));
    await u.line(cli(6379, 'INFO replication'));
    expect(await u.since(m)).toMatch(/\nOK\n[^]*\nmin_slaves_good_slaves:1\n/);
    const cutAt2 = r.lab.sim.time;
    for (const p of PEERS) {
      r.lab.cutLink(p, '6379');
      await r.wait(700);
    }
    m = await u.mark();
    await u.line(cli(6379, 'SET during-the-cut 1'));
    expect(await u.since(m)).toContain('\nOK');
    await r.untilEvent(/\+switch-master myprimary 127\.0\.0\.1 6379 127\.0\.0\.1 6380/);
    // Still accepted a little after the failover, refused once the lag has passed 10 s.
    const answers: Array<[number, string]> = [];
    for (;;) {
      m = await u.mark();
      await u.line(cli(6379, 'SET after-ten-seconds 1'));
      const out = (await u.since(m)).split('\n').slice(1).join('\n');
      answers.push([r.lab.sim.time - cutAt2, out]);
      if (out.includes('NOREPLICAS') || answers.length > 30) break;
      await r.wait(500);
    }
    expect(answers[0][1]).toBe('OK\n$');
    const refused = answers[answers.length - 1];
    expect(refused[1]).toBe('(error) NOREPLICAS Not enough good replicas to write.\n$');
    expect(refused[0]).toBeGreaterThan(10_000);
    expect(refused[0]).toBeLessThan(12_500);
    m = await u.mark();
    await u.line(cli(6379, 'INFO replication'));
    const info = await u.since(m);
    expect(info).toContain('\nmin_slaves_good_slaves:0\n');
    expect(Number(/slave0:ip=127\.0\.0\.1,port=6380,state=online,offset=\d+,lag=(\d+)/.exec(info)?.[1])).toBeGreaterThan(10);
    // The two labs together (the learner's one page) ticked every goal.
    const all = lessonGoals(LESSON).filter((g) => l.unmet([g]).length > 0 && r.unmet([g]).length > 0);
    expect(all).toEqual([]);
  });

  it('a learner slower than repl-timeout: after 60 s of silence 6379 drops its replica itself, and still takes writes', async () => {
    const l = new LessonLab({ files: ALL, running: ALL });
    const t = l.tab();
    await l.wait(1000);
    const cutAt = l.lab.sim.time;
    for (const p of PEERS) l.lab.cutLink(p, '6379');
    const dropped = await l.untilEvent(/# Disconnecting timedout replica \(streaming sync\): 127\.0\.0\.1:6380$/);
    expect(dropped.node).toBe('6379');
    expect(l.lab.sim.time - cutAt).toBeGreaterThan(59_000);
    expect(l.lab.sim.time - cutAt).toBeLessThan(63_000);
    await l.wait(100);
    expect(l.eventLines(/# Connection with replica 127\.0\.0\.1:6380 lost\.$/).some((e) => e.startsWith('6379 '))).toBe(true);
    const m = await t.mark();
    await t.line(cli(6379, 'ROLE'));
    await t.line(cli(6379, 'SET lost-write 1'));
    expect(await t.since(m)).toMatch(/ROLE\n1\) "master"\n2\) \(integer\) \d+\n3\) \(empty array\)\n[^]*SET lost-write 1\nOK/);
  });
});
