/**
 * Helpers for the site's e2e tests: the built site (dist/) served on a free loopback port, headless Debian Chromium through playwright-core, and pages that record console errors
 * and CSP violations. Without Chromium the tests skip loudly; under CI=true they fail instead.
 */
import { spawnSync } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS = join(ROOT, 'test-results');

/** Whether the browser tests can run; logs loudly and throws under CI when they cannot. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const msg = `site e2e: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
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
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.astro;
  return join(dirname(pkgPath), bin);
}

/**
 * Where the site under test is built: its own directory under test-results/, so another e2e
 * file building dist/ at the same moment cannot pull files from under it. With
 * SITE_SKIP_BUILD=1 the existing dist/ is served instead.
 */
export const SITE_DIST = process.env.SITE_SKIP_BUILD === '1' ? join(ROOT, 'dist') : join(ROOT, 'test-results/site-dist');

let built = false;
/** Builds the site once per test process (into {@link SITE_DIST}) unless SITE_SKIP_BUILD=1. */
export function buildSite(): void {
  if (built) return;
  if (process.env.SITE_SKIP_BUILD === '1' && existsSync(join(SITE_DIST, 'index.html'))) {
    built = true;
    return;
  }
  const r = spawnSync(process.execPath, [astroBin(), 'build', '--outDir', SITE_DIST], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error(`astro build failed:\n${r.stdout}\n${r.stderr}`);
  built = true;
}

export interface Site {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.wasm': 'application/wasm',
  '.woff2': 'font/woff2', '.txt': 'text/plain', '.pf_meta': 'application/octet-stream', '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream', '.pagefind': 'application/octet-stream',
};

/**
 * Serves dist/ as a static host would (Astro 7's `astro preview` allows one server per project,
 * and other e2e files may hold it): directory URLs get their index.html, unknown paths 404.html.
 */
function serveDist(port: number): Promise<Server> {
  const dist = SITE_DIST;
  const server = createHttpServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let path = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    if (path.includes('..')) path = '';
    let file = join(dist, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      try {
        const body = await readFile(join(dist, '404.html'));
        res.writeHead(404, { 'content-type': MIME['.html'] });
        res.end(body);
      } catch {
        res.writeHead(404);
        res.end();
      }
    }
  });
  return new Promise((resolveListen) => server.listen(port, '127.0.0.1', () => resolveListen(server)));
}

export async function startSite(): Promise<Site> {
  buildSite();
  const port = await freePort();
  const server = await serveDist(port);
  const url = `http://127.0.0.1:${port}`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

export interface WatchedPage {
  page: Page;
  /** Console errors, page errors, CSP violations and requests to other origins. */
  problems: string[];
}

/** A page from a fresh context (axe needs one) that records problems. */
export async function openPage(site: Site, options: { viewport?: { width: number; height: number }; reducedMotion?: 'reduce' | 'no-preference' } = {}): Promise<WatchedPage> {
  const context = await site.browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, reducedMotion: options.reducedMotion });
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
    if (!r.url().startsWith(site.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) problems.push(`third-party request: ${r.url()}`);
  });
  return { page, problems };
}

export function resultsDir(): string {
  mkdirSync(RESULTS, { recursive: true });
  return RESULTS;
}

/** Text of the lab's terminal: the xterm terminal's buffer when present, else the plain console. */
export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const w = window as unknown as { __xterm?: { buffer: { active: { length: number; getLine(i: number): { translateToString(t: boolean): string } | undefined } } } };
    if (w.__xterm) {
      const b = w.__xterm.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
      return lines.join('\n');
    }
    return document.querySelector('[data-testid="console-output"]')?.textContent ?? '';
  });
}
