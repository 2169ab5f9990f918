// Goal: lesson 8 ("Set up three sentinels") says exactly what the lab prints — the sentinel
// config as the page shows it; each `redis-sentinel` started in its own tab prints the startup
// lines, the logo in sentinel mode, "Sentinel ID is", +monitor with quorum 2 and +slave for 6380,
// then +sentinel for each peer within about two seconds; the rewritten config keeps the five
// lines and adds myid, the three epochs at 0, known-replica and one known-sentinel per peer;
// SENTINEL get-master-addr-by-name / master / replicas / sentinels answer as quoted — and every
// goal check of the lesson matches what the learner sees.
// Method: the lesson's scenario (primary and replica running, three sentinel configs on disk)
// on the simulator with headless terminal tabs, one per `Run … newTab`; the lesson's Run
// commands taken from its MDX in page order; virtual time as a learner would wait; three seeds.
// The log lines and the rewritten file match fidelity/05-sentinel (real Redis 7.0.15).
import { describe, expect, it } from 'vitest';
import { lessonMeta, openLesson, runs, type LessonTab } from './support-lesson.ts';

const SLUG = '08-sentinel-setup';

const field = (out: string, name: string, value: string) => new RegExp(`\\d+\\) "${name}"\\n\\s*\\d+\\) "${value}"`).test(out);

