/**
 * Boots the /lab page's cluster and mounts the terminal on it (loaded lazily by
 * `<lab-terminal>`). URL switches: `?host=sim` runs the simulator instead of the Web Worker
 * runtime; `?test` exposes the terminal to tests (`window.__xterm`, `window.__terminal`,
 * `window.__lab`) — the only way tests reach it, since they run against the production build.
 */
import { bootLabHost, type LabHost } from './lab-host.ts';

export interface LabTestInfo {
  host: LabHost;
  /** ms from navigation start to the first prompt on a synced cluster. */
  readyMs: number;
}

declare global {
  interface Window {
    __lab?: LabTestInfo;
  }
}

export async function mountLab(root: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  const test = params.has('test');
  const kind = params.get('host') === 'sim' ? 'sim' : 'runtime';
  const status = root.querySelector('.lab-terminal-loading');
  if (status) status.textContent = 'Starting the cluster: primary 6379, replica 6380, sentinels 5000–5002…';
  const [lab, { mountTerminal }] = await Promise.all([bootLabHost(kind), import('../../terminal/xterm-app.ts')]);
  const banner = lab.fallbackReason ? `lab: the worker runtime could not start (${lab.fallbackReason}); the cluster runs on the simulator instead.\n` : undefined;
  mountTerminal(root, { host: () => lab.host, testHook: test, banner, label: 'Lab terminal' });
  performance.mark('lab-ready');
  root.dataset.ready = lab.kind;
  if (test) window.__lab = { host: lab, readyMs: performance.now() };
  window.addEventListener('pagehide', () => lab.dispose());
}
