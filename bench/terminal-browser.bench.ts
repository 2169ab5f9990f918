/**
 * The /lab terminal in headless Chromium (the built site under `astro preview`):
 *
 * - time from navigation to an interactive prompt on a settled cluster (replica synced), on
 *   the Web Worker runtime and on the simulator fallback (`?host=sim`);
 * - a command's round trip in the terminal — `PING` + Enter typed into an interactive
 *   redis-cli until its next prompt is up (shell, redis-cli, host and node included; xterm's
 *   drawing not) — against a raw MessageChannel round trip measured in the same page.
 *
 * No assertions (DESIGN.md §5): it prints figures. `npm run bench -- terminal`, or
 * `npx node bench/terminal-browser.bench.ts`. Set SITE_SKIP_BUILD=1 to reuse dist/.
 * Without COOP/COEP headers Chromium clamps performance.now() to 100 µs: sub-millisecond
 * figures are coarse.
 */
import { chromiumAvailable, openPage, startSite } from '../test/e2e/lab-support.ts';
import type {} from '../src/terminal/xterm-app.ts';
import type {} from '../src/components/terminal/mount-lab.ts';

export interface Row {
  bench: string;
  case: string;
  n: number;
  medianUs: number;
  p90Us: number;
  meanUs: number;
  note?: string;
}

function summary(samplesMs: number[]): { medianUs: number; p90Us: number; meanUs: number } {
  const s = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] * 1000;
  return { medianUs: at(0.5), p90Us: at(0.9), meanUs: (s.reduce((a, b) => a + b, 0) / s.length) * 1000 };
}

const LOADS = 5;
const ROUND_TRIPS = 100;

export async function run(): Promise<Row[]> {
  if (!chromiumAvailable()) return [];
  const site = await startSite();
  const rows: Row[] = [];
  try {
    for (const host of ['runtime', 'sim'] as const) {
      const ready: number[] = [];
      let rtt: number[] = [];
      let raw: number[] = [];
      for (let i = 0; i < LOADS; i++) {
        const { page } = await openPage(site, { viewport: { width: 1280, height: 800 } });
        await page.goto(`${site.url}/lab/?test${host === 'sim' ? '&host=sim' : ''}`);
        await page.waitForFunction(() => window.__terminal?.idle() ?? false, undefined, { timeout: 60_000 });
        const info = await page.evaluate(() => ({ readyMs: window.__lab!.readyMs, kind: window.__lab!.host.kind }));
        if (info.kind !== host) throw new Error(`asked for ${host}, the page booted ${info.kind}`);
        ready.push(info.readyMs);
        if (i === 0) {
          const r = await page.evaluate(async (n) => {
            const macrotask = () =>
              new Promise<void>((resolve) => {
                const c = new MessageChannel();
                c.port1.onmessage = () => resolve();
                c.port2.postMessage(null);
              });
            const session = window.__terminal!.app.activeTab!.session;
            const untilIdle = async () => {
              while (!session.idle) await macrotask();
            };
            session.input('redis-cli -p 6379 -a a_strong_password --no-auth-warning\r');
            await untilIdle();
            const terminal: number[] = [];
            for (let k = 0; k < n; k++) {
              const t0 = performance.now();
              session.input('PING\r');
              await untilIdle();
              terminal.push(performance.now() - t0);
            }
            const { port1, port2 } = new MessageChannel();
            port2.onmessage = (e) => port2.postMessage(e.data);
            const channel: number[] = [];
            for (let k = 0; k < n; k++) {
              const t0 = performance.now();
              await new Promise<void>((resolve) => {
                port1.onmessage = () => resolve();
                port1.postMessage(k);
              });
              channel.push(performance.now() - t0);
            }
            return { terminal, channel };
          }, ROUND_TRIPS);
          rtt = r.terminal;
          raw = r.channel;
        }
        await page.context().close();
      }
      rows.push({ bench: 'terminal', case: `navigation → prompt, replica synced (${host})`, n: ready.length, ...summary(ready), note: 'ms since navigation start' });
      rows.push({ bench: 'terminal', case: `PING round trip in the terminal (${host})`, n: rtt.length, ...summary(rtt), note: 'input → next prompt' });
      rows.push({ bench: 'terminal', case: `raw MessageChannel round trip (${host} page)`, n: raw.length, ...summary(raw) });
    }
  } finally {
    await site.close();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await run();
  for (const r of rows) {
    const ms = (us: number) => (us / 1000).toFixed(us >= 10_000 ? 0 : 2);
    console.log(`${r.case.padEnd(58)} n=${String(r.n).padStart(3)}  median ${ms(r.medianUs).padStart(7)} ms  p90 ${ms(r.p90Us).padStart(7)} ms${r.note ? `  (${r.note})` : ''}`);
  }
  process.exit(0);
}
