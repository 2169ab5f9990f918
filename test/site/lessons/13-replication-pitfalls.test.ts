// Goal: lesson 13 ("Pitfalls: when a copy makes things worse") says what the lab prints, step by
// step: a primary without persistence (appendonly no, save "") killed and restarted comes back
// empty with a new replication id, refuses the replica's partial resync (Replication ID
// mismatch), and the replica flushes its keys and loads 0 (DBSIZE 0 on both, its AOF rewritten,
// sync_full:1 sync_partial_err:1); a 16 kB backlog overrun by 2,000 INCRs while the replica is
// paused and its connection killed ends in a full resync with the same replication id (the
// primary's "for lack of backlog", no refusal line on the replica, sync counters one higher);
// FAILOVER TO 127.0.0.1 6380 with the replica paused waits (waiting-for-sync) and holds a write,
// which gets READONLY once the resumed replica has caught up and taken over with the last write.
// Every goal of the frontmatter ticks. With the three sentinels added, the quick restart gets
// only +reboot from them (no failover) and the replica is wiped all the same. The same steps
// were run on real Redis 7.0.15 (loopback ports 7601/7602/7611, the same configs): the log
// lines, replies and counters quoted are the ones it printed. Method: the lesson's scenario read
// from its frontmatter, booted on the real SimLab; its Run commands typed into TabSessions in
// page order (the held write in a tab of its own); Kill primary, Restart, Pause and Resume
// called as the map's buttons call them; virtual time as a learner waits.
import { describe, expect, it } from 'vitest';
import { LessonLab, lessonGoals, type LessonTab } from './lesson-lab.ts';
import { lessonMeta, runs } from './support-lesson.ts';

const SLUG = '13-replication-pitfalls';
const LESSON = `content/lessons/${SLUG}.mdx`;
const P = 'redis-cli -p 6379 -a a_strong_password --no-auth-warning';
const R = 'redis-cli -p 6380 -a a_strong_password --no-auth-warning';

