/**
 * Runs fidelity scenarios outside vitest and prints a table (scenario → match / differ, with the
 * first differing line), then the diff of every scenario that differs.
 *
 *   npx node test/fidelity/report.ts [--show-real] [--show-lab] [--no-diff] [NAME-SUBSTRING…]
 *   npx node test/fidelity/report.ts --workers [--speed X] [--show-workers] [--no-real] [NAME…]
 *
 * --show-real / --show-lab print each side's normalised transcript (useful when writing a
 * scenario). Without redis-server, the committed recordings stand in for real runs.
 *
 * --workers adds the third side, the lab on worker threads (`npm run lab -- SCRIPT`, at
 * `--speed X`, default the tests' speed): the table then has one column per lab host, sim and
 * workers, each judged against real Redis, plus whether sim and workers print the same, and the
 * time each took. --no-real compares with the committed recordings instead of running real
 * Redis (faster; the recordings are what the tests check real runs against).
 * --show-workers prints the workers' normalised transcripts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstDifference, unifiedDiff } from './harness/diff.ts';
import { missingPrograms } from './harness/real.ts';
import { RECORDED_DIR, listScenarios, pickPorts, reproduce, runLabSide, runRealSide } from './harness/scenarios.ts';
import { WORKERS_SPEED, reproduceWorkers, runWorkersSide } from './harness/workers.ts';

const args = process.argv.slice(2);
const flag = (f: string) => args.includes(f);
const speedAt = args.indexOf('--speed');
const speed = speedAt >= 0 ? Number(args[speedAt + 1]) : WORKERS_SPEED;
if (!(speed >= 0.25 && speed <= 10)) {
  console.error('report: --speed takes a number from 0.25 to 10');
  process.exit(2);
}
const filters = args.filter((a, i) => !a.startsWith('--') && !(speedAt >= 0 && i === speedAt + 1));
const workers = flag('--workers');
const haveRedis = missingPrograms().length === 0 && !flag('--no-real');

const failed = (e: unknown) => ({ text: `[harness: the lab threw ${String(e instanceof Error ? e.stack : e)}]\n`, raw: '' });
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const rows: string[][] = [];
const diffs: string[] = [];
for (const s of listScenarios()) {
  if (filters.length > 0 && !filters.some((f) => s.name.includes(f))) continue;
  const ports = await pickPorts(s.portCount);
  let real: string | null = null;
  let note = '';
  if (haveRedis && missingPrograms(s.requires).length === 0) {
    const r = await runRealSide(s, ports);
    real = r.text;
    if (r.run.strays.length > 0) note += ` (left ${r.run.strays.map((p) => p.comm).join(', ')} running)`;
    if (r.run.timedOut) note += ' (timed out)';
  } else if (existsSync(join(RECORDED_DIR, `${s.name}.txt`))) {
    real = readFileSync(join(RECORDED_DIR, `${s.name}.txt`), 'utf8');
    note += ' (recording)';
  }
  if (flag('--show-real')) console.log(`===== ${s.name} (real${note}) =====\n${real ?? '(no real run)'}`);
  let t0 = performance.now();
  const lab = await runLabSide(s, ports).catch(failed);
  const simMs = performance.now() - t0;
  if (flag('--show-lab')) console.log(`===== ${s.name} (lab) =====\n${lab?.text ?? '(no lab yet)'}`);
  if (!workers) {
    if (real === null || lab === null) {
      rows.push([s.name, real === null ? 'no real run' : 'no lab yet', note.trim()]);
      continue;
    }
    if (real === lab.text) {
      rows.push([s.name, 'match', note.trim()]);
    } else {
      rows.push([s.name, 'differ', `${firstDifference(real, lab.text)}${note}`]);
      diffs.push(`===== ${s.name} (- real, + lab) =====\n${unifiedDiff(real, lab.text)}\n${reproduce(s)}\n`);
    }
    continue;
  }
  t0 = performance.now();
  const onWorkers = await runWorkersSide(s, ports, speed).catch(failed);
  const workersMs = performance.now() - t0;
  if (flag('--show-workers')) console.log(`===== ${s.name} (workers ${speed}x) =====\n${onWorkers.text}`);
  const judge = (text: string | undefined) => (real === null ? 'no real run' : text === undefined ? 'no lab yet' : text === real ? 'match' : 'differ');
  const simVsWorkers = lab === null ? 'no lab yet' : lab.text === onWorkers.text ? 'same' : 'differ';
  let first = '';
  if (lab !== null && simVsWorkers === 'differ') {
    first = firstDifference(lab.text, onWorkers.text, ['sim', 'workers']);
    diffs.push(`===== ${s.name} (- sim, + workers ${speed}x) =====\n${unifiedDiff(lab.text, onWorkers.text, ['sim', 'workers'])}\n${reproduceWorkers(s)}\n`);
  }
  if (real !== null && onWorkers.text !== real) {
    first ||= firstDifference(real, onWorkers.text, ['real', 'workers']);
    diffs.push(`===== ${s.name} (- real${note}, + workers ${speed}x) =====\n${unifiedDiff(real, onWorkers.text, ['real', 'workers'])}\n${reproduceWorkers(s)}\n`);
  }
  rows.push([s.name, judge(lab?.text), judge(onWorkers.text), simVsWorkers, seconds(simMs), seconds(workersMs), `${first}${note}`.trim()]);
}

if (!flag('--no-diff')) for (const d of diffs) console.log(d);
const head = workers ? ['scenario', 'sim vs real', `workers ${speed}x vs real`, 'sim vs workers', 'sim time', 'workers time', 'first difference'] : ['scenario', 'result', 'first difference'];
console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---|').join('')}`);
for (const row of rows) console.log(`| ${row.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
if (workers) {
  const same = rows.filter((r) => r[3] === 'same').length;
  console.log(`\nsim and workers print the same in ${same} of ${rows.length} scenarios`);
}
// Workers the runtime tore down may leave a handle or two behind for a moment: do not wait.
process.exit(0);
