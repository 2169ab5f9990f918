// Goal: the hands-on lessons work end to end in the browser on the real Web Worker runtime (the
// page's default host, where timing is real), as a learner walks them: every Run button of the
// page clicked in page order, the lab's controls used where the lesson says, the key outputs the
// prose promises on the screen or in the event log, and every goal of the lesson shown as done.
//   - Lesson 4: a replica from a copied config (cp, the unchanged copy exiting 1 with "Address
//     already in use" in redis.log, echo >> edits, `redis-server replica.conf` in a new tab
//     streaming the sync in order, INFO replication on both sides, separate AOF files, Ctrl+C).
//   - Lesson 5: NOAUTH, the -a warning, REDISCLI_AUTH, WRONGPASS, AUTH typed into an interactive
//     redis-cli; the replica without masterauth looping on NOAUTH in its tab (ROLE "handshake"),
//     CONFIG SET masterauth ending the loop and the full sync completing (ROLE "connected").
//   - Lesson 8: three sentinels started in three new tabs (+monitor, +slave, then +sentinel for
//     each peer), the rewritten config (myid, epochs, known-replica, known-sentinel per peer),
//     SENTINEL get-master-addr-by-name / master / replicas / sentinels, the map's three sentinels.
//   - Lesson 6: get-master-addr-by-name says 6379; Kill primary (between the lesson's two
//     questions); +sdown ×3, +odown, one +elected-leader, +promoted-slave, +switch-master ×3 in the
//     event log; then 6380, ROLE master; Restart on 6379's card, +convert-to-slave and its sync.
//   - Lesson 9: DEBUG refused, DEBUG SLEEP 30 in a new tab; +sdown, +odown, the election and
//     +switch-master in the event log; the leader's log with the failover states in order; 6380
//     master; 6379 wakes still master, +convert-to-slave, then ROLE slave of 6380 connected.
// Method: the built site on a static server, headless Chromium through playwright-core
// (support-site.ts), `?test` without `host=` (the worker runtime). The Run buttons are read from
// the DOM (`button[data-run]`), not from a list here, since the prose is edited; a step's command
// is only matched loosely where an assertion depends on it. Every tab's screen is read from its
// xterm buffer (`window.__terminal.app.tabs`), the event log through a MutationObserver that
// keeps every line (the element keeps only 500). Waits poll the page; no timed assertions. The
// lab runs at 1× except in lesson 9's 30 s wait for the frozen primary to wake, fast-forwarded
// with the lab's Speed control at 2× (the lesson's waits allow it). Skips loudly without
// chromium, fails under CI=true.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumAvailable, openPage, resultsDir, startSite, type Site } from './support-site.ts';
import type {} from '../../src/terminal/xterm-app.ts';
import type {} from '../../src/components/terminal/mount-lab.ts';

const run = chromiumAvailable();
let site: Site;

beforeAll(async () => {
  if (run) site = await startSite();
}, 300_000);
afterAll(async () => {
  await site?.close();
});

interface Step {
  cmd: string;
  newTab: boolean;
}

interface TabState {
  id: string;
  /** Logical lines (soft-wrapped rows joined), right-trimmed, trailing empty lines dropped. */
  text: string;
  /** At a prompt (the shell's or a program's) with everything written parsed. */
  idle: boolean;
  /** A command runs (a foreground server, an interactive redis-cli). */
  busy: boolean;
}

async function pollFor(fn: () => Promise<boolean>, limitMs: number, everyMs = 200): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (await fn()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return fn();
}

/** Every terminal tab, in tab-bar order. */
function tabs(page: Page): Promise<TabState[]> {
  return page.evaluate(() =>
    window.__terminal!.app.tabs.map((t) => {
      const buf = t.term.buffer.active;
      const out: string[] = [];
      for (let i = 0; i < buf.length; i++) {
        const line = buf.getLine(i);
        const s = line?.translateToString(true) ?? '';
        if (line?.isWrapped && out.length > 0) out[out.length - 1] += s;
        else out.push(s);
      }
      while (out.length > 0 && out[out.length - 1] === '') out.pop();
      return { id: t.id, text: out.map((l) => l.trimEnd()).join('\n'), idle: t.session.idle && t.writes.unparsed === 0, busy: t.session.busy };
    }),
  );
}

async function tabText(page: Page, id: string): Promise<string> {
  return (await tabs(page)).find((t) => t.id === id)?.text ?? '';
}

/** Polls until the tab's screen matches. */
async function untilTab(page: Page, id: string, re: RegExp, limitMs: number): Promise<boolean> {
  return pollFor(async () => re.test(await tabText(page, id)), limitMs);
}

