/**
 * Creates the page's lab for a lesson's scenario. Loaded on demand (dynamic import) so the
 * runtime, the engine and the shell are not part of a page's initial JavaScript.
 *
 * Host: the live runtime (nodes in Web Workers, ./runtime-lab.ts). `?host=sim` in the page
 * address runs the deterministic simulator on the main thread instead (./sim-lab.ts), which is
 * also the fallback when Web Workers are unavailable.
 */
import { setLab, type LabHandle } from './registry.ts';
import type { ScenarioInput } from './scenario.ts';

export async function bootLab(scenario: ScenarioInput, options: { seed?: number; host?: string } = {}): Promise<LabHandle> {
  let fallbackReason: string | undefined;
  if (options.host !== 'sim' && typeof Worker === 'function') {
    let failed: { dispose(): void } | null = null;
    try {
      const { RuntimeLab } = await import('./runtime-lab.ts');
      const lab = new RuntimeLab(scenario, { seed: options.seed });
      failed = lab;
      const handle: LabHandle = { controller: lab, kind: 'runtime', host: () => lab.host(), ready: () => lab.ready, onReset: (l) => lab.onReset(l) };
      // Published before it is settled, so the map and the event log show the boot.
      setLab(handle);
      await lab.ready;
      return handle;
    } catch (e) {
      fallbackReason = e instanceof Error ? e.message : String(e);
      try {
        failed?.dispose();
      } catch {
        // Its workers may never have started.
      }
      console.warn('lab: the worker runtime did not start, using the simulator instead:', e);
    }
  } else if (options.host !== 'sim') fallbackReason = 'this browser has no Web Workers';
  const { SimLab } = await import('./sim-lab.ts');
  const lab = new SimLab(scenario, { seed: options.seed });
  const handle: LabHandle = { controller: lab, kind: 'sim', fallbackReason, host: () => lab.host(), ready: () => lab.ready, onReset: (l) => lab.onReset(l) };
  setLab(handle);
  return handle;
}
