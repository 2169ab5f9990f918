/**
 * Mounts the xterm terminal (src/terminal/xterm-app.ts) on the page's lab (loaded lazily by
 * `<lab-terminal>`): its tabs run the shell on the lab's host (`whenLab(lab => lab.host())`),
 * start over on the new cluster after a reset (`lab.onReset`), and Run buttons type into the
 * active tab. The lab itself — the lesson's scenario, or the default one on /lab — is booted by
 * `<redis-lab>` with the lab's one boot plan (lab/boot-plan.ts).
 *
 * `?test` in the page address exposes the terminal to tests (`window.__xterm`,
 * `window.__terminal`, `window.__lab`) — the only way tests reach it, since they run against
 * the production build.
 */
import { whenLab, type LabHandle } from '../lab/registry.ts';
import type { TerminalApp } from '../../terminal/xterm-app.ts';
import type { RunQueue } from './lab-terminal-element.ts';
import type { RunOptions } from '../lab/run-protocol.ts';
import { emitTerminalSignal } from '../lab/goal-signals.ts';

export interface LabTestInfo {
  /** What runs the cluster (`host.kind` kept for the benches that read it). */
  host: { kind: LabHandle['kind'] };
  kind: LabHandle['kind'];
  /** ms from navigation start to the first prompt on a settled cluster. */
  readyMs: number;
}

declare global {
  interface Window {
    __lab?: LabTestInfo;
  }
}

const fallbackBanner = (lab: LabHandle) =>
  lab.fallbackReason ? `lab: the worker runtime could not start (${lab.fallbackReason}); the cluster runs on the simulator instead.\n` : undefined;

export async function mountLabTerminal(root: HTMLElement, runs: RunQueue): Promise<void> {
  const test = new URLSearchParams(location.search).has('test');
  const status = root.querySelector('.lab-terminal-loading');
  if (status) status.textContent = 'Starting the cluster…';
  const { mountTerminal } = await import('../../terminal/xterm-app.ts');
  let app: TerminalApp | null = null;
  let current: LabHandle | null = null;
  let offReset: (() => void) | null = null;
  // Run requests in order, each typed once the lab it reaches is settled (after a reset too).
  let chain: Promise<unknown> = Promise.resolve();
  const typeIn = (command: string, options: RunOptions) => {
    chain = chain.then(async () => {
      const lab = current;
      if (!lab || !app) return;
      await lab.ready().catch(() => {});
      await app.run(command, undefined, options);
    });
  };
  await new Promise<void>((mounted) => {
    // Called again if the worker runtime fails and the simulator takes over.
    whenLab((lab) => {
      current = lab;
      void lab.ready().then(
        () => {
          if (current !== lab) return;
          offReset?.();
          offReset = lab.onReset(() => {
            if (current === lab) app?.restart();
          });
          if (app) {
            app.restart(fallbackBanner(lab));
          } else {
            app = mountTerminal(root, { host: () => current!.host(), testHook: test, banner: fallbackBanner(lab), label: root.getAttribute('aria-label') ?? 'Lab terminal', autofocus: root.dataset.autofocus === 'true',
              // Taps for the lesson's goals (lab/goal-signals.ts).
              onOutput: (tab, text) => emitTerminalSignal({ kind: 'output', tab, text }),
              onCommand: (tab, line) => emitTerminalSignal({ kind: 'command', tab, line }) });
            performance.mark('lab-ready');
            runs.drain(typeIn);
            mounted();
          }
          root.dataset.ready = lab.kind;
          if (test) window.__lab = { host: { kind: lab.kind }, kind: lab.kind, readyMs: performance.now() };
        },
        () => {
          // This host could not start; the lab publishes its fallback next.
        },
      );
    });
  });
}
