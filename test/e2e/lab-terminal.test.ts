// Goal: the /lab page of the built site works in a real browser as a learner would use it —
// the default cluster is up with the replica synced when the prompt appears, a write on the
// primary is read back from the replica, interactive redis-cli shows its prompts and hints,
// a killed primary gives `Error: Server closed the connection` and `not connected> ` at the
// next command, tabs open and switch, and the page has no console errors, no CSP violations
// and no axe violations.
// Method: `astro build` + `astro preview` on a free port, headless Debian Chromium through
// playwright-core (test/e2e/support-site.ts); keys typed with the keyboard into xterm; the
// screen read through xterm's buffer, exposed only behind `?test`; `expect.poll` for
// everything that arrives asynchronously; one screenshot saved under test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type {} from '../../src/terminal/xterm-app.ts';
import { chromiumAvailable, openPage, resultsDir, startSite, type Site, type WatchedPage } from './lab-support.ts';

const enabled = chromiumAvailable();
const POLL = { timeout: 20_000, interval: 100 };

async function screen(page: Page): Promise<string> {
  // Right-trimmed: a prompt's trailing space is a written cell, not an empty one.
  return page.evaluate(() => window.__terminal!.lines().map((l) => l.trimEnd()).join('\n'));
}

async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__terminal?.idle() ?? false, undefined, { timeout: POLL.timeout, polling: POLL.interval });
}

/** Types a line and Enter into the active tab, then waits for its next prompt. */
async function run(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await idle(page);
}

/** The lines after the last occurrence of `marker` (the output of the latest command). */
function after(text: string, marker: string): string {
  const i = text.lastIndexOf(marker);
  return i < 0 ? '' : text.slice(i + marker.length);
}

// Both hosts: the Web Worker runtime (the default) and the simulator fallback (`?host=sim`).
describe.skipIf(!enabled).each(['runtime', 'sim'] as const)('/lab in headless Chromium on the %s host', (host) => {
  let site: Site;
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    site = await startSite();
    watched = await openPage(site, { viewport: { width: 1280, height: 800 } });
    page = watched.page;
    await page.goto(`${site.url}/lab/?test${host === 'sim' ? '&host=sim' : ''}`);
    await idle(page);
    await page.locator('.xterm').first().click();
  });

  afterAll(async () => {
    await site?.close();
  });

  it('shows a prompt on a synced cluster whose files are in the home directory', async () => {
    expect(await page.evaluate(() => window.__lab?.host.kind)).toBe(host);
    await run(page, 'ls');
    const out = await screen(page);
    for (const f of ['primary.conf', 'replica.conf', 'sentinel1.conf', 'sentinel2.conf', 'sentinel3.conf']) expect(out).toContain(f);
    await run(page, 'cat sentinel1.conf');
    expect(await screen(page)).toContain('sentinel monitor myprimary 127.0.0.1 6379 2');
  });

  it('writes on the primary and reads the value back from the replica', async () => {
    await run(page, 'redis-cli -p 6379 -a a_strong_password SET foo bar');
    await run(page, 'redis-cli -p 6380 -a a_strong_password GET foo');
    const out = after(await screen(page), 'GET foo');
    expect(out).toContain("Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.");
    expect(out).toContain('"bar"');
  });

  it('runs an interactive redis-cli session with prompts, hints and replies', async () => {
    await run(page, 'redis-cli -p 6379 -a a_strong_password --no-auth-warning');
    await expect.poll(async () => (await screen(page)).endsWith('127.0.0.1:6379>'), POLL).toBe(true);
    await run(page, 'SELECT 1');
    await expect.poll(async () => (await screen(page)).endsWith('127.0.0.1:6379[1]>'), POLL).toBe(true);
    await run(page, 'MULTI');
    await expect.poll(async () => (await screen(page)).endsWith('127.0.0.1:6379[1](TX)>'), POLL).toBe(true);
    await run(page, 'DISCARD');
    await run(page, 'SELECT 0');
    // The hint is drawn after the cursor (in grey), not typed: it disappears with Ctrl+U.
    await page.keyboard.type('WAIT ');
    await expect.poll(async () => (await screen(page)).split('\n').pop(), POLL).toBe('127.0.0.1:6379> WAIT numreplicas timeout');
    await page.keyboard.press('Control+U');
    await run(page, 'GET foo');
    expect(after(await screen(page), '127.0.0.1:6379> GET foo')).toContain('"bar"');
  });

  it('shows `not connected>` at the next command after the primary is killed from another tab', async () => {
    await run(page, 'PING');
    await page.getByRole('button', { name: 'New terminal tab' }).click();
    await idle(page);
    await run(page, 'ps -ef');
    const ps = await screen(page);
    const m = /^learner\s+(\d+)\s.*redis-server 127\.0\.0\.1:6379$/m.exec(ps);
    expect(m, ps).not.toBeNull();
    await run(page, `kill -9 ${m![1]}`);
    const tabs = page.getByRole('tab');
    await expect.poll(() => tabs.count(), POLL).toBe(2);
    await tabs.first().click();
    await page.locator('.lab-terminal-panel:not([hidden]) .xterm').click();
    await run(page, 'PING');
    await expect.poll(async () => after(await screen(page), '127.0.0.1:6379> PING'), POLL).toContain('Error: Server closed the connection');
    await expect.poll(async () => (await screen(page)).endsWith('not connected>'), POLL).toBe(true);
    await run(page, 'PING');
    expect(after(await screen(page), 'not connected> PING')).toContain('Could not connect to Redis at 127.0.0.1:6379: Connection refused');
    await page.screenshot({ path: join(resultsDir(), `lab-terminal-${host}.png`) });
  });

  it('edits a file in the editor panel and saves it to the virtual disk', async () => {
    await run(page, 'exit');
    await page.keyboard.type('edit notes.txt');
    await page.keyboard.press('Enter');
    const area = page.getByRole('textbox', { name: 'Editing /home/learner/notes.txt' });
    await expect.poll(() => area.isVisible(), POLL).toBe(true);
    await area.fill('written in the <b>editor</b>\n');
    await page.getByRole('button', { name: 'Save' }).click();
    await idle(page);
    await run(page, 'cat notes.txt');
    expect(after(await screen(page), '$ cat notes.txt')).toContain('written in the <b>editor</b>');
    expect(await page.locator('b').count()).toBe(0);
  });

  it('moves between tabs with the arrow keys and closes one with Delete', async () => {
    const tabs = page.getByRole('tab');
    const count = await tabs.count();
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-selected')), POLL).toBe('true');
    expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await tabs.first().getAttribute('tabindex')).toBe('-1');
    await page.keyboard.press('Delete');
    await expect.poll(() => tabs.count(), POLL).toBe(count - 1);
    await expect.poll(() => tabs.first().textContent(), POLL).toContain('bash');
  });

  it('has no console errors, no CSP violations and no third-party requests', () => {
    expect(watched.problems).toEqual([]);
  });

  it('passes an axe sweep', async () => {
    const { AxeBuilder } = await import('@axe-core/playwright');
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
