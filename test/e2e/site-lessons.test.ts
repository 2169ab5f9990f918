// Goal: the tutorial site works as a learner uses it, in headless Chromium on the built site —
// Run buttons type into the lab's xterm terminal (lesson 2's replies: READONLY, INFO replication
// on both sides, WAIT 1 0; lesson 6's failover: get-master-addr says 6379, Kill primary,
// +switch-master in the event log, then 6380; Reset brings the lesson's cluster back), every lab
// control reachable by keyboard with a visible focus and the terminal no keyboard trap, every
// page free of axe violations, console errors, CSP violations and third-party requests, user
// text never rendered as HTML — and a screenshot of every lesson.
// Method: a static server on the built site, playwright-core on Debian's chromium; the terminal
// read through xterm's buffer (`window.__terminal`, behind `?test`); waits poll the page (no
// timed assertions). Skips loudly without chromium, fails under CI=true.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumAvailable, openPage, resultsDir, SITE_DIST, startSite, terminalText, type Site } from './support-site.ts';
import type { Page } from 'playwright-core';
import type {} from '../../src/terminal/xterm-app.ts';

const LESSONS_DIR = fileURLToPath(new URL('../../content/lessons/', import.meta.url));
const run = chromiumAvailable();
let site: Site;

beforeAll(async () => {
  if (run) site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

/** Every written lesson (content/lessons/*.mdx minus `coming: true` pages), in file order: new lessons get screenshots and axe sweeps without editing this list. */
const LESSONS = readdirSync(LESSONS_DIR)
  .filter((f) => f.endsWith('.mdx') && !/^coming:\s*true\s*$/m.test(readFileSync(join(LESSONS_DIR, f), 'utf8').split(/^---\s*$/m)[1] ?? ''))
  .map((f) => f.replace(/\.mdx$/, ''))
  .sort();

async function labReady(page: Page): Promise<void> {
  await page.locator('redis-lab').first().scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('redis-lab')?.getAttribute('data-state') === 'ready', null, { timeout: 90_000 });
  // Lesson pages show the map; /lab is the terminal alone.
  await page.waitForFunction(() => document.querySelectorAll('cluster-map .node').length > 0 || (!document.querySelector('cluster-map') && document.querySelector('lab-terminal[data-ready]') !== null), null, { timeout: 30_000 });
}

const eventLog = (page: Page) => page.locator('[data-testid="event-log"]').innerText();

/** Waits until the lab's xterm terminal shows its shell prompt with nothing pending. */
async function terminalReady(page: Page): Promise<void> {
  await page.locator('lab-terminal').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.__terminal?.idle() ?? false, null, { timeout: 60_000, polling: 100 });
}

/** The active tab's screen, soft-wrapped rows joined, lines right-trimmed. */
const screen = (page: Page) => page.evaluate(() => window.__terminal!.logicalLines().map((l) => l.trimEnd()).join('\n'));

/** What the active tab printed after the last prompt line showing `cmd` (the command's output). */
async function outputOf(page: Page, cmd: string): Promise<string> {
  const text = await screen(page);
  const i = text.lastIndexOf(`$ ${cmd}`);
  // A command line that exactly fills the terminal's width leaves an empty row after it (readline forces the wrap).
  return i < 0 ? '' : text.slice(i + cmd.length + 2).replace(/^\n+/, '\n');
}

/** Clicks the Run button of `cmd` (the `nth` one on the page) and waits for the command's next prompt. */
async function runStep(page: Page, cmd: string, nth = 0): Promise<string> {
  const activeTab = () => page.evaluate(() => window.__terminal!.app.activeTab?.id);
  const tab = await activeTab();
  const before = (await screen(page)).split(`$ ${cmd}`).length;
  await page.getByRole('button', { name: `Run: ${cmd}`, exact: true }).nth(nth).click();
  // Typed as the learner would: the command appears on a prompt line (of this tab, or of the tab
  // the Run went to), then its output and a new prompt.
  const typed = async () => {
    const count = (await screen(page)).split(`$ ${cmd}`).length;
    return (await activeTab()) === tab ? count > before : count > 1;
  };
  expect(await pollFor(typed, 20_000), `"$ ${cmd}" on the screen`).toBe(true);
  await page.waitForFunction(() => window.__terminal!.idle(), null, { timeout: 20_000, polling: 50 });
  return outputOf(page, cmd);
}

async function pollFor(fn: () => Promise<boolean>, limitMs: number, everyMs = 200): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (await fn()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return fn();
}

