// Goal: lesson 10 ("Clients that find the primary") says what the lab prints, step by step, and
// every goal of its frontmatter ticks by the end. Method: the lesson's scenario booted by the
// real SimLab, its Run commands typed into TabSessions (the SUBSCRIBE in a tab of its own, the
// interactive session on 6380 in another), Kill primary pressed, virtual time as a learner would
// wait; the outputs the prose quotes are asserted, then the goal checks are matched against
// everything printed, logged and submitted.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LessonLab, lessonGoals } from './lesson-lab.ts';

const LESSON = 'content/lessons/10-sentinel-clients.mdx';
const ALL = ['primary.conf', 'replica.conf', 'sentinel1.conf', 'sentinel2.conf', 'sentinel3.conf'];
const A = '-a a_strong_password --no-auth-warning';
const LOOP = 'for i in $(seq 15); do source client.sh; sleep 1; done';

/** The lesson's client.sh, as its frontmatter writes it (a `text: |` block). */
function clientScript(): string {
  const lines = readFileSync(LESSON, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.trim() === '- path: client.sh');
  expect(lines[at + 1].trim()).toBe('text: |');
  const body: string[] = [];
  for (const l of lines.slice(at + 2)) {
    if (!l.startsWith('        ')) break;
    body.push(l.slice(8));
  }
  return body.join('\n') + '\n';
}

describe('lesson 10: clients that find the primary', () => {
  it('the lesson quotes its commands as written here, and its client is the one tested', () => {
    const text = readFileSync(LESSON, 'utf8');
    for (const cmd of ['cat client.sh', 'source client.sh', LOOP, 'redis-cli -p 5000 SUBSCRIBE +switch-master', `redis-cli -p 6380 ${A}`]) expect(text).toContain(cmd);
    expect(clientScript()).toBe(
      '# A tiny Sentinel client: ask a sentinel, check with ROLE, then write.\n' +
        'port=$(redis-cli -p 5000 SENTINEL get-master-addr-by-name myprimary | tail -n 1)\n' +
        `role=$(redis-cli -p $port ${A} ROLE | head -n 1)\n` +
        'echo "sentinel: $port, ROLE: $role"\n' +
        'if [ "$role" = master ]; then\n' +
        `  redis-cli -p $port ${A} INCR visits\n` +
        'fi\n',
    );
  });

  it('ask, check with ROLE, subscribe, kill the primary: the client moves to 6380; the session on 6380 is disconnected', async () => {
    const l = new LessonLab({ files: [...ALL, { path: 'client.sh', text: clientScript() }], running: ALL });
    const main = l.tab();
    // Ask a sentinel, then check.
    await main.line('redis-cli -p 5000 SENTINEL get-master-addr-by-name myprimary');
    expect(await main.text()).toContain('1) "127.0.0.1"\n2) "6379"');
    let m = await main.mark();
    await main.line('redis-cli -p 5000 SENTINEL get-master-addr-by-name nosuch');
    expect(await main.since(m)).toContain('(nil)');
    m = await main.mark();
    await main.line(`redis-cli -p 6379 ${A} ROLE`);
    expect(await main.since(m)).toMatch(/1\) "master"\n2\) \(integer\) \d+\n3\) 1\) 1\) "127\.0\.0\.1"\n {6}2\) "6380"/);
    // Listen for failovers, in a tab of its own.
    const sub = l.tab();
    sub.start('redis-cli -p 5000 SUBSCRIBE +switch-master');
    await l.wait(200);
    expect(await sub.text()).toContain('Reading messages... (press Ctrl-C to quit)\n1) "subscribe"\n2) "+switch-master"\n3) (integer) 1');
    // A connected client on the replica.
    const session = l.tab();
    session.start(`redis-cli -p 6380 ${A}`);
    await l.until(() => session.session.idle);
    await session.line('ROLE');
    expect(await session.text()).toMatch(/127\.0\.0\.1:6380> ROLE\n1\) "slave"\n2\) "127\.0\.0\.1"\n3\) \(integer\) 6379/);
    // The tiny client.
    m = await main.mark();
    await main.line('cat client.sh');
    expect(await main.since(m)).toContain(clientScript().trimEnd());
    m = await main.mark();
    await main.line('source client.sh');
    expect(await main.since(m)).toContain('sentinel: 6379, ROLE: master\n(integer) 1');
    // Kill the primary, then the loop (a learner takes a second or two to press Run).
    l.lab.killPrimary();
    await l.wait(1500);
    m = await main.mark();
    await main.line(LOOP);
    const loop = await main.since(m);
    expect(loop).toContain('Could not connect to Redis at 127.0.0.1:6379: Connection refused\nsentinel: 6379, ROLE:\n');
    expect(loop).toContain('sentinel: 6380, ROLE: master\n(integer) 2\n');
    expect(loop).not.toContain('sentinel: 6380, ROLE: slave');
    // The subscription's one message.
    expect(await sub.text()).toContain('1) "message"\n2) "+switch-master"\n3) "myprimary 127.0.0.1 6379 127.0.0.1 6380"');
    // The session on 6380 was disconnected by the sentinel's transaction.
    m = await session.mark();
    await session.line('ROLE');
    await session.line('ROLE');
    expect(await session.since(m)).toMatch(/127\.0\.0\.1:6380> ROLE\nError: Server closed the connection\nnot connected> ROLE\n1\) "master"/);
    const promoted = l.eventLines(/MASTER MODE enabled/);
    expect(promoted.length).toBe(1);
    expect(promoted[0]).toMatch(/^6380 .*name=sentinel-[0-9a-f]{8}-cmd .*multi=4 .*cmd=exec/);
    // Every goal ticked.
    expect(l.unmet(lessonGoals(LESSON))).toEqual([]);
  });
});
