/**
 * Scenario discovery and the two runs of one scenario (real, lab), each normalised by the same
 * function. Shared by the vitest file and by `report.ts`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.ts';
import { pickPorts, runReal, type RealRun } from './real.ts';
import { LAB_CWD, LAB_SEED, loadLab } from './lab.ts';

export const FIDELITY_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCENARIO_DIR = join(FIDELITY_DIR, 'scenarios');
/** Normalised real outputs, committed: what real Redis printed for each scenario. */
export const RECORDED_DIR = join(FIDELITY_DIR, 'recorded');

export interface Scenario {
  /** `05-auth` */
  name: string;
  /** `05-auth.sh` */
  file: string;
  path: string;
  script: string;
  /** How many ports the script uses (`$P1` … `$Pn`). */
  portCount: number;
  /** Programs the real side needs besides redis-server and redis-cli (`# requires: redis-sentinel`). */
  requires: string[];
}

export function listScenarios(): Scenario[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => /^\d\d-[a-z0-9-]+\.sh$/.test(f))
    .sort()
    .map((file) => {
      const path = join(SCENARIO_DIR, file);
      const script = readFileSync(path, 'utf8');
      const used = [...script.matchAll(/\$\{?P(\d+)\b/g)].map((m) => Number(m[1]));
      const requires = [...script.matchAll(/^# requires: (.*)$/gm)].flatMap((m) => m[1].trim().split(/\s+/));
      return { name: file.replace(/\.sh$/, ''), file, path, script, portCount: Math.max(1, ...used), requires };
    });
}

/** What a run printed, followed by its exit status: the text that is compared. */
export const transcript = (output: string, status: number): string => `${output}${output === '' || output.endsWith('\n') ? '' : '\n'}[exit ${status}]\n`;

export interface SideResult {
  /** Normalised transcript. */
  text: string;
  raw: string;
}

/** Runs the scenario under real bash and real Redis. */
export async function runRealSide(s: Scenario, ports: Record<string, number>): Promise<SideResult & { run: RealRun }> {
  const env = Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)]));
  const run = await runReal(s.path, env);
  const raw = transcript(run.output, run.status);
  let text = normalise(raw, { dir: run.dir, scriptDir: SCENARIO_DIR, ports });
  if (run.timedOut) text += '[harness: timed out]\n';
  return { text, raw, run };
}

/** Runs the scenario in the headless lab (null when src/headless has no runLabScript yet). */
export async function runLabSide(s: Scenario, ports: Record<string, number>): Promise<SideResult | null> {
  const lab = await loadLab();
  if (lab.kind === 'missing') return null;
  if (lab.kind === 'broken') throw new Error(`the headless lab does not load: ${lab.error}`);
  const runLabScript = lab.run;
  const env = Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)]));
  // Real bash writes to a file, not a terminal: the lab runs under the same condition (redis-cli
  // raw unless --no-raw, `ls` one name per line), so that only the programs' behaviour differs.
  const r = await runLabScript(s.script, { seed: LAB_SEED, env, cwd: LAB_CWD, scriptName: s.file, tty: false });
  const raw = transcript(r.output, r.status);
  return { text: normalise(raw, { dir: LAB_CWD, ports }), raw };
}

export { pickPorts };

/** How to reproduce one scenario's comparison, printed with every failure. */
export function reproduce(s: Scenario): string {
  const ports = Array.from({ length: s.portCount }, (_, i) => `P${i + 1}=${7701 + i}`).join(' ');
  return [
    `reproduce: npx vitest run test/fidelity/fidelity.test.ts -t ${s.name}`,
    `      lab: ${ports} npm run -s lab -- --sim --seed ${LAB_SEED} test/fidelity/scenarios/${s.file} | cat`,
    `           (or both sides, normalised: npx node test/fidelity/report.ts --show-real --show-lab ${s.name})`,
    `     real: (cd "$(mktemp -d)" && ${ports} bash "$OLDPWD/test/fidelity/scenarios/${s.file}")`,
  ].join('\n');
}
