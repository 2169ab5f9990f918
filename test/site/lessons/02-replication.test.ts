// Goal: lesson 2 ("Replication in action") says exactly what the lab prints — a key written on
// 6379 read back from 6380; the replica's READONLY error; the primary's INFO replication with
// role:master, connected_slaves:1 and a slave0 line (port 6380, state online, offset, lag); the
// replica's with role:slave, its primary, master_link_status:up and the primary's replication id
// and offset once caught up; WAIT 1 0 answering 1 — and every goal of the lesson ticks.
// Method: the lesson's scenario (from its frontmatter) on the simulator with a headless terminal
// tab; the lesson's Run commands from its MDX in page order, a second apart as a reader clicks.
import { describe, expect, it } from 'vitest';
import { openLesson, runs } from './support-lesson.ts';

const SLUG = '02-replication';
const P = 'redis-cli -p 6379 -a a_strong_password --no-auth-warning';
const R = 'redis-cli -p 6380 -a a_strong_password --no-auth-warning';

describe('lesson 2: replication in action', () => {
  it('the page offers these steps, in this order', () => {
    expect(runs(SLUG).map((r) => r.cmd)).toEqual([
      `${P} SET course replication`,
      `${R} GET course`,
      `${R} SET course mine`,
      `${P} INFO replication`,
      `${R} INFO replication`,
      `${P} WAIT 1 0`,
    ]);
  });

  it('copied one way, refused on the replica, same offset on both sides, one acknowledgement', async () => {
    const [set, get, setOnReplica, infoP, infoR, wait] = runs(SLUG).map((r) => r.cmd);
    const l = openLesson(SLUG);
    const t = l.tab();
    await l.wait(1000);
    expect(l.ticked()).toEqual([false, false, false, false]);

    expect(await t.run(set)).toBe(`$ ${set}\nOK\n$`);
    await l.wait(1000);
    expect(await t.run(get)).toBe(`$ ${get}\n"replication"\n$`);
    await l.wait(1000);
    expect(await t.run(setOnReplica)).toBe(`$ ${setOnReplica}\n(error) READONLY You can't write against a read only replica.\n$`);
    await l.wait(1000);

    const primary = await t.run(infoP);
    expect(primary).toContain('\nrole:master\n');
    expect(primary).toContain('\nconnected_slaves:1\n');
    expect(primary).toMatch(/\nslave0:ip=127\.0\.0\.1,port=6380,state=online,offset=\d+,lag=\d+\n/);
    const offset = /\nmaster_repl_offset:(\d+)\n/.exec(primary)![1];
    const replid = /\nmaster_replid:([0-9a-f]{40})\n/.exec(primary)![1];
    await l.wait(1000);

    const replica = await t.run(infoR);
    expect(replica).toContain('\nrole:slave\n');
    expect(replica).toContain('\nmaster_host:127.0.0.1\nmaster_port:6379\nmaster_link_status:up\n');
    expect(replica).toContain(`\nmaster_replid:${replid}\n`);
    // Caught up: the primary's offset of a second ago, or that plus the 14-byte PING the primary
    // sends its replicas every ten seconds, if one fell in between.
    const replicaOffset = +/\nmaster_repl_offset:(\d+)\n/.exec(replica)![1];
    expect([+offset, +offset + 14]).toContain(replicaOffset);
    expect(replica).toContain(`\nslave_repl_offset:${replicaOffset}\n`);
    await l.wait(1000);

    expect(await t.run(wait)).toBe(`$ ${wait}\n(integer) 1\n$`);
    expect(l.ticked()).toEqual([true, true, true, true]);
  });
});
