// Goal: a lesson's goals tick themselves in the browser as the learner works, and progress is
// kept and guarded: on lesson 2 the Run buttons tick every goal (shown as "Done", announced in
// the polite live region), a reload keeps them, "Clear progress" forgets them, corrupt stored
// progress shows a notice (the page still works, no error), a Run with `newTab` opens a new tab
// that runs the command, and axe finds no violation with goals done and with the notice shown.
// Method: the built site in headless Chromium (playwright-core), the terminal read through
// `window.__terminal` (behind `?test`), waits that poll the page (no timed assertions). Skips
// loudly without chromium, fails under CI=true.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, openPage, startSite, type Site } from './support-site.ts';
import type {} from '../../src/terminal/xterm-app.ts';

const run = chromiumAvailable();
let site: Site;

beforeAll(async () => {
  if (run) site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

const KEY = 'redis-ha-lab:progress:lessons/02-replication';

async function pollFor(fn: () => Promise<boolean>, limitMs: number, everyMs = 200): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (await fn()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return fn();
}

const screen = (page: Page) => page.evaluate(() => window.__terminal!.logicalLines().map((l) => l.trimEnd()).join('\n'));
const doneCount = (page: Page) => page.locator('lesson-goals').getAttribute('data-done');
const goalStates = (page: Page) => page.locator('lesson-goals li[data-goal]').evaluateAll((lis) => lis.map((li) => `${li.getAttribute('data-done')}:${li.querySelector('[data-goal-state]')?.textContent}`));

async function labReady(page: Page): Promise<void> {
  await page.locator('redis-lab').first().scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('redis-lab')?.getAttribute('data-state') === 'ready', null, { timeout: 90_000 });
  await page.locator('lab-terminal').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.__terminal?.idle() ?? false, null, { timeout: 60_000, polling: 100 });
}

/** Clicks the Run button of `cmd` and waits until the command ran and the tab is back at its prompt. */
async function runStep(page: Page, cmd: string): Promise<void> {
  const before = (await screen(page)).split(`$ ${cmd}`).length;
  await page.getByRole('button', { name: `Run: ${cmd}`, exact: true }).first().click();
  expect(await pollFor(async () => (await screen(page)).split(`$ ${cmd}`).length > before, 20_000), `"$ ${cmd}" typed`).toBe(true);
  await page.waitForFunction(() => window.__terminal!.idle(), null, { timeout: 20_000, polling: 50 });
}

