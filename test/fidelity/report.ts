/**
 * Runs fidelity scenarios outside vitest and prints a table (scenario → match / differ, with the
 * first differing line), then the diff of every scenario that differs.
 *
 *   npx node test/fidelity/report.ts [--show-real] [--show-lab] [--no-diff] [NAME-SUBSTRING…]
 *
 * --show-real / --show-lab print each side's normalised transcript (useful when writing a
 * scenario). Without redis-server, the committed recordings stand in for real runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstDifference, unifiedDiff } from './harness/diff.ts';
import { missingPrograms } from './harness/real.ts';
import { RECORDED_DIR, listScenarios, pickPorts, reproduce, runLabSide, runRealSide } from './harness/scenarios.ts';

const args = process.argv.slice(2);
const flag = (f: string) => args.includes(f);
const filters = args.filter((a) => !a.startsWith('--'));
const haveRedis = missingPrograms().length === 0;

const rows: Array<[string, string, string]> = [];
const diffs: string[] = [];
for (const s of listScenarios()) {
  if (filters.length > 0 && !filters.some((f) => s.name.includes(f))) continue;
  const ports = await pickPorts(s.portCount);
  let real: string | null = null;
  let note = '';
  if (haveRedis) {
    const r = await runRealSide(s, ports);
    real = r.text;
    if (r.run.strays.length > 0) note += ` (left ${r.run.strays.map((p) => p.comm).join(', ')} running)`;
    if (r.run.timedOut) note += ' (timed out)';
  } else if (existsSync(join(RECORDED_DIR, `${s.name}.txt`))) {
    real = readFileSync(join(RECORDED_DIR, `${s.name}.txt`), 'utf8');
    note += ' (recording)';
  }
  if (flag('--show-real')) console.log(`===== ${s.name} (real${note}) =====\n${real ?? '(no real run)'}`);
  const lab = await runLabSide(s, ports).catch((e: unknown) => ({ text: `[harness: runLabScript threw ${String(e instanceof Error ? e.stack : e)}]\n`, raw: '' }));
  if (flag('--show-lab')) console.log(`===== ${s.name} (lab) =====\n${lab?.text ?? '(no lab yet)'}`);
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
}

if (!flag('--no-diff')) for (const d of diffs) console.log(d);
console.log('| scenario | result | first difference |\n|---|---|---|');
for (const [name, result, detail] of rows) console.log(`| ${name} | ${result} | ${detail.replace(/\|/g, '\\|')} |`);
