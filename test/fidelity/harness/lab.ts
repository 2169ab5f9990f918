/**
 * The lab side of a fidelity comparison: the same script through the headless lab in simulator
 * mode (src/headless, `runLabScript`), with the same ports and a fixed seed and virtual cwd.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RunResult } from './real.ts';

export interface LabOptions {
  seed: number;
  env: Record<string, string>;
  cwd: string;
  scriptName: string;
  /** Whether the script's stdout counts as a terminal. */
  tty?: boolean;
}
export type RunLabScript = (script: string, options: LabOptions) => Promise<RunResult>;

/** The seed every fidelity run uses (any fixed number: real runs are compared, not seeds). */
export const LAB_SEED = 1;
/** The lab's working directory for every scenario (normalised to `<dir>` like the real temp dir). */
export const LAB_CWD = '/home/learner/lab';

const HEADLESS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../src/headless');

/** The lab's entry point, or why it cannot be had: `missing` (not written yet) or `broken` (it throws on import). */
export type LabLoad = { kind: 'ok'; run: RunLabScript } | { kind: 'missing' } | { kind: 'broken'; error: string };

let cached: Promise<LabLoad> | undefined;

/**
 * Finds `runLabScript` among the modules of src/headless (whatever file the lab's author put it
 * in). A module that fails to import (work in progress elsewhere in the tree) makes the lab
 * `broken`, with the error, rather than crashing the test file.
 */
export function loadLab(): Promise<LabLoad> {
  cached ??= (async (): Promise<LabLoad> => {
    if (!existsSync(HEADLESS_DIR)) return { kind: 'missing' };
    const files = readdirSync(HEADLESS_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort((a, b) => {
      const rank = (f: string) => (f === 'index.ts' ? 0 : /lab/.test(f) ? 1 : 2);
      return rank(a) - rank(b) || a.localeCompare(b);
    });
    for (const f of files) {
      let mod: Record<string, unknown>;
      try {
        mod = (await import(pathToFileURL(join(HEADLESS_DIR, f)).href)) as Record<string, unknown>;
      } catch (e) {
        return { kind: 'broken', error: `importing src/headless/${f}: ${e instanceof Error ? e.message : String(e)}` };
      }
      if (typeof mod.runLabScript === 'function') return { kind: 'ok', run: mod.runLabScript as RunLabScript };
    }
    return { kind: 'missing' };
  })();
  return cached;
}
