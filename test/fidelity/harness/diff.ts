/**
 * A small unified diff (LCS over lines) for fidelity reports: `-` lines are real Redis, `+`
 * lines are the lab. Carriage returns and other control bytes are made visible, since INFO
 * lines end in `\r` and a missing `\r` is a real difference.
 */

/** Makes invisible bytes visible in a diff line: `\r` → `␍`, other controls → `\xNN`. */
export function visible(line: string): string {
  return line.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => (c === '\r' ? '␍' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function lcsOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // Trim the common head and tail first: outputs are mostly equal, which keeps the table small.
  let head = 0;
  while (head < n && head < m && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < n - head && tail < m - head && a[n - 1 - tail] === b[m - 1 - tail]) tail++;
  const A = a.slice(head, n - tail);
  const B = b.slice(head, m - tail);
  const w = B.length + 1;
  const dp = new Uint32Array((A.length + 1) * w);
  for (let i = A.length - 1; i >= 0; i--) {
    for (let j = B.length - 1; j >= 0; j--) {
      dp[i * w + j] = A[i] === B[j] ? dp[(i + 1) * w + j + 1] + 1 : Math.max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
    }
  }
  const ops: Op[] = [];
  for (let k = 0; k < head; k++) ops.push({ kind: ' ', line: a[k], a: k, b: k });
  let i = 0;
  let j = 0;
  while (i < A.length || j < B.length) {
    if (i < A.length && j < B.length && A[i] === B[j]) {
      ops.push({ kind: ' ', line: A[i], a: head + i, b: head + j });
      i++; j++;
    } else if (j < B.length && (i === A.length || dp[i * w + j + 1] >= dp[(i + 1) * w + j])) {
      ops.push({ kind: '+', line: B[j], a: head + i, b: head + j });
      j++;
    } else {
      ops.push({ kind: '-', line: A[i], a: head + i, b: head + j });
      i++;
    }
  }
  for (let k = 0; k < tail; k++) ops.push({ kind: ' ', line: a[n - tail + k], a: n - tail + k, b: m - tail + k });
  return ops;
}

/** Unified diff of two texts, with `context` lines around each change; '' when equal. */
export function unifiedDiff(expected: string, actual: string, labels: [string, string] = ['real', 'lab'], context = 3): string {
  if (expected === actual) return '';
  const ops = lcsOps(expected.split('\n'), actual.split('\n'));
  const changed = ops.map((o, k) => (o.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  const out = [`--- ${labels[0]}`, `+++ ${labels[1]}`];
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - context);
    let end = changed[k];
    while (k < changed.length && changed[k] <= end + 2 * context) end = changed[k++];
    end = Math.min(ops.length - 1, end + context);
    const hunk = ops.slice(start, end + 1);
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${hunk[0].a + 1},${aLen} +${hunk[0].b + 1},${bLen} @@`);
    for (const o of hunk) out.push(`${o.kind}${visible(o.line)}`);
  }
  return out.join('\n');
}

/** The first differing lines, for one-line summaries: `line N: real "…" / lab "…"`. */
export function firstDifference(expected: string, actual: string, labels: [string, string] = ['real', 'lab']): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      const show = (s: string | undefined) => (s === undefined ? '(end of output)' : JSON.stringify(visible(s)));
      return `line ${i + 1}: ${labels[0]} ${show(a[i])} / ${labels[1]} ${show(b[i])}`;
    }
  }
  return '';
}
