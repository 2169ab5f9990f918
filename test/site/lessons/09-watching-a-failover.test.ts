// Goal: lesson 9 ("Watching a failover closely") says exactly what the lab prints — DEBUG
// refused on the replica (enable-debug-command no) with Redis's text, the lesson's primary config
// allowing it (local); DEBUG SLEEP 30 in its own tab freezing the primary while the replica logs
// nothing; each sentinel's log file holding the lines the lesson lists, in its order and timing
// (+sdown ~5 s after the freeze, +odown #quorum, +new-epoch 1, votes, the leader's failover
// states, +promoted-slave ~1 s later, +switch-master everywhere, +slave 6379 @ 6380); 6380
// master; the woken 6379 still master, then +convert-to-slave ~10 s after waking and ROLE slave
// of 6380 connected — and every goal of the lesson ticks.
// Method: the lesson's scenario (from its frontmatter) on the simulator with headless terminal
// tabs; the lesson's Run commands from its MDX in page order (the newTab one in a tab of its
// own, as the page runs it); virtual time as a learner would wait; four seeds (other leaders).
// The sequence and timings match fidelity/06-failover/debug-sleep and one-replica (real Redis 7.0.15).
import { describe, expect, it } from 'vitest';
import { openLesson, runs } from './support-lesson.ts';

const SLUG = '09-watching-a-failover';

