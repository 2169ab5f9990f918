// Goal: lesson 4 ("Set up a replica from config files", content/lessons/04-replica-from-config.mdx)
// says what the lab prints: the unchanged copy exits 1 and logs "Address already in use" into the
// primary's redis.log; appended lines override the copied ones; the replica started in its own tab
// streams its log (the sync sequence, ~5 s of diskless delay, "Finished with success"); INFO on
// both sides; separate AOF files; Ctrl+C shuts it down. Also what the prose says of a copy that
// keeps appendfilename (it loads and then deletes the primary's AOF files). Every goal's check is
// met. Method: the lesson's scenario (its frontmatter) booted on a SimLab (simulator, virtual
// time); its Run commands typed in order into terminal tabs (the real TabSession); assertions on
// the lines the prose quotes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lesson, openLab, runCommands } from './lesson-walk.ts';


const A = 'redis-cli -p 6379 -a a_strong_password --no-auth-warning';
const B = 'redis-cli -p 6380 -a a_strong_password --no-auth-warning';
const LOG = /^\d+:[CMS] \d\d Nov 2026 \d\d:\d\d:\d\d\.\d{3} ([*#]) (.*)$/;

describe('lesson 4: a replica from config files', () => {
  const { fm, body } = lesson('04-replica-from-config.mdx');
  const tutorialPrimary = readFileSync(new URL('../../../content/conf/primary.conf', import.meta.url), 'utf8');

  it("its primary.conf has the tutorial primary's directives; its Run buttons are the commands this test runs", () => {
    const directives = (t: string) => t.split('\n').filter((x) => x.trim() !== '' && !x.startsWith('#'));
    const file = fm.scenario.files![0] as { path: string; text: string };
    expect(file.path).toBe('primary.conf');
    expect(directives(file.text)).toEqual(directives(tutorialPrimary));
    expect(runCommands(body)).toEqual([
      'cat primary.conf',
      'cp primary.conf replica.conf',
      'redis-server replica.conf; echo $?',
      'tail -n 2 redis.log',
      "echo 'port 6380' >> replica.conf",
      `echo 'appendfilename "appendonly-6380.aof"' >> replica.conf`,
      `echo 'dbfilename "dump-6380.rdb"' >> replica.conf`,
      `echo 'logfile ""' >> replica.conf`,
      "echo 'replicaof 127.0.0.1 6379' >> replica.conf",
      'cat replica.conf',
      'redis-server replica.conf',
      `${B} INFO replication`,
      `${A} INFO replication`,
      'ls appendonlydir',
    ]);
    expect(body).toContain('<Run cmd="redis-server replica.conf" newTab />');
  });

  it('walks through the lesson and sees what the prose says', async () => {
    const l = openLab(fm.scenario);
    const t = l.tab();
    expect(l.lab.view().nodes.map((n) => `${n.id}:${n.role}:${n.state}`)).toEqual(['6379:primary:up']);
    expect(await t.run('cat primary.conf')).toBe((fm.scenario.files![0] as { text: string }).text.trimEnd());
    expect(await t.run('cp primary.conf replica.conf')).toBe('');

    // The unchanged copy: nothing printed, status 1, two lines in the primary's log.
    expect(await t.run('redis-server replica.conf; echo $?')).toBe('1');
    const tail = (await t.run('tail -n 2 redis.log')).split('\n').map((x) => LOG.exec(x)?.slice(1).join(' '));
    expect(tail).toEqual([
      '# Warning: Could not create server TCP listening socket 127.0.0.1:6379: bind: Address already in use',
      '# Failed listening on port 6379 (TCP), aborting.',
    ]);
    expect(l.lab.view().nodes.find((n) => n.id === '6379')!.state).toBe('up');

    // The edits: appended lines.
    for (const cmd of runCommands(body).slice(4, 9)) expect(await t.run(cmd)).toBe('');
    const conf = await t.run('cat replica.conf');
    expect(conf.split('\n').slice(-5)).toEqual(['port 6380', 'appendfilename "appendonly-6380.aof"', 'dbfilename "dump-6380.rdb"', 'logfile ""', 'replicaof 127.0.0.1 6379']);
    expect(conf).toContain('masterauth a_strong_password');

    // Start it in a new tab, in the foreground.
    const t2 = l.tab();
    t2.type('redis-server replica.conf');
    await l.wait(1000);
    const early = await t2.text();
    expect(early).toContain('Running in standalone mode');
    expect(early).toContain('Port: 6380');
    expect(early).not.toContain('Full resync from master');
    await l.wait(6000);
    const lines = (await t2.text()).split('\n').map((x) => LOG.exec(x)).filter((m) => m !== null).map((m) => ({ at: m[0].slice(m[0].indexOf(' 2026 ') + 6, m[0].indexOf(' 2026 ') + 18), msg: m[2] }));
    const order = [
      'Connecting to MASTER 127.0.0.1:6379',
      'MASTER <-> REPLICA sync started',
      'Partial resynchronization not possible (no cached master)',
      'Full resync from master: ',
      'MASTER <-> REPLICA sync: Finished with success',
    ];
    let at = -1;
    for (const text of order) {
      const i = lines.findIndex((x, k) => k > at && x.msg.startsWith(text));
      expect(i, text).toBeGreaterThan(at);
      at = i;
    }
    const ms = (s: string) => Date.parse(`2026-11-28T${s}Z`);
    const waited = ms(lines.find((x) => x.msg.startsWith('Full resync from master'))!.at) - ms(lines.find((x) => x.msg.startsWith('Partial resynchronization not possible'))!.at);
    expect(waited).toBeGreaterThanOrEqual(4000);
    expect(waited).toBeLessThanOrEqual(6000);
    expect(l.lab.view().nodes.map((n) => `${n.id}:${n.role}:${n.state}`)).toEqual(['6379:primary:up', '6380:replica:up']);

    // INFO on both sides, from the first tab.
    const replica = await t.run(`${B} INFO replication`);
    expect(replica).toContain('role:slave\nmaster_host:127.0.0.1\nmaster_port:6379\nmaster_link_status:up\n');
    const primary = await t.run(`${A} INFO replication`);
    expect(primary).toMatch(/\nconnected_slaves:1\nslave0:ip=127\.0\.0\.1,port=6380,state=online,offset=\d+,lag=\d\n/);
    const aof = await t.run('ls appendonlydir');
    for (const f of ['appendonly-6379.aof.1.base.rdb', 'appendonly-6379.aof.1.incr.aof', 'appendonly-6379.aof.manifest', 'appendonly-6380.aof.2.base.rdb', 'appendonly-6380.aof.2.incr.aof', 'appendonly-6380.aof.manifest']) {
      expect(aof).toContain(f);
    }

    // Ctrl+C in the replica's tab: a clean shutdown.
    t2.session.input('\x03');
    await l.wait(500);
    expect(await t2.text()).toContain('# Redis is now ready to exit, bye bye...');

    expect(l.unmetGoals(fm)).toEqual([]);
  });

  it('a copy that keeps appendfilename loads the primary\'s AOF, then deletes its files after the sync (as real 7.0.15 does)', async () => {
    const l = openLab(fm.scenario);
    const t = l.tab();
    await t.run('cp primary.conf replica.conf');
    await t.run("echo 'port 6380' >> replica.conf");
    await t.run(`echo 'logfile ""' >> replica.conf`);
    await t.run("echo 'replicaof 127.0.0.1 6379' >> replica.conf");
    const t2 = l.tab();
    t2.type('redis-server replica.conf');
    await l.wait(7000);
    const log = await t2.text();
    expect(log).toContain('* DB loaded from base file appendonly-6379.aof.1.base.rdb: 0.000 seconds');
    expect(log).toContain('* Removing the history file appendonly-6379.aof.1.incr.aof in the background');
    expect(await t.run('ls appendonlydir')).not.toContain('appendonly-6379.aof.1.incr.aof');
    // The manifest the primary would load at its next start now lists the replica's files.
    expect(await t.run('cat appendonlydir/appendonly-6379.aof.manifest')).toBe('file appendonly-6379.aof.2.base.rdb seq 2 type b\nfile appendonly-6379.aof.2.incr.aof seq 2 type i');
  });
});
