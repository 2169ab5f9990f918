/**
 * Creates the page's lab for a lesson's scenario. Loaded on demand (dynamic import) so the
 * engine, the simulator and the shell are not part of a page's initial JavaScript.
 *
 * Host: the simulator on the main thread (./sim-lab.ts). The Web Worker runtime (src/runtime)
 * replaces it once its adapter is wired (see the site README section of the report).
 */
import { SimLab } from './sim-lab.ts';
import { setLab, type LabHandle } from './registry.ts';
import type { ScenarioInput } from './scenario.ts';

export function bootLab(scenario: ScenarioInput, options: { seed?: number } = {}): LabHandle {
  const lab = new SimLab(scenario, { seed: options.seed });
  const handle: LabHandle = {
    controller: lab,
    host: () => lab.host(),
    onReset: (l) => lab.onReset(l),
  };
  setLab(handle);
  return handle;
}
