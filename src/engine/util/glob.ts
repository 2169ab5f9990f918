/**
 * Glob matching as Redis does it for KEYS, SCAN MATCH, PSUBSCRIBE and CONFIG GET: `*`, `?`,
 * `[abc]`, `[^a]`, `[a-z]` and `\` escapes. Counterpart in Redis: `stringmatchlen` in util.c.
 */
export function globMatch(pattern: string, s: string, nocase = false): boolean {
  return match(pattern, 0, s, 0, nocase, 0);
}

function eq(a: string, b: string, nocase: boolean): boolean {
  return nocase ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function match(p: string, pi: number, s: string, si: number, nocase: boolean, depth: number): boolean {
  if (depth > 1000) return false; // Redis bounds the recursion as well
  while (pi < p.length) {
    const c = p[pi];
    if (c === '*') {
      while (p[pi + 1] === '*') pi++;
      if (pi + 1 === p.length) return true;
      for (let k = si; k <= s.length; k++) if (match(p, pi + 1, s, k, nocase, depth + 1)) return true;
      return false;
    }
    if (si >= s.length) return false;
    if (c === '?') {
      si++;
      pi++;
      continue;
    }
    if (c === '[') {
      pi++;
      const not = p[pi] === '^';
      if (not) pi++;
      let matched = false;
      for (;;) {
        if (pi >= p.length) {
          pi--;
          break;
        }
        if (p[pi] === '\\' && pi + 1 < p.length) {
          pi++;
          if (eq(p[pi], s[si], nocase)) matched = true;
        } else if (p[pi] === ']') {
          break;
        } else if (p[pi + 1] === '-' && pi + 2 < p.length) {
          let start = p[pi];
          let end = p[pi + 2];
          let ch = s[si];
          if (start > end) [start, end] = [end, start];
          if (nocase) {
            start = start.toLowerCase();
            end = end.toLowerCase();
            ch = ch.toLowerCase();
          }
          pi += 2;
          if (ch >= start && ch <= end) matched = true;
        } else if (eq(p[pi], s[si], nocase)) {
          matched = true;
        }
        pi++;
      }
      if (not) matched = !matched;
      if (!matched) return false;
      si++;
      pi++;
      continue;
    }
    if (c === '\\' && pi + 1 < p.length) pi++;
    if (!eq(p[pi], s[si], nocase)) return false;
    pi++;
    si++;
  }
  return si === s.length;
}
