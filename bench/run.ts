/**
 * `npm run bench`: runs every `bench/*.bench.ts` file and prints one table. A bench file
 * exports `run(): Promise<BenchRow[]>`; benches never assert (DESIGN.md §5) — they measure.
 * `npm run bench -- NAME` runs only the files whose name contains NAME.
 */
import { readdirSync } from 'node:fs';
import type { BenchRow } from './stats.ts';

const filter = process.argv[2] ?? '';
const dir = new URL('./', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
const rows: BenchRow[] = [];
for (const f of files) {
  const mod = (await import(new URL(f, dir).href)) as { run(): Promise<BenchRow[]> };
  rows.push(...(await mod.run()));
}
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const table = [['bench', 'case', 'n', 'median µs', 'p90 µs', 'mean µs', 'note'], ...rows.map((r) => [r.bench, r.case, String(r.n), fmt(r.medianUs), fmt(r.p90Us), fmt(r.meanUs), r.note ?? ''])];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
for (const [i, row] of table.entries()) {
  console.log(row.map((cell, j) => (j >= 2 && j <= 5 ? cell.padStart(widths[j]) : cell.padEnd(widths[j]))).join('  ').trimEnd());
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
process.exit(0);
