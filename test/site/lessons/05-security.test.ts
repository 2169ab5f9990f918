// Goal: lesson 5 ("Passwords: requirepass and masterauth", content/lessons/05-security.mdx) says
// what the lab prints: NOAUTH without a password, the -a warning, REDISCLI_AUTH, WRONGPASS, AUTH
// in an interactive redis-cli, the replica without masterauth looping on NOAUTH (its ten-line
// cycle, ROLE "handshake", link down, the primary silent and with no replica), CONFIG SET
// masterauth ending the loop and the full sync ~5 s later. Every goal's check is met. Method: the
// lesson's scenario (its frontmatter) booted on a SimLab (simulator, virtual time); its Run
// commands typed in order into terminal tabs (the real TabSession), the interactive lines typed
// by hand; assertions on the lines the prose quotes (real Redis: ../shared/fidelity/03-security).
import { describe, expect, it } from 'vitest';
import { lesson, openLab, runCommands } from './lesson-walk.ts';


const B = 'redis-cli -p 6380 -a a_strong_password --no-auth-warning';
const LOG = /^\d+:[CMS] \d\d Nov 2026 \d\d:\d\d:\d\d\.\d{3} ([*#] .*)$/;
const CYCLE = [
  '* MASTER <-> REPLICA sync started',
  '* Non blocking connect for SYNC fired the event.',
  '* Master replied to PING, replication can continue...',
  '* (Non critical) Master does not understand REPLCONF listening-port: -NOAUTH Authentication required.',
  '* (Non critical) Master does not understand REPLCONF capa: -NOAUTH Authentication required.',
  '* Partial resynchronization not possible (no cached master)',
  '# Unexpected reply to PSYNC from master: -NOAUTH Authentication required.',
  '* Retrying with SYNC...',
  '# MASTER aborted replication with an error: NOAUTH Authentication required.',
  '* Reconnecting to MASTER 127.0.0.1:6379 after failure',
];

describe('lesson 5: requirepass and masterauth', () => {
  const { fm, body } = lesson('05-security.mdx');

  it('its Run buttons are the commands this test runs; the cycle it quotes is the one it tests', () => {
    expect(runCommands(body)).toEqual([
      'redis-cli -p 6379 PING',
      'redis-cli -p 6379 -a a_strong_password PING',
      'REDISCLI_AUTH=a_strong_password redis-cli -p 6379 PING',
      'redis-cli -p 6379 AUTH not_the_password',
      'redis-cli -p 6379',
      'cat 6380/replica.conf',
      'cd 6380 && redis-server replica.conf',
      `${B} ROLE`,
      `${B} CONFIG SET masterauth a_strong_password`,
      `${B} ROLE`,
      "echo 'masterauth a_strong_password' >> 6380/replica.conf",
    ]);
    expect(body).toContain('<Run cmd="cd 6380 && redis-server replica.conf" newTab />');
    expect(body).toContain('```\n' + CYCLE.join('\n') + '\n```');
  });

  it('walks through the lesson and sees what the prose says', async () => {
    const l = openLab(fm.scenario);
    const t = l.tab();
    expect(l.lab.view().nodes.map((n) => `${n.id}:${n.role}:${n.state}`)).toEqual(['6379:primary:up']);

    // The client's side.
    expect(await t.run('redis-cli -p 6379 PING')).toBe('(error) NOAUTH Authentication required.');
    expect(await t.run('redis-cli -p 6379 -a a_strong_password PING')).toBe("Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.\nPONG");
    expect(await t.run('REDISCLI_AUTH=a_strong_password redis-cli -p 6379 PING')).toBe('PONG');
    expect(await t.run('redis-cli -p 6379 AUTH not_the_password')).toBe('(error) WRONGPASS invalid username-password pair or user is disabled.');

    // An interactive session, typed by hand.
    const ti = l.tab();
    ti.type('redis-cli -p 6379');
    await l.wait(200);
    for (const line of ['PING', 'AUTH a_strong_password', 'PING', 'CONFIG GET requirepass']) {
      ti.type(line);
      await l.wait(200);
    }
    ti.type('exit');
    await l.wait(200);
    expect(await ti.text()).toBe([
      '$ redis-cli -p 6379',
      '127.0.0.1:6379> PING',
      '(error) NOAUTH Authentication required.',
      '127.0.0.1:6379> AUTH a_strong_password',
      'OK',
      '127.0.0.1:6379> PING',
      'PONG',
      '127.0.0.1:6379> CONFIG GET requirepass',
      '1) "requirepass"',
      '2) "a_strong_password"',
      '127.0.0.1:6379> exit',
      '$',
    ].join('\n'));

    // The replica's side: its config, then the loop in its own tab.
    const conf = await t.run('cat 6380/replica.conf');
    expect(conf).toContain('requirepass a_strong_password');
    expect(conf).not.toMatch(/^masterauth/m);
    const tr = l.tab();
    tr.type('cd 6380 && redis-server replica.conf');
    await l.wait(1500);
    const log = (await tr.text()).split('\n').map((x) => LOG.exec(x)?.[1]).filter((x) => x !== undefined);
    const first = log.indexOf(CYCLE[0]);
    expect(first).toBeGreaterThan(0);
    const cycles = log.slice(first);
    // The same ten lines, again and again (the last cycle may be under way).
    const whole = Math.floor(cycles.length / 10);
    expect(whole).toBeGreaterThanOrEqual(10);
    for (let k = 0; k < whole; k++) expect(cycles.slice(k * 10, k * 10 + 10)).toEqual(CYCLE);
    // The primary logs nothing about it.
    expect(l.events.filter((e) => /^\d+:M /.test(e))).toEqual([]);
    expect(await t.run(`${B} ROLE`)).toBe('1) "slave"\n2) "127.0.0.1"\n3) (integer) 6379\n4) "handshake"\n5) (integer) -1');
    const info = await t.run(`${B} INFO replication`);
    expect(info).toContain('\nmaster_link_status:down\n');
    expect(await t.run('redis-cli -p 6379 -a a_strong_password --no-auth-warning INFO replication')).toContain('\nconnected_slaves:0\n');

    // Fixing it live.
    expect(await t.run(`${B} CONFIG SET masterauth a_strong_password`)).toBe('OK');
    const fixedAt = (await tr.text()).split('\n').length;
    await l.wait(7000);
    const after = (await tr.text()).split('\n').slice(fixedAt).map((x) => LOG.exec(x)?.[1]).filter((x) => x !== undefined);
    const partial = after.indexOf('* Partial resynchronization not possible (no cached master)');
    expect(partial).toBeGreaterThanOrEqual(0);
    expect(after.slice(partial + 1).some((x) => x.includes('NOAUTH'))).toBe(false);
    expect(after[partial + 1]).toMatch(/^\* Full resync from master: [0-9a-f]{40}:0$/);
    expect(after).toContain('* MASTER <-> REPLICA sync: Finished with success');
    const lines = (await tr.text()).split('\n');
    const ts = (needle: string) => Date.parse(`2026-11-28T${/\d\d:\d\d:\d\d\.\d{3}/.exec(lines.filter((x) => x.includes(needle)).pop()!)![0]}Z`);
    const waited = ts('Full resync from master') - ts('Partial resynchronization not possible');
    expect(waited).toBeGreaterThanOrEqual(4000);
    expect(waited).toBeLessThanOrEqual(6000);
    expect(await t.run(`${B} ROLE`)).toMatch(/^1\) "slave"\n2\) "127\.0\.0\.1"\n3\) \(integer\) 6379\n4\) "connected"\n5\) \(integer\) \d+$/);
    expect(await t.run("echo 'masterauth a_strong_password' >> 6380/replica.conf")).toBe('');
    expect((await t.run('cat 6380/replica.conf')).split('\n').pop()).toBe('masterauth a_strong_password');

    expect(l.unmetGoals(fm)).toEqual([]);
  });
});
