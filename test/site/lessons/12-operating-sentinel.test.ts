// Goal: lesson 12 ("Operating Sentinel") says what the lab prints, step by step: a second
// replica discovered by the sentinels, replica-priority 0 keeping 6380 out of a manual
// SENTINEL FAILOVER (OK, then INPROG; no sdown/odown, the leader votes for itself), the old
// primary converted; Kill primary then Restart of 6381: a primary again until +convert-to-slave
// rewrites its replicaof; SENTINEL SET on all three (+set, the config file); a killed 6380
// forgotten after SENTINEL RESET. Every goal of the frontmatter ticks. Method: the lesson's
// scenario on the real SimLab, its Run commands typed into TabSessions (the server in a tab of
// its own), the card buttons called as the map calls them, virtual time as a learner waits.
import { describe, expect, it } from 'vitest';
import { LessonLab, lessonGoals } from './lesson-lab.ts';

const LESSON = 'content/lessons/12-operating-sentinel.mdx';
const SCENARIO = {
  files: ['primary.conf', 'replica.conf', 'replica2.conf', 'sentinel1.conf', 'sentinel2.conf', 'sentinel3.conf'],
  running: ['primary.conf', 'replica.conf', 'sentinel1.conf', 'sentinel2.conf', 'sentinel3.conf'],
};
const A = '-a a_strong_password --no-auth-warning';
const SET_LOOP = 'for p in 5000 5001 5002; do redis-cli -p $p SENTINEL SET myprimary down-after-milliseconds 3000; done';
const RESET_LOOP = 'for p in 5000 5001 5002; do redis-cli -p $p SENTINEL RESET myprimary; sleep 30; done';