/** The log lines of `node` since event index `from`, without pid, role, date and level. */
function logOf(l: LessonLab, node: string, from: number): string[] {
  return l.events.slice(from).filter((e) => e.node === node).map((e) => e.line.replace(/^\d+:[MSCX] \d+ \w+ \d+ [\d:.]+ [*#.-] /, ''));
}

/** A tab's screen as logical lines: a row xterm soft-wrapped is joined to the one before. */
async function logical(tab: LessonTab): Promise<string[]> {
  await tab.screen.flush();
  const buf = tab.screen.term.buffer.active;
  const rows: string[] = [];
  for (let i = 0; i < buf.length; i++) {
    const line = buf.getLine(i);
    const s = line?.translateToString(true) ?? '';
    if (line?.isWrapped && rows.length > 0) rows[rows.length - 1] += s;
    else rows.push(s);
  }
  return rows.map((r) => r.trimEnd());
}

/** Runs until a log line of `node` after event index `from` matches. */
async function untilLog(l: LessonLab, node: string, from: number, re: RegExp): Promise<void> {
  await l.until(() => l.events.slice(from).some((e) => e.node === node && re.test(e.line)));
}

/** Asserts that `lines` contains each of `steps` (prefixes) in this order. */
function inOrder(lines: string[], steps: string[]): void {
  let at = -1;
  for (const step of steps) {
    const i = lines.findIndex((x, k) => k > at && x.startsWith(step));
    expect(i, step).toBeGreaterThan(at);
    at = i;
  }
}

describe('lesson 13: replication pitfalls', () => {
  it('its Run buttons are the commands this test runs, in order', () => {
    expect(runs(SLUG)).toEqual([
      { cmd: 'cat ~/6379/primary.conf', newTab: false },
      { cmd: `${P} MSET course replication lesson 13 pitfall restart`, newTab: false },
      { cmd: `${R} DBSIZE`, newTab: false },
      { cmd: `${P} DBSIZE`, newTab: false },
      { cmd: `${R} DBSIZE`, newTab: false },
      { cmd: `${P} INFO stats | grep sync_`, newTab: false },
      { cmd: `${P} CONFIG SET repl-backlog-size 16kb`, newTab: false },
      { cmd: `${P} CONFIG GET repl-backlog-size`, newTab: false },
      { cmd: `${P} CLIENT KILL TYPE replica`, newTab: false },
      { cmd: `${P} -r 2000 INCR counter | tail -1`, newTab: false },
      { cmd: `${P} INFO stats | grep sync_`, newTab: false },
      { cmd: `${P} SET last-write 1`, newTab: false },
      { cmd: `${P} FAILOVER TO 127.0.0.1 6380`, newTab: false },
      { cmd: `${P} INFO replication | grep failover`, newTab: false },
      { cmd: `${P} SET during-failover 1`, newTab: true },
      { cmd: `${R} GET last-write`, newTab: false },
      { cmd: `${P} INFO replication | grep -E 'role|failover'`, newTab: false },
    ]);
  });

  it('an empty restart wipes the replica, a small backlog forces a full resync, FAILOVER waits', async () => {
    const l = new LessonLab(lessonMeta(SLUG).scenario);
    const t = l.tab();
    /** Types a command (a Run button) and returns what it printed: logical lines, soft wraps joined. */
    const say = async (cmd: string, tab = t): Promise<string> => {
      await tab.line(cmd);
      const lines = await logical(tab);
      const at = lines.lastIndexOf(`$ ${cmd}`);
      expect(at, cmd).toBeGreaterThanOrEqual(0);
      return lines.slice(at + 1).filter((x) => x !== '$').join('\n').trim();
    };

    // The primary's config: no AOF, no snapshots.
    const conf = await say('cat ~/6379/primary.conf');
    expect(conf).toContain('\nappendonly no\nsave ""\n');

    // Some data, copied.
    expect(await say(`${P} MSET course replication lesson 13 pitfall restart`)).toBe('OK');
    await l.wait(200);
    expect(await say(`${R} DBSIZE`)).toBe('(integer) 3');

    // Kill primary, Restart a second or two later.
    const killAt = l.events.length;
    l.lab.killPrimary();
    await l.wait(1500);
    expect(logOf(l, '6380', killAt)).toContain('Connection with master lost.');
    expect(logOf(l, '6380', killAt)).toContain('Error condition on socket for SYNC: Connection refused');
    l.lab.restart('6379');
    await untilLog(l, '6380', killAt, /Background AOF rewrite finished successfully/);
    const s1 = logOf(l, '6380', killAt);
    const m1 = logOf(l, '6379', killAt);
    expect(m1.find((x) => x.startsWith('Partial resynchronization not accepted'))).toMatch(
      /^Partial resynchronization not accepted: Replication ID mismatch \(Replica asked for '[0-9a-f]{40}', my replication IDs are '[0-9a-f]{40}' and '0{40}'\)$/,
    );
    inOrder(s1, ['Trying a partial resynchronization (request ', 'Full resync from master: ', 'Discarding previously cached master state.',
      'MASTER <-> REPLICA sync: Flushing old data', 'MASTER <-> REPLICA sync: Loading DB in memory', 'Done loading RDB, keys loaded: 0, keys expired: 0.',
      'MASTER <-> REPLICA sync: Finished with success', 'Background AOF rewrite finished successfully']);
    expect(s1.find((x) => x.startsWith('Full resync from master: '))).toMatch(/^Full resync from master: [0-9a-f]{40}:0$/);
    // The primary's new id is the one the replica copies from, not the one it asked for.
    const asked = /request ([0-9a-f]{40}):/.exec(s1.find((x) => x.startsWith('Trying a partial'))!)![1];
    expect(s1.find((x) => x.startsWith('Full resync from master: '))).not.toContain(asked);
    const created = /^Replication backlog created, my new replication IDs are '([0-9a-f]{40})' and '0{40}'$/.exec(m1.find((x) => x.startsWith('Replication backlog created'))!)![1];
    inOrder(m1, ['Partial resynchronization not accepted', 'Replication backlog created', 'Delay next BGSAVE for diskless SYNC']);
    expect(s1.find((x) => x.startsWith('Full resync from master: '))).toBe(`Full resync from master: ${created}:0`);

    expect(await say(`${P} DBSIZE`)).toBe('(integer) 0');
    expect(await say(`${R} DBSIZE`)).toBe('(integer) 0');
    expect(await say(`${P} INFO stats | grep sync_`)).toBe('sync_full:1\nsync_partial_ok:0\nsync_partial_err:1');

    // A 16 kB backlog, the replica paused and dropped, 54 kB written, Resume.
    expect(await say(`${P} CONFIG SET repl-backlog-size 16kb`)).toBe('OK');
    expect(await say(`${P} CONFIG GET repl-backlog-size`)).toBe('1) "repl-backlog-size"\n2) "16384"');
    const pauseAt = l.events.length;
    l.lab.pause('6380');
    expect(await say(`${P} CLIENT KILL TYPE replica`)).toBe('(integer) 1');
    expect(await say(`${P} -r 2000 INCR counter | tail -1`)).toBe('2000');
    await l.wait(1000);
    l.lab.resume('6380');
    await untilLog(l, '6380', pauseAt, /MASTER <-> REPLICA sync: Finished with success/);
    const s2 = logOf(l, '6380', pauseAt);
    const m2 = logOf(l, '6379', pauseAt);
    inOrder(s2, ['Connection with master lost.', 'Caching the disconnected master state.', 'Trying a partial resynchronization (request ',
      'Full resync from master: ', 'MASTER <-> REPLICA sync: Flushing old data', 'MASTER <-> REPLICA sync: Finished with success']);
    expect(s2.some((x) => x.startsWith('Partial resynchronization not possible'))).toBe(false);
    const req = /^Trying a partial resynchronization \(request ([0-9a-f]{40}):(\d+)\)\.$/.exec(s2.find((x) => x.startsWith('Trying a partial'))!)!;
    expect(m2).toContain(`Unable to partial resync with replica 127.0.0.1:6380 for lack of backlog (Replica request was: ${req[2]}).`);
    expect(m2).toContain('Delay next BGSAVE for diskless SYNC');
    // Same replication id: the right history, too far behind.
    expect(s2.find((x) => x.startsWith('Full resync from master: '))).toMatch(new RegExp(`^Full resync from master: ${req[1]}:\\d+$`));
    await l.wait(500);
    expect(await say(`${P} INFO stats | grep sync_`)).toBe('sync_full:2\nsync_partial_ok:0\nsync_partial_err:2');
    expect(await say(`${R} GET counter`)).toBe('"2000"');

    // FAILOVER TO with the replica paused: it waits and holds writes.
    l.lab.pause('6380');
    const foAt = l.events.length;
    expect(await say(`${P} SET last-write 1`)).toBe('OK');
    expect(await say(`${P} FAILOVER TO 127.0.0.1 6380`)).toBe('OK');
    expect(await say(`${P} INFO replication | grep failover`)).toBe('master_failover_state:waiting-for-sync');
    expect(logOf(l, '6379', foAt)).toContain('FAILOVER requested to 127.0.0.1:6380.');
    const held = l.tab();
    held.start(`${P} SET during-failover 1`);
    await l.wait(2000);
    expect(held.session.idle).toBe(false);
    expect(await held.text()).not.toMatch(/OK|READONLY/);
    l.lab.resume('6380');
    await l.until(() => held.session.idle);
    expect(await held.text()).toContain("\n(error) READONLY You can't write against a read only replica.");
    await untilLog(l, '6379', foAt, /MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization\./);
    inOrder(logOf(l, '6379', foAt), ['FAILOVER requested to 127.0.0.1:6380.', 'Failover target 127.0.0.1:6380 is synced, failing over.',
      'Trying a partial resynchronization (request ', 'Successful partial resynchronization with master.']);
    inOrder(logOf(l, '6380', foAt), ['Failover request received for replid ', 'MASTER MODE enabled (failover request from ',
      'Partial resynchronization request from 127.0.0.1:6379 accepted.']);
    expect(l.lab.view().primary).toBe('6380');
    expect(await say(`${R} GET last-write`)).toBe('"1"');
    expect(await say(`${R} GET during-failover`)).toBe('(nil)');
    expect(await say(`${P} INFO replication | grep -E 'role|failover'`)).toBe('role:slave\nmaster_failover_state:no-failover');

    expect(l.unmet(lessonGoals(LESSON))).toEqual([]);
  });

  it('with sentinels watching, a quick restart escapes them: +reboot only, no failover, the replica wiped', async () => {
    const { scenario } = lessonMeta(SLUG);
    const sentinels = ['sentinel1.conf', 'sentinel2.conf', 'sentinel3.conf'];
    const l = new LessonLab({ ...scenario, files: [...(scenario.files ?? []), ...sentinels], running: [...(scenario.running ?? []), ...sentinels] });
    const t = l.tab();
    await t.line(`${P} MSET course replication lesson 13 pitfall restart`);
    await l.wait(500);
    const from = l.events.length;
    l.lab.killPrimary();
    await l.wait(2000);
    l.lab.restart('6379');
    await l.wait(30_000);
    const sentinelLines = l.events.slice(from).filter((e) => e.node.startsWith('500')).map((e) => e.line);
    expect(sentinelLines.filter((x) => x.endsWith('+reboot master myprimary 127.0.0.1 6379')).length).toBe(3);
    expect(sentinelLines.some((x) => /[+-][so]down|\+switch-master|\+try-failover/.test(x))).toBe(false);
    expect(l.lab.view().primary).toBe('6379');
    const m = await t.mark();
    await t.line(`${R} DBSIZE`);
    expect(await t.since(m)).toContain('\n(integer) 0');
  });
});
