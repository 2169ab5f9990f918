// Goal: lesson 3 ("Inside replication", content/lessons/03-replication-in-depth.mdx) says what
// the lab prints, step by step: a restarted replica's full resync after the diskless-sync delay
// (ROLE "handshake" meanwhile), offsets moving by the size of each write, a stale read while the
// link is cut and the catch-up when it heals, a partial resync after CLIENT KILL TYPE master, and
// an acknowledged write lost when the primary dies before the replica has it. Every goal's check
// is met by the steps. A link left cut for more than a minute (repl-timeout) ends, when healed,
// in a partial resync instead, as the prose warns. Method: the lesson's scenario (read from its
// frontmatter) booted on a SimLab (simulator, virtual time); its Run commands typed in order into
// a terminal tab (the real TabSession); the lab's buttons called as the prose says; assertions on
// the quoted output.
import { describe, expect, it } from 'vitest';
import { lesson, openLab, runCommands } from './lesson-walk.ts';
import { openLesson } from './support-lesson.ts';


const A = 'redis-cli -p 6379 -a a_strong_password --no-auth-warning';
const B = 'redis-cli -p 6380 -a a_strong_password --no-auth-warning';

describe('lesson 3: inside replication', () => {
  const { fm, body } = lesson('03-replication-in-depth.mdx');

  it('its Run buttons are the commands this test runs', () => {
    expect(runCommands(body)).toEqual([
      `${A} CONFIG GET repl-diskless-sync-delay`,
      `${B} ROLE`,
      `${A} ROLE`,
      `${A} SET counter 1`,
      `${A} ROLE`,
      `${A} SET course replication`,
      `${B} GET course`,
      `${B} CLIENT KILL TYPE master`,
      `${A} INFO stats | grep sync_`,
      `${A} SET important-write acknowledged`,
      `${A} WAIT 1 1000`,
      `${B} REPLICAOF NO ONE`,
      `${B} GET important-write`,
    ]);
  });

  it('walks through the lesson and sees what the prose says', async () => {
    const l = openLab(fm.scenario);
    const t = l.tab();
    expect(l.lab.view().nodes.map((n) => `${n.id}:${n.role}:${n.state}`)).toEqual(['6379:primary:up', '6380:replica:up']);

    // The first copy: Kill then Restart 6380; the event log shows the full sync in order.
    l.lab.kill('6380');
    await l.wait(1000);
    l.lab.restart('6380');
    await l.wait(7000);
    const order = [
      '* Connecting to MASTER 127.0.0.1:6379',
      '* MASTER <-> REPLICA sync started',
      '* Partial resynchronization not possible (no cached master)',
      '* Full resync requested by replica 127.0.0.1:6380',
      '* Delay next BGSAVE for diskless SYNC',
      '* Starting BGSAVE for SYNC with target: replicas sockets',
      '* Full resync from master: ',
      '* MASTER <-> REPLICA sync: Flushing old data',
      '* MASTER <-> REPLICA sync: Loading DB in memory',
      '* MASTER <-> REPLICA sync: Finished with success',
      '* Synchronization with replica 127.0.0.1:6380 succeeded',
    ];
    let at = -1;
    for (const text of order) {
      const i = l.events.findIndex((e, k) => k > at && e.includes(text));
      expect(i, text).toBeGreaterThan(at);
      at = i;
    }
    expect(l.events.find((e) => e.includes('Full resync from master: '))).toMatch(/:S .* \* Full resync from master: [0-9a-f]{40}:\d+$/);
    // About five seconds between the request and the snapshot.
    const ts = (s: string) => Date.parse(`2026-11-28T${/\d\d:\d\d:\d\d\.\d{3}/.exec(s)![0]}Z`);
    const waited = ts(l.events.find((e) => e.includes('Starting BGSAVE for SYNC'))!) - ts(l.events.find((e) => e.includes('Delay next BGSAVE'))!);
    expect(waited).toBeGreaterThanOrEqual(4000);
    expect(waited).toBeLessThanOrEqual(6000);

    expect(await t.run(`${A} CONFIG GET repl-diskless-sync-delay`)).toBe('1) "repl-diskless-sync-delay"\n2) "5"');
    // Restart again and ask during the wait: handshake, offset -1; then connected.
    l.lab.kill('6380');
    await l.wait(500);
    l.lab.restart('6380');
    await l.wait(1000);
    expect(await t.run(`${B} ROLE`)).toBe('1) "slave"\n2) "127.0.0.1"\n3) (integer) 6379\n4) "handshake"\n5) (integer) -1');
    await l.wait(5500);
    expect(await t.run(`${B} ROLE`)).toMatch(/^1\) "slave"\n2\) "127\.0\.0\.1"\n3\) \(integer\) 6379\n4\) "connected"\n5\) \(integer\) \d+$/);

    // The stream and its offsets.
    const role = async () => {
      const out = await t.run(`${A} ROLE`);
      const m = /^1\) "master"\n2\) \(integer\) (\d+)\n3\) 1\) 1\) "127\.0\.0\.1"\n {6}2\) "6380"\n {6}3\) "(\d+)"$/.exec(out);
      expect(m, out).not.toBeNull();
      return { primary: Number(m![1]), replica: Number(m![2]) };
    };
    const before = await role();
    expect(await t.run(`${A} SET counter 1`)).toBe('OK');
    const after = await role();
    // 33 bytes of SET counter 1, plus 23 of SELECT 0: the first write after a full sync.
    expect(after.primary - before.primary).toBe(33 + 23);
    expect(after.replica).toBeLessThanOrEqual(before.primary);
    await l.wait(1100);
    const acked = await role();
    expect(acked.replica).toBe(acked.primary);
    // The primary's PING every ten seconds: 14 bytes.
    await l.wait(10_000);
    const pinged = await role();
    expect(pinged.primary - acked.primary).toBe(14);

    // Reading from a replica: cut, write, stale read; heal, caught up.
    const cutAt = l.events.length;
    l.lab.cutLink('6380', '6379');
    expect(l.lab.view().links.find((k) => k.kind === 'replication')?.cut).toBe(true);
    expect(await t.run(`${A} SET course replication`)).toBe('OK');
    expect(await t.run(`${B} GET course`)).toBe('(nil)');
    await l.wait(1500);
    const gap = await role();
    expect(gap.primary).toBeGreaterThan(gap.replica);
    l.lab.healLink('6380', '6379');
    await l.wait(100);
    expect(await t.run(`${B} GET course`)).toBe('"replication"');
    // The connection never broke: no log line at all on either side.
    expect(l.events.slice(cutAt)).toEqual([]);

    // A dropped connection: partial resync within milliseconds.
    const mark = l.events.length;
    expect(await t.run(`${B} CLIENT KILL TYPE master`)).toBe('(integer) 1');
    await l.wait(100);
    const psync = l.events.slice(mark);
    expect(psync.some((e) => /:S .* \* Trying a partial resynchronization \(request [0-9a-f]{40}:\d+\)\.$/.test(e))).toBe(true);
    expect(psync.some((e) => /:M .* \* Partial resynchronization request from 127\.0\.0\.1:6380 accepted\. Sending 0 bytes of backlog starting from offset \d+\.$/.test(e))).toBe(true);
    expect(psync.some((e) => e.endsWith('* Successful partial resynchronization with master.'))).toBe(true);
    expect(psync.some((e) => e.includes('Full resync'))).toBe(false);
    const stats = await t.run(`${A} INFO stats | grep sync_`);
    // One full sync at the lab's start, one per restart of 6380 (two); one partial.
    expect(stats).toBe('sync_full:3\nsync_partial_ok:1\nsync_partial_err:0');

    // The window: cut, write acknowledged, WAIT 0, kill, promote, the key is missing.
    l.lab.cutLink('6380', '6379');
    expect(await t.run(`${A} SET important-write acknowledged`)).toBe('OK');
    const t0 = l.lab.sim.time;
    expect(await t.run(`${A} WAIT 1 1000`)).toBe('(integer) 0');
    expect(l.lab.sim.time - t0).toBeGreaterThanOrEqual(1000);
    l.lab.killPrimary();
    expect(l.lab.view().nodes.find((n) => n.id === '6379')!.state).toBe('down');
    expect(await t.run(`${B} REPLICAOF NO ONE`)).toBe('OK');
    expect(await t.run(`${B} GET important-write`)).toBe('(nil)');
    expect(await t.run(`${B} GET course`)).toBe('"replication"');
    expect(l.lab.view().primary).toBe('6380');

    expect(l.unmetGoals(fm)).toEqual([]);
  });

  it('a link left cut past repl-timeout: both sides time out, and the heal ends in a partial resync', async () => {
    const l = openLesson('03-replication-in-depth');
    const t = l.tab();
    await l.wait(3000);
    l.lab.cutLink('6380', '6379');
    const set = 'redis-cli -p 6379 -a a_strong_password --no-auth-warning SET course replication';
    expect(await t.run(set)).toBe(`$ ${set}\nOK\n$`);
    await l.wait(70_000);
    expect(l.events.some((e) => /^6380 .*# MASTER timeout: no data nor PING received\.\.\.$/.test(e))).toBe(true);
    expect(l.events.some((e) => /^6379 .*# Disconnecting timedout replica \(streaming sync\): 127\.0\.0\.1:6380$/.test(e))).toBe(true);
    l.lab.healLink('6380', '6379');
    await l.wait(10_000);
    expect(l.events.some((e) => /^6379 .*Partial resynchronization request from 127\.0\.0\.1:6380 accepted\./.test(e))).toBe(true);
    const get = 'redis-cli -p 6380 -a a_strong_password --no-auth-warning GET course';
    expect(await t.run(get)).toBe(`$ ${get}\n"replication"\n$`);
  });
});
