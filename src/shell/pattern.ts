/**
 * Bash's pattern matching (`case` patterns, `[[ == ]]`): `*`, `?`, bracket expressions with
 * `!`/`^` negation, ranges and `[:class:]`, `\` escapes; characters that came quoted match
 * only themselves. A `[` without its `]` is an ordinary character.
 *
 * Counterpart in bash: lib/glob/strmatch.c (`strmatch` without FNM_PATHNAME).
 */

/** A pattern after expansion: per character, whether it may act as a pattern character. */
export interface Pattern {
  text: string;
  active: boolean[];
}

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: 'A-Za-z0-9_',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** The pattern as a JavaScript regular expression source (without anchors). */
export function patternSource(p: Pattern): string {
  const { text, active } = p;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (!active[i]) {
      out += escapeRe(c);
      continue;
    }
    if (c === '\\' && i + 1 < text.length) {
      out += escapeRe(text[++i]);
    } else if (c === '*') out += '[^]*';
    else if (c === '?') out += '[^]';
    else if (c === '[') {
      const bracket = readBracket(text, active, i);
      if (bracket === null) out += '\\[';
      else {
        out += bracket.source;
        i = bracket.end;
      }
    } else out += escapeRe(c);
  }
  return out;
}

/** A bracket expression starting at `start` (`[`): its regex and the index of its `]`; null if unclosed. */
function readBracket(text: string, active: boolean[], start: number): { source: string; end: number } | null {
  let i = start + 1;
  let negate = false;
  if (active[i] && (text[i] === '!' || text[i] === '^')) {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === ']' && active[i] && !first) return { source: `[${negate ? '^' : ''}${body}]`, end: i };
    first = false;
    if (c === '[' && active[i] && text[i + 1] === ':') {
      const close = text.indexOf(':]', i + 2);
      const name = close < 0 ? '' : text.slice(i + 2, close);
      if (close >= 0 && Object.hasOwn(CLASSES, name)) {
        body += CLASSES[name];
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && active[i] && i + 1 < text.length) {
      body += escapeRe(text[++i]);
      continue;
    }
    if (text[i + 1] === '-' && active[i + 1] && i + 2 < text.length && !(text[i + 2] === ']' && active[i + 2])) {
      const lo = c;
      const hi = text[i + 2];
      if (lo <= hi) body += `${escapeRe(lo)}-${escapeRe(hi)}`;
      i += 2;
      continue;
    }
    body += escapeRe(c);
  }
  return null;
}

/** Whether `s` matches the whole pattern. */
export function patternMatch(p: Pattern, s: string): boolean {
  return new RegExp(`^(?:${patternSource(p)})$`).test(s);
}

/**
 * The right side of `[[ =~ ]]` as a JavaScript regular expression: a POSIX extended regular
 * expression whose quoted characters match themselves; bracket classes (`[[:digit:]]`) translated.
 */
export function ereSource(p: Pattern): string {
  const { text, active } = p;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (!active[i]) {
      out += escapeRe(c);
      continue;
    }
    if (c === '\\' && i + 1 < text.length) {
      out += escapeRe(text[++i]);
    } else if (c === '[') {
      let j = i + 1;
      if (text[j] === '^') j++;
      if (text[j] === ']') j++;
      while (j < text.length && text[j] !== ']') {
        if (text[j] === '[' && text[j + 1] === ':') {
          const close = text.indexOf(':]', j + 2);
          j = close < 0 ? j + 1 : close + 2;
        } else j++;
      }
      if (j >= text.length) throw new SyntaxError('unterminated bracket expression');
      const inner = text.slice(i + 1, j).replace(/\[:([a-z]+):\]/g, (m, name: string) => (Object.hasOwn(CLASSES, name) ? CLASSES[name] : m));
      const escaped = inner.replace(/\\/g, '\\\\').replace(/^(\^?)\]/, '$1\\]');
      out += `[${escaped}]`;
      i = j;
    } else out += c;
  }
  return out;
}
