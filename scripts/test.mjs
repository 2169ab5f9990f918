// Runs every test project once with a JSON report, then prints the plain closing line CI reads
// ("N passed, N failed") and exits non-zero when anything failed or nothing ran at all.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const report = 'test-results/vitest.json';
mkdirSync('test-results', { recursive: true });
if (existsSync(report)) rmSync(report);
const extra = process.argv.slice(2);
const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...extra], { stdio: 'inherit' });
if (!existsSync(report)) {
  console.log('0 passed, 1 failed');
  console.error('vitest wrote no report: it crashed before finishing.');
  process.exit(1);
}
const r = JSON.parse(readFileSync(report, 'utf8'));
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
if (r.numTotalTests === 0 || r.numPassedTests === 0) {
  console.error('No test ran: that is a failure, not a pass.');
  process.exit(1);
}
process.exit(run.status === 0 && r.numFailedTests === 0 ? 0 : 1);