describe('lesson 8: set up three sentinels', () => {
  it('the page offers these steps, in this order; three sentinel configs on disk', () => {
    expect(runs(SLUG)).toEqual([
      { cmd: 'cat 5000/sentinel1.conf', newTab: false },
      { cmd: 'cd 5000 && redis-sentinel sentinel1.conf', newTab: true },
      { cmd: 'cd 5001 && redis-sentinel sentinel2.conf', newTab: true },
      { cmd: 'cd 5002 && redis-sentinel sentinel3.conf', newTab: true },
      { cmd: 'cat 5000/sentinel1.conf', newTab: false },
      { cmd: 'redis-cli -p 5000 SENTINEL get-master-addr-by-name myprimary', newTab: false },
      { cmd: 'redis-cli -p 5000 SENTINEL master myprimary', newTab: false },
      { cmd: 'redis-cli -p 5001 SENTINEL replicas myprimary', newTab: false },
      { cmd: 'redis-cli -p 5002 SENTINEL sentinels myprimary', newTab: false },
    ]);
    const { scenario } = lessonMeta(SLUG);
    expect(scenario.running).toEqual(['primary.conf', 'replica.conf']);
    expect((scenario.files ?? []).map((f) => (typeof f === 'string' ? f : f.path))).toEqual(['primary.conf', 'replica.conf', '5000/sentinel1.conf', '5001/sentinel2.conf', '5002/sentinel3.conf']);
  });

  it.each([1, 2, 3])('the learner starts the sentinels and sees what the lesson says (seed %i)', async (seed) => {
    const steps = runs(SLUG).map((r) => r.cmd);
    const l = openLesson(SLUG, { seed });
    const main = l.tab();
    const run = (cmd: string) => main.run(cmd);
    expect(l.lab.view().nodes.map((n) => n.id)).toEqual(['6379', '6380']);
    expect(l.ticked()).toEqual(l.goals.map(() => false));

    const conf = await run(steps[0]);
    expect(conf).toBe(`$ cat 5000/sentinel1.conf
port 5000
sentinel monitor myprimary 127.0.0.1 6379 2
sentinel down-after-milliseconds myprimary 5000
sentinel failover-timeout myprimary 60000
sentinel auth-pass myprimary a_strong_password
$`);

    // Each sentinel in a tab of its own, a few seconds apart (reading time).
    const tabs: LessonTab[] = [];
    for (const cmd of steps.slice(1, 4)) {
      const t = l.tab();
      t.start(cmd);
      tabs.push(t);
      await l.wait(4000);
    }
    await l.wait(3000);
    const ids: string[] = [];
    for (const [i, t] of tabs.entries()) {
      const port = 5000 + i;
      const text = await t.text();
      const lines = text.split('\n');
      expect(lines[1]).toMatch(/^\d+:X \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo$/);
      expect(text).toContain('Running in sentinel mode');
      expect(text).toContain(`Port: ${port}`);
      const msgs = lines.map((x) => x.replace(/^\d+:X \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} /, ''));
      const after = msgs.slice(msgs.findIndex((m) => m.includes('Port: ')));
      const idLine = after.find((m) => m.startsWith('# Sentinel ID is '))!;
      ids.push(idLine.slice('# Sentinel ID is '.length));
      expect(ids[i]).toMatch(/^[0-9a-f]{40}$/);
      // The order the lesson lists: saved, ID, +monitor, +slave.
      const order = ['* Sentinel new configuration saved on disk', idLine, '# +monitor master myprimary 127.0.0.1 6379 quorum 2', '* +slave slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379'];
      expect(order.map((m) => after.indexOf(m)).every((x, k, a) => x >= 0 && (k === 0 || x > a[k - 1])), `${port}: ${after.join('\n')}`).toBe(true);
    }
    // Every sentinel logs +sentinel for each of the others.
    for (const [i, t] of tabs.entries()) {
      const text = await t.text();
      for (const [j, id] of ids.entries()) {
        if (j === i) continue;
        expect(text, `${5000 + i} knows ${5000 + j}`).toContain(`* +sentinel sentinel ${id} 127.0.0.1 ${5000 + j} @ myprimary 127.0.0.1 6379`);
      }
    }
    // "within about two seconds" of the later one starting: sentinel 3 hears both within 2.2 s.
    const stamp = (line: string) => {
      const m = /(\d\d):(\d\d):(\d\d)\.(\d{3}) /.exec(line)!;
      return ((+m[1] * 60 + +m[2]) * 60 + +m[3]) * 1000 + +m[4];
    };
    const t3 = (await tabs[2].text()).split('\n');
    const started = stamp(t3.find((x) => x.includes('+monitor master'))!);
    for (const x of t3.filter((y) => y.includes('+sentinel sentinel'))) expect(stamp(x) - started).toBeLessThanOrEqual(2200);

    // The rewritten config (the Run goes to the first tab, at its prompt).
    const rewritten = await run(steps[4]);
    expect(rewritten).toContain(`$ cat 5000/sentinel1.conf
port 5000
sentinel monitor myprimary 127.0.0.1 6379 2
sentinel down-after-milliseconds myprimary 5000
sentinel failover-timeout myprimary 60000
sentinel auth-pass myprimary a_strong_password

# Generated by CONFIG REWRITE
`);
    for (const line of [
      `sentinel myid ${ids[0]}`,
      'sentinel config-epoch myprimary 0',
      'sentinel leader-epoch myprimary 0',
      'sentinel current-epoch 0',
      'sentinel known-replica myprimary 127.0.0.1 6380',
      `sentinel known-sentinel myprimary 127.0.0.1 5001 ${ids[1]}`,
      `sentinel known-sentinel myprimary 127.0.0.1 5002 ${ids[2]}`,
    ]) expect(rewritten.split('\n'), line).toContain(line);

    expect(await run(steps[5])).toContain('\n1) "127.0.0.1"\n2) "6379"\n');
    const m = await run(steps[6]);
    for (const [k, v] of [['num-slaves', '1'], ['num-other-sentinels', '2'], ['quorum', '2'], ['flags', 'master']]) expect(field(m, k, v), k).toBe(true);
    const r = await run(steps[7]);
    for (const [k, v] of [['master-link-status', 'ok'], ['master-port', '6379'], ['slave-priority', '100'], ['name', '127.0.0.1:6380']]) expect(field(r, k, v), k).toBe(true);
    expect(r).toMatch(/"slave-repl-offset"\n\s*\d+\) "\d+"/);
    const s = await run(steps[8]);
    expect(s).toMatch(/"port"\n\s*6\) "5000"/);
    expect(s).toMatch(/"port"\n\s*6\) "5001"/);
    expect(s).not.toMatch(/^3\) /m);

    // The map shows the three sentinels.
    expect(l.lab.view().nodes.map((n) => n.id)).toEqual(['5000', '5001', '5002', '6379', '6380']);

    // "Ctrl+C there stops it": the tab's sentinel shuts down and the tab is back at its prompt.
    tabs[2].session.input('\x03');
    await l.until(() => tabs[2].session.idle, 5000);
    const stopped = (await tabs[2].text()).split('\n');
    expect(stopped.slice(-4).map((x) => x.replace(/^(?:\^C)?\d+:(X \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3}|signal-handler \(\d+\)) /, ''))).toEqual([
      'Received SIGINT scheduling shutdown...',
      '# User requested shutdown...',
      '# Sentinel is now ready to exit, bye bye...',
      '$',
    ]);

    // Every goal ticked on what the learner saw (the page's matcher, fed as the page feeds it).
    expect(l.ticked()).toEqual(l.goals.map(() => true));
  });
});