describe('lesson 12: operating Sentinel', () => {
  it('the lesson quotes its commands as written here', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(LESSON, 'utf8');
    for (const c of ['cat ~/6381/replica2.conf', 'cd ~/6381 && redis-server replica2.conf', 'redis-cli -p 5000 INFO sentinel', `redis-cli -p 6380 ${A} CONFIG SET replica-priority 0`,
      'redis-cli -p 5000 SENTINEL FAILOVER myprimary', `redis-cli -p 6381 ${A} ROLE`, 'grep replicaof ~/6381/replica2.conf', SET_LOOP,
      'grep down-after ~/5000/sentinel1.conf', RESET_LOOP, 'redis-cli -p 5002 INFO sentinel']) {
      expect(text).toContain(c);
    }
  });

  it('second replica, priority 0, manual failover, old primary back, SENTINEL SET, SENTINEL RESET', async () => {
    const l = new LessonLab(SCENARIO);
    const t = l.tab();
    await t.line('cat ~/6381/replica2.conf');
    expect(await t.text()).toMatch(/\nport 6381\n[^]*\nreplicaof 127\.0\.0\.1 6379\nappendonly yes\nappendfilename "appendonly-6381\.aof"\ndbfilename "dump-6381\.rdb"\n/);
    // A second replica, in a tab of its own.
    const server = l.tab();
    server.start('cd ~/6381 && redis-server replica2.conf');
    const t0 = l.lab.sim.time;
    for (const s of ['5000', '5001', '5002']) {
      await l.until(() => l.eventLines(/\+slave slave 127\.0\.0\.1:6381 127\.0\.0\.1 6381 @ myprimary 127\.0\.0\.1 6379/).some((e) => e.startsWith(`${s} `)));
    }
    expect(l.lab.sim.time - t0).toBeLessThan(12_000);
    expect(l.lab.view().nodes.find((n) => n.id === '6381')?.role).toBe('replica');
    let m = await t.mark();
    await t.line('redis-cli -p 5000 INFO sentinel');
    expect(await t.since(m)).toContain('master0:name=myprimary,status=ok,address=127.0.0.1:6379,slaves=2,sentinels=3');
    // Priority 0 for 6380, learned by the sentinels within ten seconds.
    m = await t.mark();
    await t.line(`redis-cli -p 6380 ${A} CONFIG SET replica-priority 0`);
    expect(await t.since(m)).toContain('\nOK');
    await l.wait(10_500);
    m = await t.mark();
    await t.line('redis-cli -p 5000 SENTINEL replicas myprimary');
    const replicas = await t.since(m);
    expect(replicas).toMatch(/"127\.0\.0\.1:6380"[^]*?"slave-priority"\n\s+\d+\) "0"/);
    // A failover by hand.
    const before = l.events.length;
    m = await t.mark();
    await t.line('redis-cli -p 5000 SENTINEL FAILOVER myprimary');
    await t.line('redis-cli -p 5000 SENTINEL FAILOVER myprimary');
    expect(await t.since(m)).toMatch(/FAILOVER myprimary\nOK\n.*FAILOVER myprimary\n\(error\) INPROG Failover already in progress/);
    await l.untilEvent(/^\d+:X .* \+failover-end master myprimary 127\.0\.0\.1 6379$/);
    const run = l.events.slice(before).filter((e) => e.node === '5000').map((e) => e.line.replace(/^\d+:X \d+ \w+ \d+ [\d:.]+ . /, ''));
    const order = ["Executing user requested FAILOVER of 'myprimary'", '+new-epoch 1', '+try-failover master myprimary 127.0.0.1 6379', '+vote-for-leader ',
      '+elected-leader master myprimary 127.0.0.1 6379', '+failover-state-select-slave', '+selected-slave slave 127.0.0.1:6381 127.0.0.1 6381 @ myprimary 127.0.0.1 6379',
      '+failover-state-send-slaveof-noone', '+failover-state-wait-promotion', '+promoted-slave', '+failover-state-reconf-slaves',
      '+slave-reconf-sent slave 127.0.0.1:6380', '+slave-reconf-inprog slave 127.0.0.1:6380', '+slave-reconf-done slave 127.0.0.1:6380', '+failover-end', '+switch-master myprimary 127.0.0.1 6379 127.0.0.1 6381'];
    let at = -1;
    for (const step of order) {
      const i = run.findIndex((x, k) => k > at && x.startsWith(step));
      expect(i, step).toBeGreaterThan(at);
      at = i;
    }
    expect(l.events.slice(before).some((e) => /[+-][so]down/.test(e.line))).toBe(false);
    expect(l.events.slice(before).some((e) => e.node !== '5000' && e.line.includes('+vote-for-leader'))).toBe(false);
    expect(l.eventLines(/\+config-update-from sentinel/).length).toBe(2);
    expect(l.lab.view().primary).toBe('6381');
    const endAt = l.lab.sim.time;
    await l.untilEvent(/\+convert-to-slave slave 127\.0\.0\.1:6379 127\.0\.0\.1 6379 @ myprimary 127\.0\.0\.1 6381/);
    expect(l.lab.sim.time - endAt).toBeLessThan(13_000);
    // Kill primary (6381): 6379 is the only candidate; then Restart 6381.
    const killAt = l.events.length;
    l.lab.killPrimary();
    await l.untilEvent(/\+switch-master myprimary 127\.0\.0\.1 6381 127\.0\.0\.1 6379/);
    const second = l.events.slice(killAt).map((e) => e.line);
    expect(second.some((x) => x.includes('+selected-slave slave 127.0.0.1:6379 127.0.0.1 6379 @ myprimary 127.0.0.1 6381'))).toBe(true);
    expect(second.some((x) => / # Next failover delay: I will not start a failover before /.test(x))).toBe(true);
    await l.wait(2000);
    // The server's tab is back at its prompt (bash would print "Killed" first: reported, not asserted).
    expect(server.session.idle).toBe(true);
    m = await t.mark();
    await t.line('grep replicaof ~/6381/replica2.conf');
    expect((await t.since(m)).split('\n').slice(1)).toEqual(['$']);
    l.lab.restart('6381');
    const restartAt = l.lab.sim.time;
    await l.wait(500);
    m = await t.mark();
    await t.line(`redis-cli -p 6381 ${A} ROLE`);
    expect(await t.since(m)).toMatch(/ROLE\n1\) "master"\n2\) \(integer\) \d+\n3\) \(empty array\)/);
    await l.untilEvent(/\+convert-to-slave slave 127\.0\.0\.1:6381 127\.0\.0\.1 6381 @ myprimary 127\.0\.0\.1 6379/);
    expect(l.lab.sim.time - restartAt).toBeGreaterThan(7000);
    expect(l.lab.sim.time - restartAt).toBeLessThan(13_000);
    await l.wait(1000);
    m = await t.mark();
    await t.line('grep replicaof ~/6381/replica2.conf');
    expect(await t.since(m)).toContain('\nreplicaof 127.0.0.1 6379\n');
    // SENTINEL SET on all three.
    m = await t.mark();
    await t.line(SET_LOOP);
    expect(await t.since(m)).toContain('\nOK\nOK\nOK\n');
    for (const s of ['5000', '5001', '5002']) {
      expect(l.eventLines(/# \+set master myprimary 127\.0\.0\.1 6379 down-after-milliseconds 3000$/).some((e) => e.startsWith(`${s} `))).toBe(true);
    }
    m = await t.mark();
    await t.line('grep down-after ~/5000/sentinel1.conf');
    expect(await t.since(m)).toContain('\nsentinel down-after-milliseconds myprimary 3000\n');
    // Retire 6380, then SENTINEL RESET one sentinel at a time.
    l.lab.kill('6380');
    await l.untilEvent(/\+sdown slave 127\.0\.0\.1:6380 127\.0\.0\.1 6380 @ myprimary 127\.0\.0\.1 6379/);
    await l.wait(2000);
    m = await t.mark();
    await t.line('redis-cli -p 5000 INFO sentinel');
    expect(await t.since(m)).toContain('master0:name=myprimary,status=ok,address=127.0.0.1:6379,slaves=2,sentinels=3');
    const resetAt = l.events.length;
    m = await t.mark();
    await t.line(RESET_LOOP);
    expect(await t.since(m)).toContain('\n(integer) 1\n(integer) 1\n(integer) 1\n');
    const after = l.events.slice(resetAt);
    for (const s of ['5000', '5001', '5002']) {
      const mine = after.filter((e) => e.node === s).map((e) => e.line);
      expect(mine.some((x) => x.endsWith('# +reset-master master myprimary 127.0.0.1 6379')), s).toBe(true);
      expect(mine.some((x) => x.includes('+slave slave 127.0.0.1:6381 127.0.0.1 6381 @ myprimary 127.0.0.1 6379')), s).toBe(true);
      expect(mine.filter((x) => x.includes('+sentinel sentinel ')).length, s).toBe(2);
      expect(mine.some((x) => x.includes('+slave slave 127.0.0.1:6380')), s).toBe(false);
    }
    m = await t.mark();
    await t.line('redis-cli -p 5002 INFO sentinel');
    expect(await t.since(m)).toContain('master0:name=myprimary,status=ok,address=127.0.0.1:6379,slaves=1,sentinels=3');
    // Every goal ticked.
    expect(l.unmet(lessonGoals(LESSON))).toEqual([]);
  });
});
