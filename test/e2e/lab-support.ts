/**
 * Helpers for the /lab e2e tests and bench: the built site served by `astro preview` on a free
 * loopback port, headless Debian Chromium through playwright-core (TOOLCHAIN.md's arguments),
 * and pages from a fresh context (axe needs one) that record console errors, page errors,
 * CSP violations and requests to other origins. Without Chromium the tests skip loudly; under
 * CI=true that absence fails instead (DESIGN.md §5).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Whether Chromium is there; says so loudly when not, and throws under CI=true. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const msg = `lab e2e: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`SKIPPED: ${msg}`);
  return false;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

function astroBin(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('astro/package.json', { paths: [ROOT] });
  const pkg = require(pkgPath) as { bin: Record<string, string> | string };
  return join(dirname(pkgPath), typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.astro);
}

let built = false;
/** `astro build`, once per process; SITE_SKIP_BUILD=1 reuses an existing dist/. */
export function buildSite(): void {
  if (built) return;
  if (!(process.env.SITE_SKIP_BUILD === '1' && existsSync(join(ROOT, 'dist/lab/index.html')))) {
    const r = spawnSync(process.execPath, [astroBin(), 'build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    if (r.status !== 0) throw new Error(`astro build failed:\n${r.stdout}\n${r.stderr}`);
  }
  built = true;
}

export interface Site {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds (once), serves dist/ with `astro preview` on a free port, launches Chromium. */
export async function startSite(): Promise<Site> {
  buildSite();
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, [astroBin(), 'preview', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  const url = `http://127.0.0.1:${port}`;
  let up = false;
  for (let i = 0; i < 200 && !up; i++) {
    try {
      up = (await fetch(url + '/lab/')).ok;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!up) {
    server.kill('SIGTERM');
    throw new Error(`astro preview did not answer on ${url}`);
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      server.kill('SIGTERM');
    },
  };
}

export interface WatchedPage {
  page: Page;
  /** Console errors, page errors, CSP violations and requests to other origins. */
  problems: string[];
}

export async function openPage(site: Site, options: { viewport?: { width: number; height: number } } = {}): Promise<WatchedPage> {
  const context = await site.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sample ?? ''}`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(site.url) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`third-party request: ${u}`);
  });
  return { page, problems };
}

export function resultsDir(): string {
  const dir = join(ROOT, 'test-results');
  mkdirSync(dir, { recursive: true });
  return dir;
}