async function axe(page: Page): Promise<string[]> {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

describe.runIf(run)('lesson goals in the browser', () => {
  it('lesson 2: Run buttons tick the goals, a reload keeps them, Clear progress forgets them', async () => {
    const { page, problems } = await openPage(site);
    await page.goto(`${site.url}/lessons/02-replication/?test`);
    await page.waitForFunction(() => customElements.get('lesson-goals') !== undefined, null, { timeout: 20_000 });
    expect(await doneCount(page)).toBe('0');
    expect(await goalStates(page)).toEqual(['false:Not yet', 'false:Not yet', 'false:Not yet', 'false:Not yet']);
    await expect.poll(() => page.locator('lesson-goals [data-goals-count]').textContent()).toBe('0 of 4 done');
    await labReady(page);
    // Nothing ticks from the lab's boot.
    expect(await doneCount(page)).toBe('0');

    const cli = (port: number, rest: string) => `redis-cli -p ${port} -a a_strong_password --no-auth-warning ${rest}`;
    await runStep(page, cli(6379, 'SET course replication'));
    // The replica may answer before the write reached it: ask again until the goal ticks.
    expect(
      await pollFor(async () => {
        await runStep(page, cli(6380, 'GET course'));
        return (await goalStates(page))[0] === 'true:Done';
      }, 15_000, 300),
    ).toBe(true);
    await expect.poll(() => page.locator('[data-goals-live]').textContent(), { timeout: 5_000 }).toContain('Goal met: A key written on the primary read back from the replica.');
    await runStep(page, cli(6380, 'SET course mine'));
    await runStep(page, cli(6379, 'INFO replication'));
    await runStep(page, cli(6380, 'INFO replication'));
    await runStep(page, cli(6379, 'WAIT 1 0'));
    await expect.poll(() => doneCount(page), { timeout: 10_000 }).toBe('4');
    expect(await goalStates(page)).toEqual(['true:Done', 'true:Done', 'true:Done', 'true:Done']);
    expect(await page.locator('lesson-goals [data-goals-count]').textContent()).toBe('4 of 4 done');
    expect(JSON.parse((await page.evaluate((k) => localStorage.getItem(k), KEY))!).done).toHaveLength(4);
    expect(await axe(page)).toEqual([]);

    // A reload keeps the progress (before the lab even starts).
    await page.reload();
    await expect.poll(() => doneCount(page), { timeout: 20_000 }).toBe('4');
    expect(await goalStates(page)).toEqual(['true:Done', 'true:Done', 'true:Done', 'true:Done']);
    // The lab's Reset does not clear it.
    await labReady(page);
    await page.getByRole('button', { name: /reset/i }).first().click();
    await page.waitForFunction(() => window.__terminal?.idle() ?? false, null, { timeout: 60_000, polling: 100 });
    expect(await doneCount(page)).toBe('4');

    // The lesson list on the landing page shows it.
    await page.goto(`${site.url}/?test`);
    const listed = page.locator('[data-progress-lesson="lessons/02-replication"]');
    await expect.poll(() => listed.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await listed.textContent()).toBe('✓ all 4 goals met');
    expect(await page.locator('[data-progress-lesson="lessons/01-high-availability"]').isVisible()).toBe(false);
    await page.goto(`${site.url}/lessons/02-replication/?test`);
    await page.waitForFunction(() => customElements.get('lesson-goals') !== undefined, null, { timeout: 20_000 });

    // Clear progress forgets it, here and after a reload.
    await page.getByRole('button', { name: 'Clear progress' }).click();
    expect(await doneCount(page)).toBe('0');
    await expect.poll(() => page.locator('[data-goals-live]').textContent(), { timeout: 5_000 }).toBe('Progress cleared.');
    expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBeNull();
    await page.reload();
    await page.waitForFunction(() => customElements.get('lesson-goals') !== undefined, null, { timeout: 20_000 });
    expect(await doneCount(page)).toBe('0');
    expect(problems).toEqual([]);
  });

  it('corrupt stored progress: discarded with a visible notice, the lesson still readable, axe clean', async () => {
    const { page, problems } = await openPage(site);
    await page.goto(`${site.url}/lessons/02-replication/?test`);
    // Once this page's goals have read the storage (they load just after the page).
    await page.waitForFunction(() => customElements.get('lesson-goals') !== undefined, null, { timeout: 20_000 });
    await page.evaluate((k) => localStorage.setItem(k, '{"v":1,"done":[42'), KEY);
    await page.reload();
    const notice = page.locator('lesson-goals [data-goals-notice]');
    await expect.poll(() => notice.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await notice.textContent()).toMatch(/saved progress for this lesson could not be read, so it was discarded/);
    expect(await doneCount(page)).toBe('0');
    expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBeNull();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Replication in action');
    await labReady(page);
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('a goal without a check is a real checkbox: ticked by hand (Space), kept across a reload, unticked again forgotten', async () => {
    const { page, problems } = await openPage(site);
    await page.goto(`${site.url}/lessons/02-replication/?test`);
    await page.waitForFunction(() => customElements.get('lesson-goals') !== undefined, null, { timeout: 20_000 });
    // Lessons 1 and 2 check every goal: a second checklist with the markup Goals.astro gives a plain goal.
    const add = () =>
      page.evaluate(() => {
        const el = document.createElement('lesson-goals');
        el.id = 'hand-goals';
        el.dataset.lesson = 'e2e/hand';
        el.dataset.goals = JSON.stringify([{ text: 'Read the prose' }]);
        const li = document.createElement('li');
        li.dataset.goal = '0';
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.id = 'hand-goal-0';
        box.dataset.goalBox = '0';
        const label = document.createElement('label');
        label.htmlFor = box.id;
        label.textContent = 'Read the prose';
        const state = document.createElement('span');
        state.dataset.goalState = '';
        li.append(box, label, state);
        const ul = document.createElement('ul');
        ul.append(li);
        const count = document.createElement('span');
        count.dataset.goalsCount = '';
        el.append(ul, count);
        document.querySelector('main')!.prepend(el);
      });
    await add();
    const box = page.getByRole('checkbox', { name: 'Read the prose' });
    expect(await box.isChecked()).toBe(false);
    await box.focus();
    await page.keyboard.press('Space');
    expect(await box.isChecked()).toBe(true);
    expect(await page.locator('#hand-goals').getAttribute('data-done')).toBe('1');
    expect(await page.locator('#hand-goals [data-goal-state]').textContent()).toBe('Done');
    await page.reload();
    await page.waitForFunction(() => customElements.get('lesson-goals') !== undefined, null, { timeout: 20_000 });
    await add();
    expect(await page.getByRole('checkbox', { name: 'Read the prose' }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: 'Read the prose' }).uncheck();
    expect(await page.evaluate(() => localStorage.getItem('redis-ha-lab:progress:e2e/hand'))).toBeNull();
    expect(problems).toEqual([]);
  });

  it('Run with newTab: the command runs in a new terminal tab, shown, the first tab untouched', async () => {
    const { page, problems } = await openPage(site);
    await page.goto(`${site.url}/lessons/02-replication/?test`);
    await labReady(page);
    const tabs = page.locator('lab-terminal [role="tab"]');
    expect(await tabs.count()).toBe(1);
    // What a `<Run cmd="…" newTab />` button sends (lab/run-protocol.ts).
    await page.evaluate(() => {
      window.dispatchEvent(new CustomEvent('redis-lab:run', { detail: { command: 'redis-server --port 7001', handled: false, newTab: true } }));
    });
    await expect.poll(() => tabs.count(), { timeout: 10_000 }).toBe(2);
    expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await pollFor(async () => /Ready to accept connections/.test(await screen(page)), 20_000)).toBe(true);
    expect(await screen(page)).toMatch(/^\$ redis-server --port 7001\n/);
    await expect.poll(() => tabs.nth(1).textContent(), { timeout: 5_000 }).toContain('redis-server');
    expect(problems).toEqual([]);
  });
});