/** A log line's time of day in ms. */
const stamp = (line: string) => {
  const m = /(\d\d):(\d\d):(\d\d)\.(\d{3}) /.exec(line)!;
  return ((+m[1] * 60 + +m[2]) * 60 + +m[3]) * 1000 + +m[4];
};
const msg = (line: string) => line.replace(/^\d+:[XMSC] \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} [#*] /, '');
const DAY = 86_400_000;

describe('lesson 9: watching a failover closely', () => {
  it('the page offers these steps, in this order', () => {
    expect(runs(SLUG)).toEqual([
      { cmd: 'redis-cli -p 6380 -a a_strong_password --no-auth-warning DEBUG SLEEP 0', newTab: false },
      { cmd: 'grep enable-debug 6379/primary.conf', newTab: false },
      { cmd: 'redis-cli -p 6379 -a a_strong_password --no-auth-warning DEBUG SLEEP 30', newTab: true },
      { cmd: 'cat 5000/sentinel.log', newTab: false },
      { cmd: 'cat 5001/sentinel.log', newTab: false },
      { cmd: 'cat 5002/sentinel.log', newTab: false },
      { cmd: 'redis-cli -p 6380 -a a_strong_password --no-auth-warning ROLE', newTab: false },
      { cmd: 'redis-cli -p 6379 -a a_strong_password --no-auth-warning ROLE', newTab: false },
      { cmd: 'redis-cli -p 6379 -a a_strong_password --no-auth-warning ROLE', newTab: false },
    ]);
  });

  it.each([1, 2, 3, 4])('the learner freezes the primary and reads the failover (seed %i)', async (seed) => {
    const [refused, grep, sleep, cat0, cat1, cat2, role6380, role6379] = runs(SLUG).map((r) => r.cmd);
    const l = openLesson(SLUG, { seed });
    const main = l.tab();
    await l.wait(2000);
    expect(l.ticked()).toEqual(l.goals.map(() => false));

    expect(await main.run(refused)).toBe(`$ ${refused}
(error) ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.
$`);
    expect(await main.run(grep)).toBe(`$ ${grep}\nenable-debug-command local\n$`);

    // Freeze: a tab of its own that waits.
    const frozen = l.tab();
    frozen.start(sleep);
    const frozenAt = l.lab.sim.time;
    const frozenClock = l.lab.sim.nowMs % DAY; // the time of day the logs show (UTC)
    const mark = l.events.length;
    await l.wait(9000);
    expect(frozen.session.idle).toBe(false);
    // The replica logs nothing until it is promoted.
    const ev = l.events.slice(mark);
    const firstPromote = ev.findIndex((e) => e.startsWith('6380 ') && e.includes('MASTER MODE enabled'));
    expect(firstPromote).toBeGreaterThan(0);
    expect(ev.slice(0, firstPromote).filter((e) => e.startsWith('6380 ')).map((e) => msg(e.slice(5)))).toEqual(['Connection with master lost.', 'Caching the disconnected master state.', 'Discarding previously cached master state.', expect.stringMatching(/^Setting secondary replication ID/)]);
    expect(ev.filter((e) => e.startsWith('6379 '))).toEqual([]);

    // Read the logs.
    const logs: string[][] = [];
    for (const cmd of [cat0, cat1, cat2]) {
      const out = await main.run(cmd);
      logs.push(out.split('\n').slice(1, -1));
    }
    const all = logs.map((lines) => lines.map(msg));
    // Startup at the top.
    for (const [i, m] of all.entries()) {
      expect(m[0], `${5000 + i}`).toBe('oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
      expect(m).toContain('+monitor master myprimary 127.0.0.1 6379 quorum 2');
    }
    const sdownAt = logs.map((lines) => stamp(lines.find((x) => msg(x) === '+sdown master myprimary 127.0.0.1 6379')!));
    const leader = all.findIndex((m) => m.includes('+elected-leader master myprimary 127.0.0.1 6379'));
    expect(leader).toBeGreaterThanOrEqual(0);
    const lm = all[leader];
    const leaderId = lm.find((x) => x.startsWith('Sentinel ID is '))!.slice('Sentinel ID is '.length);
    const order = [
      '+sdown master myprimary 127.0.0.1 6379',
      /^\+odown master myprimary 127\.0\.0\.1 6379 #quorum [23]\/2$/,
      '+new-epoch 1',
      '+try-failover master myprimary 127.0.0.1 6379',
      `+vote-for-leader ${leaderId} 1`,
      new RegExp(`^[0-9a-f]{40} voted for ${leaderId} 1$`),
      '+elected-leader master myprimary 127.0.0.1 6379',
      '+failover-state-select-slave master myprimary 127.0.0.1 6379',
      '+selected-slave slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379',
      '+failover-state-send-slaveof-noone slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379',
      '+failover-state-wait-promotion slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379',
      '+promoted-slave slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379',
      '+failover-state-reconf-slaves master myprimary 127.0.0.1 6379',
      '+failover-end master myprimary 127.0.0.1 6379',
      '+switch-master myprimary 127.0.0.1 6379 127.0.0.1 6380',
      '+slave slave 127.0.0.1:6379 127.0.0.1 6379 @ myprimary 127.0.0.1 6380',
    ];
    const at = (m: string[], p: string | RegExp, from = 0) => m.findIndex((x, k) => k >= from && (typeof p === 'string' ? x === p : p.test(x)));
    let k = 0;
    const leaderIdx: number[] = [];
    for (const p of order) {
      const j = at(lm, p, k);
      expect(j, `leader log: ${String(p)}\n${lm.join('\n')}`).toBeGreaterThanOrEqual(k);
      leaderIdx.push(j);
      k = j + 1;
    }
    const T = (p: number) => stamp(logs[leader][leaderIdx[p]]);
    // Timing: sdown ~5 s after the freeze (5 s after the last reply); the leader's states within
    // ~0.2 s of the election; promotion about a second later.
    for (const s of sdownAt) {
      expect(s - frozenClock).toBeGreaterThanOrEqual(5000);
      expect(s - frozenClock).toBeLessThan(6100);
    }
    expect(T(1) - T(0)).toBeLessThan(100);
    expect(T(6) - T(0)).toBeLessThan(300);
    expect(T(10) - T(6)).toBeLessThanOrEqual(250);
    expect(T(11) - T(10)).toBeGreaterThan(700);
    expect(T(11) - T(10)).toBeLessThan(1300);
    // The two others: +new-epoch 1 and a vote for the leader, the delay line, then config-update-from
    // (naming whichever sentinel's hello brought the new configuration first: the leader, or a
    // sentinel that already adopted it) and switch-master.
    for (const [i, m] of all.entries()) {
      if (i === leader) continue;
      const seq = ['+new-epoch 1', `+vote-for-leader ${leaderId} 1`, /^Next failover delay: I will not start a failover before /, /^\+config-update-from sentinel [0-9a-f]{40} 127\.0\.0\.1 500[0-2] @ myprimary 127\.0\.0\.1 6379$/, '+switch-master myprimary 127.0.0.1 6379 127.0.0.1 6380', '+slave slave 127.0.0.1:6379 127.0.0.1 6379 @ myprimary 127.0.0.1 6380'];
      // A sentinel votes when asked, whether or not it sees the primary down yet: its +sdown may
      // come before or after its vote, so the sequence starts after the startup lines.
      expect(at(m, '+sdown master myprimary 127.0.0.1 6379'), `${5000 + i}`).toBeGreaterThan(0);
      let from = m.findLastIndex((x) => x.startsWith('+sentinel sentinel '));
      expect(from, `${5000 + i}`).toBeGreaterThan(0);
      for (const p of seq) {
        const j = at(m, p, from);
        expect(j, `${5000 + i}: ${String(p)}\n${m.join('\n')}`).toBeGreaterThan(from);
        from = j;
      }
      expect(m.some((x) => x.includes('+elected-leader') || x.includes('+try-failover'))).toBe(false);
    }

    expect(await main.run(role6380)).toMatch(/^\$ .*ROLE\n1\) "master"\n2\) \(integer\) \d+\n3\) \(empty array\)\n\$$/);

    // The old primary wakes up.
    await l.until(() => frozen.session.idle, 30_000);
    const wokeAt = l.lab.sim.time;
    expect(wokeAt - frozenAt).toBeGreaterThanOrEqual(30_000);
    expect((await frozen.text()).split('\n').slice(-2)).toEqual(['OK', '$']);
    expect(await main.run(role6379)).toMatch(/\n1\) "master"\n2\) \(integer\) \d+\n3\) \(empty array\)\n\$$/);
    const mark2 = l.events.length;
    await l.until(() => l.events.slice(mark2).some((e) => e.includes('+convert-to-slave')), 20_000);
    const convertedAfter = l.lab.sim.time - wokeAt;
    expect(convertedAfter).toBeGreaterThan(8000);
    expect(convertedAfter).toBeLessThan(12_000);
    const ev2 = l.events.slice(mark2);
    expect(ev2.filter((e) => e.endsWith('# -sdown slave 127.0.0.1:6379 127.0.0.1 6379 @ myprimary 127.0.0.1 6380'))).toHaveLength(3);
    expect(ev2.filter((e) => e.endsWith('* +convert-to-slave slave 127.0.0.1:6379 127.0.0.1 6379 @ myprimary 127.0.0.1 6380'))).toHaveLength(1);
    await l.wait(6000);
    expect(await main.run(role6379)).toMatch(/\n1\) "slave"\n2\) "127\.0\.0\.1"\n3\) \(integer\) 6380\n4\) "connected"\n5\) \(integer\) \d+\n\$$/);

    expect(l.ticked()).toEqual(l.goals.map(() => true));
  });
});