/** The page's Run steps, in page order, as the DOM has them. */
function steps(page: Page): Promise<Step[]> {
  return page.locator('button[data-run]').evaluateAll((bs) => bs.map((b) => ({ cmd: (b as HTMLElement).dataset.run ?? '', newTab: (b as HTMLElement).dataset.runNewTab === 'true' })));
}

const promptLines = (text: string, cmd: string) => text.split('\n').filter((l) => l === `$ ${cmd}`).length;

/**
 * Clicks the page's Run button number `i`. A newTab step resolves once its tab shows the command
 * (the program keeps running there); any other once the tab it was typed into is at a prompt
 * again, with what the command printed (the lines after its prompt line, the next prompt dropped).
 */
async function clickRun(page: Page, all: Step[], i: number): Promise<{ tab: string; out: string }> {
  const { cmd, newTab } = all[i];
  const button = page.locator('button[data-run]').nth(i);
  expect(await button.getAttribute('data-run')).toBe(cmd);
  const before = await tabs(page);
  const seen = new Map(before.map((t) => [t.id, promptLines(t.text, cmd)]));
  await button.click();
  let tab = '';
  const typed = await pollFor(async () => {
    const now = await tabs(page);
    const hit = newTab ? now.find((t) => !seen.has(t.id) && t.text.startsWith(`$ ${cmd}`)) : now.find((t) => promptLines(t.text, cmd) > (seen.get(t.id) ?? 0));
    tab = hit?.id ?? '';
    return hit !== undefined;
  }, 20_000, 100);
  expect(typed, `"$ ${cmd}" typed (step ${i + 1})`).toBe(true);
  if (newTab) return { tab, out: '' };
  // Back at a prompt: the shell's (not busy), or a program's own (interactive redis-cli).
  const back = await pollFor(async () => {
    const t = (await tabs(page)).find((x) => x.id === tab);
    return t !== undefined && t.idle && (!t.busy || /\n\S+> ?$/.test(t.text + ' '));
  }, 60_000, 100);
  expect(back, `"${cmd}" finished (step ${i + 1})`).toBe(true);
  const text = await tabText(page, tab);
  const at = text.lastIndexOf(`$ ${cmd}`);
  return { tab, out: text.slice(at + cmd.length + 2).replace(/^\n/, '').replace(/\n?\$$/, '') };
}

/** Opens a lesson on the worker runtime, waits for its lab and terminal, and starts recording the event log. */
async function openLesson(slug: string) {
  const watched = await openPage(site);
  const { page } = watched;
  await page.goto(`${site.url}/lessons/${slug}/?test`);
  await page.locator('redis-lab').first().scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('redis-lab')?.getAttribute('data-state') === 'ready', null, { timeout: 90_000 });
  await page.locator('lab-terminal').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.__terminal?.idle() ?? false, null, { timeout: 60_000, polling: 100 });
  expect(await page.evaluate(() => window.__lab?.kind)).toBe('runtime');
  // Every event-log line from now on (the element itself keeps the last 500).
  await page.evaluate(() => {
    const w = window as unknown as { __events: string[] };
    w.__events = [];
    const ol = document.querySelector('[data-testid="event-log"] ol')!;
    for (const li of ol.children) w.__events.push(`${(li as HTMLElement).dataset.node} ${li.querySelector('.ev-line')?.textContent ?? ''}`);
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLElement) w.__events.push(`${n.dataset.node} ${n.querySelector('.ev-line')?.textContent ?? ''}`);
    }).observe(ol, { childList: true });
  });
  const all = await steps(page);
  expect(all.length).toBeGreaterThanOrEqual(3);
  return { ...watched, all };
}

/** Event-log lines recorded so far: `<node> <line>`. */
const events = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __events: string[] }).__events);

async function untilEvents(page: Page, pred: (ev: string[]) => boolean, limitMs: number): Promise<boolean> {
  return pollFor(async () => pred(await events(page)), limitMs, 250);
}

/** The goals' states: `true` for each one shown as done. */
const goalStates = (page: Page) => page.locator('lesson-goals li[data-goal]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-done') === 'true' && li.querySelector('[data-goal-state]')?.textContent === 'Done'));

async function expectAllGoalsDone(page: Page): Promise<void> {
  const n = await page.locator('lesson-goals li[data-goal]').count();
  expect(n).toBeGreaterThan(0);
  await expect.poll(() => goalStates(page), { timeout: 10_000 }).toEqual(Array.from({ length: n }, () => true));
  expect(await page.locator('lesson-goals').getAttribute('data-done')).toBe(String(n));
}

/** Types a line at the focused tab's xterm and presses Enter. */
async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function focusTab(page: Page, id: string): Promise<void> {
  const i = await page.evaluate((tid) => window.__terminal!.app.tabs.findIndex((t) => t.id === tid), id);
  await page.locator('lab-terminal [role="tab"]').nth(i).click();
  await page.locator('.lab-terminal-panel:not([hidden]) .xterm').click();
}