function builtPages(): string[] {
  const dist = SITE_DIST;
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== '_astro' && name !== 'pagefind') walk(p);
      } else if (name === 'index.html') out.push('/' + relative(dist, d).replace(/\\/g, '/') + (d === dist ? '' : '/'));
    }
  };
  walk(dist);
  return out.map((p) => p.replace(/^\/\/$/, '/').replace(/^\/\//, '/')).sort();
}

describe.runIf(run)('tutorial site', () => {
  it.each(['runtime', 'sim'] as const)('lesson 6 in the xterm terminal (%s host): get-master-addr says 6379; Kill primary; +sdown, +odown, +switch-master in the event log; then 6380; Reset brings 6379 back', async (host) => {
    const { page, problems } = await openPage(site);
    await page.goto(`${site.url}/lessons/06-automatic-failover/?test${host === 'sim' ? '&host=sim' : ''}`);
    await labReady(page);
    await terminalReady(page);
    expect(await page.evaluate(() => window.__lab?.kind)).toBe(host);
    const ask = 'redis-cli -p 5000 SENTINEL get-master-addr-by-name myprimary';
    expect(await runStep(page, ask)).toBe('\n1) "127.0.0.1"\n2) "6379"\n$');
    await page.getByRole('button', { name: /^Kill primary/ }).click();
    expect(await pollFor(async () => (await page.locator('cluster-map .node[data-node="6379"]').getAttribute('data-state')) === 'down', 10_000)).toBe(true);
    // Real Sentinel: +sdown ~5.0 s, +odown ~5.1 s after the kill (fidelity 06-failover/one-replica).
    expect(await pollFor(async () => /\+sdown master myprimary 127\.0\.0\.1 6379/.test(await eventLog(page)), 30_000)).toBe(true);
    expect(await pollFor(async () => /\+odown master myprimary 127\.0\.0\.1 6379 #quorum \d\/2/.test(await eventLog(page)), 30_000)).toBe(true);
    // +switch-master ~6.1 s after the kill; allow the machine's slowness, not Sentinel's.
    expect(await pollFor(async () => /\+switch-master myprimary 127\.0\.0\.1 6379 127\.0\.0\.1 6380/.test(await eventLog(page)), 30_000)).toBe(true);
    const log = await eventLog(page);
    expect(log).toMatch(/\+try-failover master myprimary/);
    expect(log).toMatch(/\+elected-leader master myprimary/);
    expect(log).not.toMatch(/\+tilt|-failover-abort/);
    expect(await runStep(page, ask, 1)).toBe('\n1) "127.0.0.1"\n2) "6380"\n$');
    expect(await page.locator('cluster-map .node.is-primary').getAttribute('data-node')).toBe('6380');
    await page.screenshot({ path: join(resultsDir(), `site-lesson-6-after-failover${host === 'sim' ? '-sim' : ''}.png`) });
    // Reset: the lesson's cluster again (6379 primary), a fresh terminal tab on it.
    await page.getByRole('button', { name: 'Reset lab' }).click();
    expect(await pollFor(async () => (await page.locator('cluster-map .node.is-primary').getAttribute('data-node')) === '6379' && (await screen(page)) === '$', 60_000)).toBe(true);
    await terminalReady(page);
    expect(await runStep(page, ask)).toBe('\n1) "127.0.0.1"\n2) "6379"\n$');
    expect(problems).toEqual([]);
  });

  it('lesson 2 in the xterm terminal: SET on the primary, GET on the replica, READONLY, INFO replication on both sides, WAIT 1 0; a Run while redis-cli runs interactively uses another tab', async () => {
    const { page, problems } = await openPage(site);
    await page.goto(`${site.url}/lessons/02-replication/?test`);
    await labReady(page);
    await terminalReady(page);
    const cli = (port: number, rest: string) => `redis-cli -p ${port} -a a_strong_password --no-auth-warning ${rest}`;
    expect(await runStep(page, cli(6379, 'SET course replication'))).toBe('\nOK\n$');
    expect(await pollFor(async () => (await runStep(page, cli(6380, 'GET course'))) === '\n"replication"\n$', 10_000)).toBe(true);
    expect(await runStep(page, cli(6380, 'SET course mine'))).toBe("\n(error) READONLY You can't write against a read only replica.\n$");
    const primary = await runStep(page, cli(6379, 'INFO replication'));
    expect(primary).toMatch(/^\n# Replication\nrole:master\nconnected_slaves:1\nslave0:ip=127\.0\.0\.1,port=6380,state=online,offset=\d+,lag=\d+\nmaster_failover_state:no-failover\nmaster_replid:[0-9a-f]{40}\n/);
    const replica = await runStep(page, cli(6380, 'INFO replication'));
    expect(replica).toMatch(/^\n# Replication\nrole:slave\nmaster_host:127\.0\.0\.1\nmaster_port:6379\nmaster_link_status:up\n/);
    expect(replica.match(/master_replid:([0-9a-f]{40})/)?.[1]).toBe(primary.match(/master_replid:([0-9a-f]{40})/)?.[1]);
    expect(await runStep(page, cli(6379, 'WAIT 1 0'))).toBe('\n(integer) 1\n$');
    // An interactive redis-cli in the active tab: a Run does not type into it, it uses a new tab at a shell prompt.
    await page.locator('lab-terminal .xterm').first().click();
    await page.keyboard.type('redis-cli -p 6379 -a a_strong_password --no-auth-warning');
    await page.keyboard.press('Enter');
    expect(await pollFor(async () => (await screen(page)).endsWith('127.0.0.1:6379>'), 10_000)).toBe(true);
    expect(await runStep(page, cli(6380, 'GET course'))).toBe('\n"replication"\n$');
    expect(await page.getByRole('tab').count()).toBe(2);
    // Ctrl+C in the first tab ends the interactive redis-cli.
    await page.getByRole('tab').first().click();
    await page.locator('.lab-terminal-panel:not([hidden]) .xterm').click();
    await page.keyboard.press('Control+C');
    expect(await pollFor(async () => (await screen(page)).endsWith('$'), 10_000)).toBe(true);
    await page.screenshot({ path: join(resultsDir(), 'site-lesson-2-terminal.png') });
    expect(problems).toEqual([]);
  });

  it('keyboard only: every lab control is reached by Tab, has an accessible name and a visible focus; the terminal is no trap (Esc, Tab); Space/Enter act', async () => {
    const { page, problems } = await openPage(site);
    await page.goto(`${site.url}/lessons/06-automatic-failover/?test`);
    await labReady(page);
    await terminalReady(page);
    await page.locator('#lab').focus();
    const reached: Array<{ name: string; outline: string; shadow: string; terminal: boolean }> = [];
    let terminalTabs = 0;
    for (let i = 0; i < 60; i++) {
      const inTerminal = await page.evaluate(() => Boolean(document.activeElement?.closest('.xterm')));
      if (inTerminal) {
        // Tab alone stays in the terminal (it completes, as in bash); Esc then Tab moves on.
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.xterm')))).toBe(true);
        terminalTabs++;
        await page.keyboard.press('Escape');
      }
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || !el.closest('redis-lab')) return null;
        // xterm's input is a hidden textarea: the visible focus is the terminal's (lab-terminal:focus-within).
        const terminal = el.closest('.xterm') !== null;
        const cs = getComputedStyle(terminal ? el.closest('lab-terminal')! : el);
        const labelledBy = el.getAttribute('aria-labelledby');
        const name =
          el.getAttribute('aria-label') ??
          (labelledBy ? labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : null) ??
          (el.tagName === 'SELECT' || el.tagName === 'INPUT' ? (el.closest('label')?.textContent ?? '') : el.textContent ?? '');
        return { name: name.trim().replace(/\s+/g, ' '), outline: `${cs.outlineStyle} ${cs.outlineWidth}`, shadow: cs.boxShadow, terminal };
      });
      if (info) reached.push(info);
    }
    const names = reached.map((r) => r.name);
    for (const want of [/^Kill primary \(6379\)$/, /^Speed/, /^Pause clock$/, /^Reset lab$/, /^Cut 6380 ↔ 6379$/, /^Kill 6380$/, /^Pause 5000$/, /^Redis 6379, current primary, up$/, /^New terminal tab$/, /^Event log$/]) {
      expect(names.some((n) => want.test(n)), `${want} in ${JSON.stringify(names)}`).toBe(true);
    }
    // The terminal was entered, and left again (the event log comes after it).
    expect(reached.some((r) => r.terminal)).toBe(true);
    expect(terminalTabs).toBeGreaterThan(0);
    for (const r of reached) {
      expect(r.name.length, JSON.stringify(r)).toBeGreaterThan(0);
      expect(r.outline.startsWith('none') && r.shadow === 'none', `no visible focus on ${r.name}`).toBe(false);
    }
    // Activate by keyboard: pause the clock, pause a node.
    await page.getByRole('button', { name: 'Pause clock' }).focus();
    await page.keyboard.press('Enter');
    expect(await pollFor(async () => (await page.getByRole('button', { name: 'Resume clock' }).getAttribute('aria-pressed')) === 'true', 5_000)).toBe(true);
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Pause 6380' }).focus();
    await page.keyboard.press('Space');
    expect(await pollFor(async () => (await page.locator('cluster-map .node[data-node="6380"]').getAttribute('data-state')) === 'paused', 10_000)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('a key named <img src=x onerror=alert(1)> shows as text in the map', async () => {
    const { page, problems } = await openPage(site);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    // The simulator host shows key names in the details (the worker runtime's summary has none).
    await page.goto(`${site.url}/lessons/02-replication/?host=sim&test`);
    await labReady(page);
    await terminalReady(page);
    await page.locator('lab-terminal .xterm').first().click();
    await page.keyboard.type(`redis-cli -p 6379 -a a_strong_password --no-auth-warning SET '<img src=x onerror=alert(1)>' v`);
    await page.keyboard.press('Enter');
    expect(await pollFor(async () => /\nOK\n/.test(await terminalText(page)), 20_000)).toBe(true);
    await page.locator('cluster-map .node[data-node="6379"]').focus();
    expect(await pollFor(async () => (await page.locator('cluster-map .map-details').innerText()).includes('<img src=x onerror=alert(1)>'), 10_000)).toBe(true);
    expect(await page.locator('cluster-map img, event-log img, lab-terminal img').count()).toBe(0);
    expect(dialogs).toBe(0);
    expect(problems).toEqual([]);
  });

  it('every page: zero axe violations, no console error, no CSP violation, no third-party request', async () => {
    const { AxeBuilder } = await import('@axe-core/playwright');
    const pages = builtPages();
    expect(pages).toEqual(expect.arrayContaining(['/', ...LESSONS.map((l) => `/lessons/${l}/`), '/reference/differences/']));
    const report: string[] = [];
    for (const path of pages) {
      const { page, problems } = await openPage(site);
      await page.goto(site.url + path);
      if (await page.locator('redis-lab').count()) {
        try {
          await labReady(page);
        } catch (e) {
          report.push(`${path}: the lab did not become ready (${(e as Error).message.split('\n')[0]})`);
        }
      }
      if (await page.locator('lab-terminal').count()) await page.locator('lab-terminal').scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of result.violations) report.push(`${path}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
      for (const p of problems) report.push(`${path}: ${p}`);
      await page.context().close();
    }
    expect(report).toEqual([]);
  }, 600_000);

  it('a screenshot per lesson (laptop) and lesson 6 on a phone-sized viewport', async () => {
    const dir = resultsDir();
    for (const l of LESSONS) {
      const { page, problems } = await openPage(site);
      await page.goto(`${site.url}/lessons/${l}/?test`);
      await labReady(page);
      await terminalReady(page);
      // The lesson's first step run in the active tab (if it has one), so the terminal shows a command and its reply.
      const first = page.locator('button[data-run]:not([data-run-new-tab])').first();
      if (await first.count()) {
        const cmd = (await first.getAttribute('data-run'))!;
        expect((await runStep(page, cmd)).length).toBeGreaterThan(2);
      }
      await page.locator('h1').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(dir, `site-lesson-${Number.parseInt(l, 10)}.png`) });
      expect(problems).toEqual([]);
      await page.context().close();
    }
    const { page, problems } = await openPage(site, { viewport: { width: 390, height: 844 } });
    await page.goto(`${site.url}/lessons/06-automatic-failover/?test`);
    // On a phone the lab is stacked below the text: a Run used before the lab was ever in view
    // starts it, and the command is typed once the terminal is up.
    const ask = 'redis-cli -p 5000 SENTINEL get-master-addr-by-name myprimary';
    await page.getByRole('button', { name: `Run: ${ask}`, exact: true }).first().click();
    expect(await page.evaluate(() => window.__terminal === undefined)).toBe(true);
    expect(await pollFor(async () => (await page.evaluate(() => window.__terminal?.logicalLines().join('\n') ?? '')).includes(`$ ${ask}\n1) "127.0.0.1"\n2) "6379"`), 60_000)).toBe(true);
    await labReady(page);
    await page.getByRole('button', { name: /^Kill primary/ }).click();
    expect(await pollFor(async () => (await page.locator('cluster-map .node[data-node="6379"]').getAttribute('data-state')) === 'down', 10_000)).toBe(true);
    await page.locator('cluster-map').screenshot({ path: join(dir, 'site-lesson-6-phone-map.png') });
    await page.screenshot({ path: join(dir, 'site-lesson-6-phone.png'), fullPage: false });
    const { page: home } = await openPage(site);
    await home.goto(site.url + '/');
    await home.locator('cluster-map').scrollIntoViewIfNeeded();
    await home.waitForFunction(() => document.querySelectorAll('cluster-map .node').length >= 5, null, { timeout: 60_000 });
    await home.screenshot({ path: join(dir, 'site-landing.png') });
    expect(problems).toEqual([]);
  }, 300_000);
});
