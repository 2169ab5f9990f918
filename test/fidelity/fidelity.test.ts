/**
 * Goal: the headless lab prints what real bash + real Redis 7.0.15 print for the same script
 * (DESIGN.md §3), except what is random by nature.
 * Method: every test/fidelity/scenarios/NN-name.sh runs twice on the same free loopback ports:
 * under real bash with Debian's redis-server/redis-cli in a fresh temp dir, and through
 * `runLabScript` (src/headless) with a fixed seed. Both transcripts (output + exit status) go
 * through the one `normalise` function and must be equal; a failure prints a unified diff
 * (`-` real, `+` lab) and the commands that reproduce it. The real transcript must also equal the
 * committed recording (recorded/NN-name.txt): that catches scenarios that are not deterministic
 * on real Redis, and lets the lab be judged against the recording where redis-server is missing.
 * FIDELITY_RECORD=1 rewrites the recordings from real runs.
 * A third side, `NN-name (workers)`, runs the same script on the live runtime (every node in a
 * Node worker thread on a real clock, as `npm run lab -- SCRIPT` does, harness/workers.ts) and
 * compares its transcript, through the same `normalise`, with the same real transcript (or the
 * recording) — so sim and workers print the same, and both print what Redis prints.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './harness/diff.ts';
import { loadLab } from './harness/lab.ts';
import { missingPrograms } from './harness/real.ts';
import { RECORDED_DIR, listScenarios, pickPorts, reproduce, runLabSide, runRealSide, type Scenario } from './harness/scenarios.ts';
import { WORKERS_SPEED, reproduceWorkers, runWorkersSide } from './harness/workers.ts';

const CI = process.env.CI === 'true';
const RECORD = process.env.FIDELITY_RECORD === '1';
const missing = missingPrograms();
const lab = await loadLab();
const labAvailable = lab.kind !== 'missing';

if (missing.length > 0) {
  const msg = `\n*** FIDELITY: ${missing.join(', ')} not found in /usr/bin: the real-Redis side of every scenario is ${CI ? 'FAILING (CI=true)' : 'SKIPPED'}.\n*** Install Debian's packages: sudo apt-get install redis-server redis-tools\n`;
  console.warn(msg);
}
if (lab.kind === 'broken') console.warn(`\n*** FIDELITY: the headless lab does not load (${lab.error}): every lab test fails.\n`);
if (!labAvailable) {
  console.warn(`\n*** FIDELITY: src/headless exports no runLabScript yet: the lab side of every scenario is ${CI ? 'FAILING (CI=true)' : 'SKIPPED'}.\n`);
}

const recordedPath = (s: Scenario) => join(RECORDED_DIR, `${s.name}.txt`);
const readRecording = (s: Scenario) => (existsSync(recordedPath(s)) ? readFileSync(recordedPath(s), 'utf8') : null);

/** Fails under CI, skips (loudly) elsewhere. */
function unavailable(ctx: { skip: (note?: string) => void }, what: string): void {
  if (CI) expect.fail(`${what} (required under CI=true)`);
  ctx.skip(what);
}

const scenarios = listScenarios();

describe('fidelity', () => {
  it('has scenarios', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  for (const s of scenarios) {
    describe(s.name, () => {
      let ports: Record<string, number> = {};
      let realText: string | null = null;

      it(`${s.name} (real)`, async (ctx) => {
        if (missing.length > 0) return unavailable(ctx, `${missing.join(', ')} not installed`);
        const extra = missingPrograms(s.requires);
        if (extra.length > 0) return unavailable(ctx, `${extra.join(', ')} not installed (# requires: line of ${s.file})`);
        ports = await pickPorts(s.portCount);
        let real = await runRealSide(s, ports);
        // Real Redis is itself random in a few rare ways no normalisation can cover (a three-way
        // split vote between sentinels, a replica caught between two states): when a real run
        // differs from its recording, it runs once more, and the second run is the one compared.
        // The lab is never given a second chance; a real run that differs twice fails.
        const recordedFirst = RECORD ? null : readRecording(s);
        const firstDiff = recordedFirst === null ? '' : unifiedDiff(recordedFirst, real.text, ['recorded', 'real now']);
        if (firstDiff) {
          console.warn(`${s.name}: real Redis differed from its recording; running it once more\n${firstDiff}`);
          real = await runRealSide(s, ports);
        }
        realText = real.text;
        expect(real.run.timedOut, `${s.file} timed out under real bash`).toBe(false);
        expect(real.run.strays, `${s.file} left redis processes running (killed by the harness): every server a script starts must be stopped by it`).toEqual([]);
        if (RECORD) {
          mkdirSync(RECORDED_DIR, { recursive: true });
          writeFileSync(recordedPath(s), real.text, 'utf8');
          return;
        }
        const recorded = readRecording(s);
        if (recorded === null) expect.fail(`no recording for ${s.name}: run FIDELITY_RECORD=1 npx vitest run test/fidelity/fidelity.test.ts -t ${s.name}`);
        const diff = unifiedDiff(recorded, real.text, ['recorded', 'real now']);
        if (diff) expect.fail(`${s.name}: real Redis printed something else than the recording (a scenario that is not deterministic, or a normalisation gap)\n${diff}\n${reproduce(s)}`);
      });

      it(`${s.name} (lab)`, async (ctx) => {
        if (!labAvailable) return unavailable(ctx, 'src/headless has no runLabScript yet');
        let expected = realText;
        if (expected === null) {
          expected = readRecording(s);
          if (expected === null) return unavailable(ctx, `no real run and no recording for ${s.name}`);
          ports = await pickPorts(s.portCount);
        }
        const lab = await runLabSide(s, ports);
        if (lab === null) return unavailable(ctx, 'src/headless has no runLabScript yet');
        const diff = unifiedDiff(expected, lab.text);
        if (diff) expect.fail(`${s.name}: the lab differs from real Redis (- real, + lab)\n${diff}\n${reproduce(s)}`);
      });

      it(`${s.name} (workers)`, async (ctx) => {
        let expected = realText;
        let workerPorts = ports;
        if (expected === null) {
          expected = readRecording(s);
          if (expected === null) return unavailable(ctx, `no real run and no recording for ${s.name}`);
          workerPorts = await pickPorts(s.portCount);
        }
        // The workers listen on no real port, but the same numbers keep the transcripts alike.
        const workers = await runWorkersSide(s, workerPorts);
        const diff = unifiedDiff(expected, workers.text, ['real', `workers ${WORKERS_SPEED}x`]);
        if (diff) expect.fail(`${s.name}: the lab on worker threads differs from real Redis (- real, + workers)\n${diff}\n${reproduceWorkers(s)}`);
      });
    });
  }
});