const LOG_MSG = /^\d+:[XMSC] \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} [#*.-] /;
/** A tab's or file's log lines reduced to their messages (`# ` / `* ` kept). */
const messages = (text: string) => text.split('\n').filter((l) => LOG_MSG.test(l)).map((l) => l.replace(/^\d+:[XMSC] \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} /, ''));

/** Whether `want` occur in `lines` in this order (each a prefix, or a pattern). */
function inOrder(lines: string[], want: Array<string | RegExp>): boolean {
  let at = -1;
  for (const w of want) {
    const j = lines.findIndex((x, k) => k > at && (typeof w === 'string' ? x.startsWith(w) : w.test(x)));
    if (j < 0) return false;
    at = j;
  }
  return true;
}

/**
 * Which of a walk's checks ran: a step whose command no longer matches any check (the prose
 * was edited) makes the walk fail on the list instead of passing without checking it.
 */
function coverage() {
  const got = new Set<string>();
  return {
    /** Notes a check as run; returns its name (for an assertion message). */
    seen(name: string): string {
      got.add(name);
      return name;
    },
    covered: () => [...got].sort(),
  };
}

describe.runIf(run)('lessons walked in the browser on the worker runtime', () => {
  it('lesson 4: a replica from config files — the refused copy, the edits, the replica in its own tab syncing, INFO on both sides, every goal done', async () => {
    const { page, problems, all } = await openLesson('04-replica-from-config');
    const { seen, covered } = coverage();
    expect(all.filter((s) => s.newTab)).toHaveLength(1);
    let replicaTab = '';
    for (let i = 0; i < all.length; i++) {
      const { cmd, newTab } = all[i];
      const r = await clickRun(page, all, i);
      if (newTab) {
        replicaTab = r.tab;
        // The banner, then the sync in the order the lesson reads it.
        expect(await untilTab(page, r.tab, /MASTER <-> REPLICA sync: Finished with success/, 60_000), 'the replica synced').toBe(true);
        const text = await tabText(page, r.tab);
        expect(text).toContain('Port: 6380');
        expect(inOrder(messages(text), ['* Connecting to MASTER 127.0.0.1:6379', '* MASTER <-> REPLICA sync started', '* Partial resynchronization not possible (no cached master)', /^\* Full resync from master: [0-9a-f]{40}:\d+$/, '* MASTER <-> REPLICA sync: Finished with success']), text).toBe(true);
        expect(await pollFor(async () => (await page.locator('cluster-map .node[data-node="6380"]').count()) === 1, 10_000), 'a 6380 card on the map').toBe(true);
        continue;
      }
      if (/^cat primary\.conf$/.test(cmd)) expect(r.out, seen('cat primary.conf')).toMatch(/^port 6379$/m);
      else if (/^redis-server replica\.conf; echo \$\?$/.test(cmd)) expect(r.out, seen('the unchanged copy')).toBe('1');
      else if (/^tail .*redis\.log$/.test(cmd)) {
        seen('tail redis.log');
        expect(r.out).toMatch(/# Warning: Could not create server TCP listening socket 127\.0\.0\.1:6379: bind: Address already in use$/m);
        expect(r.out).toMatch(/# Failed listening on port 6379 \(TCP\), aborting\.$/m);
      } else if (/^echo .* >> replica\.conf$/.test(cmd)) expect(r.out, seen('echo >> replica.conf')).toBe('');
      else if (/^cat replica\.conf$/.test(cmd)) {
        seen('cat replica.conf');
        for (const line of ['port 6380', 'appendfilename "appendonly-6380.aof"', 'logfile ""', 'replicaof 127.0.0.1 6379', 'masterauth a_strong_password']) expect(r.out.split('\n'), line).toContain(line);
      } else if (/-p 6380 .*INFO replication$/.test(cmd)) {
        seen('INFO on 6380');
        // The Run went to the first tab: the replica's tab keeps its server.
        expect(r.tab).not.toBe(replicaTab);
        expect(r.out).toContain('role:slave\nmaster_host:127.0.0.1\nmaster_port:6379\nmaster_link_status:up\n');
      } else if (/-p 6379 .*INFO replication$/.test(cmd)) {
        seen('INFO on 6379');
        expect(r.out).toMatch(/\nconnected_slaves:1\nslave0:ip=127\.0\.0\.1,port=6380,state=online,offset=\d+,lag=\d+\n/);
      } else if (/^ls appendonlydir$/.test(cmd)) {
        seen('ls appendonlydir');
        for (const f of ['appendonly-6379.aof.manifest', 'appendonly-6380.aof.manifest']) expect(r.out).toContain(f);
      }
    }
    expect(replicaTab).not.toBe('');
    expect(covered()).toEqual(['INFO on 6379', 'INFO on 6380', 'cat primary.conf', 'cat replica.conf', 'echo >> replica.conf', 'ls appendonlydir', 'tail redis.log', 'the unchanged copy']);
    await expectAllGoalsDone(page);
    // Ctrl+C in the replica's tab: it shuts down cleanly.
    await focusTab(page, replicaTab);
    await page.keyboard.press('Control+C');
    expect(await untilTab(page, replicaTab, /# Redis is now ready to exit, bye bye\.\.\.\n\$$/, 20_000), 'a clean shutdown').toBe(true);
    await page.screenshot({ path: join(resultsDir(), 'walk-lesson-4.png') });
    expect(problems).toEqual([]);
  }, 180_000);

  it('lesson 5: NOAUTH, -a, REDISCLI_AUTH, WRONGPASS, AUTH inside redis-cli; the replica without masterauth loops on NOAUTH until CONFIG SET masterauth, then syncs; every goal done', async () => {
    const { page, problems, all } = await openLesson('05-security');
    const { seen, covered } = coverage();
    let replicaTab = '';
    let fixed = false;
    let mark = 0;
    for (let i = 0; i < all.length; i++) {
      const { cmd, newTab } = all[i];
      if (newTab) mark = (await events(page)).length;
      const r = await clickRun(page, all, i);
      if (newTab) {
        replicaTab = r.tab;
        // The ten-line cycle, again and again (at least two whole ones in a row).
        const cycle = [
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
        expect(await pollFor(async () => messages(await tabText(page, r.tab)).filter((m) => m === cycle[8]).length >= 3, 30_000), 'the NOAUTH loop').toBe(true);
        const msgs = messages(await tabText(page, r.tab));
        const first = msgs.indexOf(cycle[0]);
        expect(first).toBeGreaterThan(0);
        expect(msgs.slice(first, first + 20)).toEqual([...cycle, ...cycle]);
        // The primary logs nothing about it.
        expect((await events(page)).slice(mark).filter((e) => e.startsWith('6379 '))).toEqual([]);
        continue;
      }
      if (/^redis-cli -p 6379 PING$/.test(cmd)) expect(r.out, seen('NOAUTH')).toBe('(error) NOAUTH Authentication required.');
      else if (/^redis-cli -p 6379 -a a_strong_password PING$/.test(cmd)) expect(r.out, seen('-a')).toBe("Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.\nPONG");
      else if (/^REDISCLI_AUTH=\S+ redis-cli -p 6379 PING$/.test(cmd)) expect(r.out, seen('REDISCLI_AUTH')).toBe('PONG');
      else if (/AUTH not_the_password$/.test(cmd)) expect(r.out, seen('WRONGPASS')).toBe('(error) WRONGPASS invalid username-password pair or user is disabled.');
      else if (/^redis-cli -p 6379$/.test(cmd)) {
        // Interactive: typed by hand at its prompt, as the lesson says.
        expect(r.out, seen('interactive AUTH')).toBe('127.0.0.1:6379>');
        await focusTab(page, r.tab);
        for (const line of ['PING', 'AUTH a_strong_password', 'PING']) {
          const n = (await tabText(page, r.tab)).split('\n').length;
          await typeLine(page, line);
          expect(await pollFor(async () => { const t = await tabText(page, r.tab); return t.split('\n').length > n + 1 && t.endsWith('127.0.0.1:6379>'); }, 10_000), line).toBe(true);
        }
        const typed = await tabText(page, r.tab);
        expect(typed.slice(typed.lastIndexOf('$ redis-cli -p 6379\n'))).toBe(['$ redis-cli -p 6379', '127.0.0.1:6379> PING', '(error) NOAUTH Authentication required.', '127.0.0.1:6379> AUTH a_strong_password', 'OK', '127.0.0.1:6379> PING', 'PONG', '127.0.0.1:6379>'].join('\n'));
        await typeLine(page, 'exit');
        expect(await untilTab(page, r.tab, /127\.0\.0\.1:6379> exit\n\$$/, 10_000)).toBe(true);
      } else if (/^cat 6380\/replica\.conf$/.test(cmd) && replicaTab === '') {
        expect(r.out, seen('cat replica.conf')).toMatch(/^requirepass a_strong_password$/m);
        expect(r.out).not.toMatch(/^masterauth/m);
      } else if (/ROLE$/.test(cmd) && !fixed) {
        expect(r.out, seen('ROLE handshake')).toBe('1) "slave"\n2) "127.0.0.1"\n3) (integer) 6379\n4) "handshake"\n5) (integer) -1');
      } else if (/CONFIG SET masterauth/.test(cmd)) {
        expect(r.out, seen('CONFIG SET masterauth')).toBe('OK');
        fixed = true;
        // In the replica's tab the loop stops, and after the diskless delay the full sync completes.
        expect(await untilTab(page, replicaTab, /MASTER <-> REPLICA sync: Finished with success/, 60_000), 'the sync after CONFIG SET').toBe(true);
        const msgs = messages(await tabText(page, replicaTab));
        const done = msgs.lastIndexOf('* MASTER <-> REPLICA sync: Finished with success');
        const full = msgs.findLastIndex((m) => /^\* Full resync from master: [0-9a-f]{40}:\d+$/.test(m));
        expect(full).toBeGreaterThan(0);
        expect(full).toBeLessThan(done);
        expect(msgs[full - 1]).toBe('* Partial resynchronization not possible (no cached master)');
        expect(msgs.slice(full).some((m) => m.includes('NOAUTH'))).toBe(false);
      } else if (/ROLE$/.test(cmd) && fixed) {
        expect(r.out, seen('ROLE connected')).toMatch(/^1\) "slave"\n2\) "127\.0\.0\.1"\n3\) \(integer\) 6379\n4\) "connected"\n5\) \(integer\) \d+$/);
      } else if (/^echo 'masterauth .*' >> 6380\/replica\.conf$/.test(cmd)) expect(r.out, seen('masterauth in the file')).toBe('');
    }
    expect(covered()).toEqual(['-a', 'CONFIG SET masterauth', 'NOAUTH', 'REDISCLI_AUTH', 'ROLE connected', 'ROLE handshake', 'WRONGPASS', 'cat replica.conf', 'interactive AUTH', 'masterauth in the file']);
    await expectAllGoalsDone(page);
    await page.screenshot({ path: join(resultsDir(), 'walk-lesson-5.png') });
    expect(problems).toEqual([]);
  }, 180_000);

  it('lesson 6: get-master-addr says 6379; Kill primary; +odown and +switch-master; the sentinels then name 6380, ROLE master; Restart on 6379 makes it a replica of 6380; every goal done', async () => {
    const { page, problems, all } = await openLesson('06-automatic-failover');
    const { seen, covered } = coverage();
    let killed = false;
    for (let i = 0; i < all.length; i++) {
      const { cmd } = all[i];
      if (!killed && i > 0 && /SENTINEL get-master-addr-by-name myprimary$/.test(cmd)) {
        // The lesson's "Press Kill primary" comes between its two questions to the sentinels.
        killed = true;
        const mark = (await events(page)).length;
        await page.getByRole('button', { name: /^Kill primary/ }).click();
        expect(await pollFor(async () => (await page.locator('cluster-map .node[data-node="6379"]').getAttribute('data-state')) === 'down', 10_000), '6379 down on the map').toBe(true);
        const switched = (ev: string[]) => ev.filter((e) => / # \+switch-master myprimary 127\.0\.0\.1 6379 127\.0\.0\.1 6380$/.test(e)).length === 3;
        expect(await untilEvents(page, (ev) => switched(ev.slice(mark)), 60_000), 'every sentinel switched').toBe(true);
        const ev = (await events(page)).slice(mark);
        expect(ev.filter((e) => / # \+sdown master myprimary 127\.0\.0\.1 6379$/.test(e))).toHaveLength(3);
        expect(ev.some((e) => / # \+odown master myprimary 127\.0\.0\.1 6379 #quorum [23]\/2$/.test(e))).toBe(true);
        expect(ev.filter((e) => / # \+elected-leader master myprimary 127\.0\.0\.1 6379$/.test(e))).toHaveLength(1);
        for (const m of ['# +selected-slave slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379', '* +failover-state-send-slaveof-noone slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379', '# +promoted-slave slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379']) {
          expect(ev.some((e) => e.endsWith(` ${m}`)), m).toBe(true);
        }
        expect(ev.some((e) => /-failover-abort|\+tilt/.test(e)), ev.join('\n')).toBe(false);
      }
      const r = await clickRun(page, all, i);
      if (/SENTINEL get-master-addr-by-name myprimary$/.test(cmd)) expect(r.out, seen(killed ? 'sentinels name 6380' : 'sentinels name 6379')).toBe(`1) "127.0.0.1"\n2) "${killed ? 6380 : 6379}"`);
      else if (/-p 6380 .*ROLE$/.test(cmd)) expect(r.out, seen('ROLE 6380 master')).toMatch(/^1\) "master"\n2\) \(integer\) \d+\n3\) \(empty array\)$/);
    }
    expect(covered()).toEqual(['ROLE 6380 master', 'sentinels name 6379', 'sentinels name 6380']);
    expect(await page.locator('cluster-map .node.is-primary').getAttribute('data-node')).toBe('6380');
    // "Press Restart on 6379 and watch the sentinels turn it into a replica of 6380 a little later."
    const mark = (await events(page)).length;
    const card = page.locator('cluster-map .node[data-node="6379"]');
    await card.focus();
    await card.getByRole('button', { name: 'Restart 6379' }).click();
    const converted = await untilEvents(page, (ev) => ev.slice(mark).some((e) => e.endsWith(' * +convert-to-slave slave 127.0.0.1:6379 127.0.0.1 6379 @ myprimary 127.0.0.1 6380')), 60_000);
    expect(converted, `+convert-to-slave; 6379 is ${await card.getAttribute('data-state')}; the event log since Restart:\n${(await events(page)).slice(mark).join('\n')}`).toBe(true);
    expect(await untilEvents(page, (ev) => ev.slice(mark).some((e) => e.startsWith('6379 ') && e.endsWith('* MASTER <-> REPLICA sync: Finished with success')), 60_000), '6379 synced from 6380').toBe(true);
    expect(await pollFor(async () => (await card.getAttribute('data-state')) !== 'down' && (await page.locator('cluster-map .node.is-primary').getAttribute('data-node')) === '6380', 10_000)).toBe(true);
    await expectAllGoalsDone(page);
    await page.screenshot({ path: join(resultsDir(), 'walk-lesson-6.png') });
    expect(problems).toEqual([]);
  }, 180_000);

  it('lesson 8: three sentinels started in three new tabs find the replica and each other, rewrite their configs and answer SENTINEL; every goal done', async () => {
    const { page, problems, all } = await openLesson('08-sentinel-setup');
    const { seen, covered } = coverage();
    expect(all.filter((s) => s.newTab)).toHaveLength(3);
    const sentinelTabs: string[] = [];
    const ids: string[] = [];
    let confReads = 0;
    for (let i = 0; i < all.length; i++) {
      const { cmd, newTab } = all[i];
      if (!newTab && sentinelTabs.length === 3 && ids.length === 0) {
        // Before the first step after the three starts: within about two seconds each sentinel
        // logs +sentinel for each of the others.
        expect(await pollFor(async () => {
          const texts = await Promise.all(sentinelTabs.map((t) => tabText(page, t)));
          return texts.every((t) => (t.match(/\* \+sentinel sentinel [0-9a-f]{40} 127\.0\.0\.1 500[0-2] @ myprimary 127\.0\.0\.1 6379$/gm) ?? []).length === 2);
        }, 30_000), 'every sentinel knows the two others').toBe(true);
        for (const t of sentinelTabs) ids.push(/# Sentinel ID is ([0-9a-f]{40})$/m.exec(await tabText(page, t))![1]);
        for (const [k, t] of sentinelTabs.entries()) {
          const text = await tabText(page, t);
          for (const [j, id] of ids.entries()) if (j !== k) expect(text, `${5000 + k} knows ${5000 + j}`).toContain(`* +sentinel sentinel ${id} 127.0.0.1 ${5000 + j} @ myprimary 127.0.0.1 6379`);
        }
      }
      const r = await clickRun(page, all, i);
      if (newTab) {
        const port = 5000 + sentinelTabs.length;
        sentinelTabs.push(r.tab);
        // The startup, the logo in sentinel mode, then saved, ID, +monitor, +slave.
        expect(await untilTab(page, r.tab, /\* \+slave slave 127\.0\.0\.1:6380 127\.0\.0\.1 6380 @ myprimary 127\.0\.0\.1 6379$/m, 30_000), `sentinel ${port} finds 6380`).toBe(true);
        const text = await tabText(page, r.tab);
        expect(text).toContain('Running in sentinel mode');
        expect(text).toContain(`Port: ${port}`);
        expect(inOrder(messages(text), ['# oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo', '* Sentinel new configuration saved on disk', /^# Sentinel ID is [0-9a-f]{40}$/, '# +monitor master myprimary 127.0.0.1 6379 quorum 2', '* +slave slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379']), text).toBe(true);
        continue;
      }
      if (/^cat 5000\/sentinel1\.conf$/.test(cmd)) {
        expect(r.out).toMatch(/^port 5000\nsentinel monitor myprimary 127\.0\.0\.1 6379 2\nsentinel down-after-milliseconds myprimary 5000\nsentinel failover-timeout myprimary 60000\nsentinel auth-pass myprimary a_strong_password/);
        if (confReads++ === 1) {
          // The rewritten file: the five lines, then what the sentinel learned.
          expect(sentinelTabs).not.toContain(r.tab);
          expect(r.out, seen('rewritten config')).toContain('\n# Generated by CONFIG REWRITE\n');
          for (const line of [`sentinel myid ${ids[0]}`, 'sentinel config-epoch myprimary 0', 'sentinel leader-epoch myprimary 0', 'sentinel current-epoch 0', 'sentinel known-replica myprimary 127.0.0.1 6380', `sentinel known-sentinel myprimary 127.0.0.1 5001 ${ids[1]}`, `sentinel known-sentinel myprimary 127.0.0.1 5002 ${ids[2]}`]) {
            expect(r.out.split('\n'), line).toContain(line);
          }
        }
      } else if (/SENTINEL get-master-addr-by-name myprimary$/.test(cmd)) expect(r.out, seen('get-master-addr-by-name')).toBe('1) "127.0.0.1"\n2) "6379"');
      else if (/SENTINEL master myprimary$/.test(cmd)) {
        seen('SENTINEL master');
        for (const [k, v] of [['num-slaves', '1'], ['num-other-sentinels', '2'], ['quorum', '2'], ['flags', 'master']]) expect(r.out, k).toMatch(new RegExp(`\\d+\\) "${k}"\\n\\s*\\d+\\) "${v}"`));
      } else if (/SENTINEL replicas myprimary$/.test(cmd)) {
        seen('SENTINEL replicas');
        for (const [k, v] of [['name', '127.0.0.1:6380'], ['master-link-status', 'ok'], ['master-port', '6379'], ['slave-priority', '100']]) expect(r.out, k).toMatch(new RegExp(`\\d+\\) "${k}"\\n\\s*\\d+\\) "${v}"`));
      } else if (/-p 5002 SENTINEL sentinels myprimary$/.test(cmd)) {
        seen('SENTINEL sentinels');
        expect(r.out).toMatch(/"port"\n\s*6\) "5000"/);
        expect(r.out).toMatch(/"port"\n\s*6\) "5001"/);
        expect(r.out).not.toMatch(/^3\) /m);
      }
    }
    expect(confReads).toBe(2);
    expect(covered()).toEqual(['SENTINEL master', 'SENTINEL replicas', 'SENTINEL sentinels', 'get-master-addr-by-name', 'rewritten config']);
    expect(ids).toHaveLength(3);
    // The map shows the three sentinels.
    for (const s of ['5000', '5001', '5002']) expect(await page.locator(`cluster-map .node[data-node="${s}"]`).count(), s).toBe(1);
    await expectAllGoalsDone(page);
    await page.screenshot({ path: join(resultsDir(), 'walk-lesson-8.png') });
    expect(problems).toEqual([]);
  }, 180_000);

  it('lesson 9: DEBUG refused, DEBUG SLEEP 30 in a new tab; the sentinels fail over to 6380 (event log and each sentinel.log); the woken 6379 becomes its replica; every goal done', async () => {
    const { page, problems, all } = await openLesson('09-watching-a-failover');
    const { seen, covered } = coverage();
    expect(all.filter((s) => s.newTab)).toHaveLength(1);
    let frozenTab = '';
    let woke = false;
    let mark = 0;
    const logs: string[][] = [];
    const sw = (ev: string[]) => ev.filter((e) => / # \+switch-master myprimary 127\.0\.0\.1 6379 127\.0\.0\.1 6380$/.test(e)).length;
    for (let i = 0; i < all.length; i++) {
      const { cmd, newTab } = all[i];
      if (logs.length === 0 && /^cat 500\d\/sentinel\.log$/.test(cmd)) {
        // "After about eight seconds the failover is over": every sentinel switched, and learned 6379 as a replica of 6380.
        expect(await untilEvents(page, (ev) => sw(ev) === 3 && ev.filter((e) => e.endsWith(' * +slave slave 127.0.0.1:6379 127.0.0.1 6379 @ myprimary 127.0.0.1 6380')).length === 3, 60_000), 'the failover in the event log').toBe(true);
        const ev = (await events(page)).slice(mark);
        expect(ev.filter((e) => / # \+sdown master myprimary 127\.0\.0\.1 6379$/.test(e))).toHaveLength(3);
        expect(ev.some((e) => / # \+odown master myprimary 127\.0\.0\.1 6379 #quorum [23]\/2$/.test(e))).toBe(true);
        expect(ev.filter((e) => / # \+elected-leader master myprimary 127\.0\.0\.1 6379$/.test(e))).toHaveLength(1);
        expect(ev.some((e) => /-failover-abort|\+tilt/.test(e)), ev.join('\n')).toBe(false);
        // Frozen, not killed: the primary logs nothing, the tab still waits.
        expect(ev.filter((e) => e.startsWith('6379 '))).toEqual([]);
        expect((await tabs(page)).find((t) => t.id === frozenTab)?.idle).toBe(false);
      }
      if (!woke && logs.length === 3 && /-p 6379 .*ROLE$/.test(cmd)) {
        // The frozen tab prints OK when the 30 seconds are over; the lab's Speed control at 2× meanwhile.
        await page.locator('lab-controls select[data-control="speed"]').selectOption('2');
        expect(await untilTab(page, frozenTab, /\nOK\n\$$/, 60_000), 'DEBUG SLEEP 30 returned').toBe(true);
        await page.locator('lab-controls select[data-control="speed"]').selectOption('1');
      }
      if (newTab) mark = (await events(page)).length;
      const r = await clickRun(page, all, i);
      if (newTab) {
        frozenTab = r.tab;
        expect(cmd).toMatch(/-p 6379 .*DEBUG SLEEP 30$/);
        continue;
      }
      if (/DEBUG SLEEP 0$/.test(cmd)) expect(r.out, seen('DEBUG refused')).toBe('(error) ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.');
      else if (/^grep enable-debug/.test(cmd)) expect(r.out, seen('grep enable-debug')).toBe('enable-debug-command local');
      else if (/^cat 500\d\/sentinel\.log$/.test(cmd)) {
        expect(r.tab).not.toBe(frozenTab);
        const m = messages(r.out);
        logs.push(m);
        expect(m[0]).toBe('# oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
        // (A sentinel may vote before its own +sdown: it votes for whoever asks first.)
        expect(m).toContain('# +sdown master myprimary 127.0.0.1 6379');
        expect(inOrder(m, ['# +monitor master myprimary 127.0.0.1 6379 quorum 2', '# +new-epoch 1', /^# \+vote-for-leader [0-9a-f]{40} 1$/, '# +switch-master myprimary 127.0.0.1 6379 127.0.0.1 6380', '* +slave slave 127.0.0.1:6379 127.0.0.1 6379 @ myprimary 127.0.0.1 6380']), m.join('\n')).toBe(true);
      } else if (/-p 6380 .*ROLE$/.test(cmd)) expect(r.out, seen('ROLE 6380 master')).toMatch(/^1\) "master"\n2\) \(integer\) \d+\n3\) \(empty array\)$/);
      else if (/-p 6379 .*ROLE$/.test(cmd) && !woke) {
        // Awake, and for a while a second primary.
        woke = true;
        expect(r.out, seen('ROLE 6379 master')).toMatch(/^1\) "master"\n2\) \(integer\) \d+\n3\) \(empty array\)$/);
        // The sentinels turn it into a replica of 6380; wait for its sync ("that line and five seconds more").
        expect(await untilEvents(page, (ev) => ev.some((e) => e.endsWith(' * +convert-to-slave slave 127.0.0.1:6379 127.0.0.1 6379 @ myprimary 127.0.0.1 6380')), 60_000), '+convert-to-slave').toBe(true);
        expect(await untilEvents(page, (ev) => ev.some((e) => e.startsWith('6379 ') && e.endsWith('* MASTER <-> REPLICA sync: Finished with success')), 60_000), '6379 synced from 6380').toBe(true);
        expect((await events(page)).filter((e) => e.endsWith(' # -sdown slave 127.0.0.1:6379 127.0.0.1 6379 @ myprimary 127.0.0.1 6380'))).toHaveLength(3);
      } else if (/-p 6379 .*ROLE$/.test(cmd)) expect(r.out, seen('ROLE 6379 slave')).toMatch(/^1\) "slave"\n2\) "127\.0\.0\.1"\n3\) \(integer\) 6380\n4\) "connected"\n5\) \(integer\) \d+$/);
    }
    expect(logs).toHaveLength(3);
    expect(covered()).toEqual(['DEBUG refused', 'ROLE 6379 master', 'ROLE 6379 slave', 'ROLE 6380 master', 'grep enable-debug']);
    // The leader's own log: the failover states in order.
    const leader = logs.filter((m) => m.includes('# +elected-leader master myprimary 127.0.0.1 6379'));
    expect(leader).toHaveLength(1);
    expect(inOrder(leader[0], [
      '# +sdown master myprimary 127.0.0.1 6379',
      /^# \+odown master myprimary 127\.0\.0\.1 6379 #quorum [23]\/2$/,
      '# +new-epoch 1',
      '# +try-failover master myprimary 127.0.0.1 6379',
      '# +elected-leader master myprimary 127.0.0.1 6379',
      '# +failover-state-select-slave master myprimary 127.0.0.1 6379',
      '# +selected-slave slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379',
      '* +failover-state-send-slaveof-noone slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379',
      '* +failover-state-wait-promotion slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379',
      '# +promoted-slave slave 127.0.0.1:6380 127.0.0.1 6380 @ myprimary 127.0.0.1 6379',
      '# +failover-state-reconf-slaves master myprimary 127.0.0.1 6379',
      '# +failover-end master myprimary 127.0.0.1 6379',
      '# +switch-master myprimary 127.0.0.1 6379 127.0.0.1 6380',
    ]), leader[0].join('\n')).toBe(true);
    expect(await page.locator('cluster-map .node.is-primary').getAttribute('data-node')).toBe('6380');
    await expectAllGoalsDone(page);
    await page.screenshot({ path: join(resultsDir(), 'walk-lesson-9.png') });
    expect(problems).toEqual([]);
  }, 240_000);
});
