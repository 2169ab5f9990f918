/**
 * Word expansion: parameters (`$NAME`, `${NAME}`, `$?`…), command substitution, `~`, field
 * splitting of unquoted expansions and pathname expansion (`*.conf`) against the virtual disk.
 *
 * Counterpart in bash: subst.c (`expand_word_list_internal`) and pathexp.c / glob.c.
 */
import type { Disk } from '../engine/types.ts';
import { globMatch } from '../engine/util/glob.ts';
import { absolutePath } from '../engine/util/path.ts';
import type { ListItem, Word, WordPart } from './parse.ts';
import { evalArith } from './arith.ts';
import { patternSource } from './pattern.ts';

/** What expansion needs from the shell. */
export interface ExpandEnv {
  param(name: string): string | null;
  setParam(name: string, value: string): void;
  /** `set -u`: called for an unset parameter expanded without a default; it does not return. */
  unbound?(name: string): never;
  /** `$1`, `$2`, …: `"$@"` makes one field of each. */
  positional?(): string[];
  /** Runs `$( )`: its parsed `body` when the parser gave one, else `source` parsed now. */
  commandSubstitution(source: string, line: number, body?: ListItem[]): Promise<string>;
  home(): string;
  cwd: string;
  disk: Disk;
}

/** An expansion bash refuses at run time (`${X!}: bad substitution`). */
export class ExpansionError extends Error {}

interface Field {
  text: string;
  /** Per character: may it act as a glob character (it came unquoted from the script)? */
  active: boolean[];
  /** Whether the field exists even if empty (it had a quoted part). */
  keep: boolean;
}

const IFS = /[ \t\n]+/;

/** Expands a word into fields (command arguments). */
export async function expandWord(word: Word, env: ExpandEnv, opts: { split?: boolean; glob?: boolean } = {}): Promise<string[]> {
  const split = opts.split ?? true;
  const glob = opts.glob ?? true;
  const fields: Field[] = [];
  let cur: Field = { text: '', active: [], keep: false };
  const add = (text: string, active: boolean) => {
    cur.text += text;
    for (let i = 0; i < text.length; i++) cur.active.push(active);
  };
  const addSplit = (value: string) => {
    if (!split) {
      add(value, false);
      return;
    }
    const pieces = value.split(IFS);
    pieces.forEach((piece, i) => {
      if (i > 0) {
        if (cur.text !== '' || cur.keep) fields.push(cur);
        cur = { text: '', active: [], keep: false };
      }
      add(piece, false);
    });
  };
  for (const [index, part] of word.entries()) {
    const next = word[index + 1];
    if (part.kind === 'lit' && part.text === '' && next?.kind === 'param' && next.name === '@' && next.quoted) {
      // The opening quote of `"$@"`: with no arguments it makes no field.
      continue;
    }
    if (part.kind === 'param' && (part.name === '@' || (part.name === '*' && !part.quoted)) && !part.op && env.positional) {
      // `"$@"`: each argument a field of its own (none when there are none); unquoted `$@` and
      // `$*`: each argument split further.
      const args = env.positional();
      args.forEach((arg, i) => {
        if (i > 0) {
          if (part.quoted || cur.text !== '' || cur.keep) fields.push(cur);
          cur = { text: '', active: [], keep: false };
        }
        if (part.quoted) {
          add(arg, false);
          cur.keep = true;
        } else addSplit(arg);
      });
      continue;
    }
    const value = await partValue(part, env);
    switch (part.kind) {
      case 'lit':
        add(part.text, !part.quoted);
        if (part.quoted) cur.keep = true;
        break;
      case 'tilde':
        add(value, false);
        break;
      case 'param':
      case 'replace':
      case 'cmdsub':
      case 'arith':
        if (part.quoted) {
          add(value, false);
          cur.keep = true;
        } else addSplit(value);
        break;
      case 'bad':
        throw new ExpansionError(`${part.text}: bad substitution`);
    }
  }
  if (cur.text !== '' || cur.keep) fields.push(cur);
  const out: string[] = [];
  for (const f of fields) {
    if (glob && f.active.some((a, i) => a && '*?['.includes(f.text[i]))) {
      const matches = pathnameExpand(f, env);
      if (matches.length > 0) {
        out.push(...matches);
        continue;
      }
    }
    out.push(f.text);
  }
  return out;
}

/**
 * Expands a word used as a pattern (`case`, `[[ == ]]`, `[[ =~ ]]`): one string, with what came
 * quoted marked as literal; unquoted expansions may act as pattern characters.
 */
export async function expandPattern(word: Word, env: ExpandEnv): Promise<{ text: string; active: boolean[] }> {
  let text = '';
  const active: boolean[] = [];
  for (const part of word) {
    if (part.kind === 'bad') throw new ExpansionError(`${part.text}: bad substitution`);
    const value = await partValue(part, env);
    const on = part.kind !== 'tilde' && !part.quoted;
    text += value;
    for (let i = 0; i < value.length; i++) active.push(on);
  }
  return { text, active };
}

/** Expands a word into one string, without splitting or globbing (assignments, here-documents). */
export async function expandString(word: Word, env: ExpandEnv): Promise<string> {
  let out = '';
  for (const part of word) {
    if (part.kind === 'bad') throw new ExpansionError(`${part.text}: bad substitution`);
    out += await partValue(part, env);
  }
  return out;
}

async function partValue(part: WordPart, env: ExpandEnv): Promise<string> {
  switch (part.kind) {
    case 'lit':
      return part.text;
    case 'tilde':
      return env.home();
    case 'bad':
      return '';
    case 'cmdsub':
      return (await env.commandSubstitution(part.source, part.line, part.body)).replace(/\n+$/, '');
    case 'arith':
      // The expression is expanded first (as in double quotes), then evaluated; ArithError escapes.
      return evalArith(await expandString(part.expr, env), { get: (n) => env.param(n), set: (n, v) => env.setParam(n, v) }).toString();
    case 'param': {
      const value = env.param(part.name);
      const op = part.op;
      if (value === null && env.unbound && !(op && (op.kind === ':-' || op.kind === '-' || op.kind === ':=' || op.kind === ':+')) && part.name !== '@' && part.name !== '*') env.unbound(part.name);
      if (!op) return value ?? '';
      switch (op.kind) {
        case '#':
          return String((value ?? '').length);
        case ':-':
          return value === null || value === '' ? expandString(op.word, env) : value;
        case '-':
          return value === null ? expandString(op.word, env) : value;
        case ':=': {
          if (value !== null && value !== '') return value;
          const v = await expandString(op.word, env);
          env.setParam(part.name, v);
          return v;
        }
        case ':+':
          return value === null || value === '' ? '' : expandString(op.word, env);
        case '^':
        case '^^':
        case ',':
        case ',,': {
          const v = value ?? '';
          const change = (t: string) => (op.kind.startsWith('^') ? t.toUpperCase() : t.toLowerCase());
          return op.kind.length === 2 ? change(v) : change(v.slice(0, 1)) + v.slice(1);
        }
        case 'trim#':
        case 'trim##':
        case 'trim%':
        case 'trim%%': {
          const re = new RegExp(`^(?:${patternSource(await expandPattern(op.word, env))})$`);
          const longest = op.kind.length === 6;
          const fromStart = op.kind.startsWith('trim#');
          const trimOne = (v: string): string => {
            const ks = [...Array(v.length + 1).keys()];
            if (longest) ks.reverse();
            for (const k of ks) if (fromStart ? re.test(v.slice(0, k)) : re.test(v.slice(v.length - k))) return fromStart ? v.slice(k) : v.slice(0, v.length - k);
            return v;
          };
          // `${@%x}`: every positional parameter trimmed.
          if ((part.name === '@' || part.name === '*') && env.positional) return env.positional().map(trimOne).join(' ');
          return trimOne(value ?? '');
        }
      }
      return value ?? '';
    }
    case 'replace': {
      const found = env.param(part.name);
      if (found === null && env.unbound) env.unbound(part.name);
      const v = found ?? '';
      let pattern = await expandPattern(part.pattern, env);
      const replacement = await expandString(part.replacement, env);
      // An unquoted `#` or `%` first anchors the pattern at the start or the end.
      const anchor = pattern.active[0] && (pattern.text[0] === '#' || pattern.text[0] === '%') ? pattern.text[0] : null;
      if (anchor !== null) pattern = { text: pattern.text.slice(1), active: pattern.active.slice(1) };
      if (pattern.text === '' && anchor === null) return v;
      const re = new RegExp(`^(?:${patternSource(pattern)})$`);
      if (anchor === '#') {
        for (let k = v.length; k >= 0; k--) if (re.test(v.slice(0, k))) return replacement + v.slice(k);
        return v;
      }
      if (anchor === '%') {
        for (let k = 0; k <= v.length; k++) if (re.test(v.slice(k))) return v.slice(0, k) + replacement;
        return v;
      }
      // Each match is the longest one starting at the leftmost place that matches.
      let out = '';
      let i = 0;
      let replaced = false;
      while (i <= v.length) {
        let len = -1;
        if (!replaced || part.all) for (let k = v.length; k > i; k--) if (re.test(v.slice(i, k))) {
          len = k - i;
          break;
        }
        if (len > 0) {
          out += replacement;
          i += len;
          replaced = true;
        } else {
          if (i < v.length) out += v[i];
          i++;
        }
      }
      return out;
    }
  }
}

/** Matches a field with active glob characters against the disk, segment by segment. */
function pathnameExpand(f: Field, env: ExpandEnv): string[] {
  // Turn the field into a pattern where quoted glob characters are escaped.
  let pattern = '';
  for (let i = 0; i < f.text.length; i++) {
    const c = f.text[i];
    pattern += !f.active[i] && '*?[]\\'.includes(c) ? `\\${c}` : c;
  }
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let results: string[] = [absolute ? '/' : ''];
  for (const seg of segments) {
    if (seg === '') continue;
    const next: string[] = [];
    const literal = !/(^|[^\\])[*?[]/.test(seg);
    for (const base of results) {
      const dir = absolutePath(env.cwd, base === '' ? '.' : base);
      if (literal) {
        const name = seg.replace(/\\(.)/g, '$1');
        const candidate = base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`;
        if (env.disk.exists(absolutePath(env.cwd, candidate))) next.push(candidate);
        continue;
      }
      if (!env.disk.isDirectory(dir)) continue;
      for (const name of env.disk.list(dir)) {
        if (name.startsWith('.') && !seg.startsWith('.')) continue;
        if (globMatch(seg, name)) next.push(base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`);
      }
    }
    results = next;
  }
  return results.filter((r) => r !== '' && r !== '/').sort();
}

/** A word as brace expansion sees it: unquoted literal characters one by one, other parts whole. */
type BraceToken = { ch: string } | { part: WordPart };

/**
 * Brace expansion, done first and on the text as written: `a{b,c}d` → `abd acd`, `{1..3}`,
 * `{a..e}`, `{1..10..3}`, `{01..03}`; quoted or escaped braces and commas do not count, a brace
 * without a comma or a valid sequence stays as it is. Counterpart in bash: braces.c.
 */
export function braceExpand(word: Word): Word[] {
  if (!word.some((p) => p.kind === 'lit' && !p.quoted && p.text.includes('{'))) return [word];
  const tokens: BraceToken[] = [];
  for (const p of word) {
    if (p.kind === 'lit' && !p.quoted) for (const ch of p.text) tokens.push({ ch });
    else tokens.push({ part: p });
  }
  const results = expandTokens(tokens, 0);
  return results.map((toks) => {
    const out: Word = [];
    for (const t of toks) {
      if ('part' in t) out.push(t.part);
      else {
        const last = out[out.length - 1];
        if (last && last.kind === 'lit' && !last.quoted) out[out.length - 1] = { kind: 'lit', text: last.text + t.ch, quoted: false };
        else out.push({ kind: 'lit', text: t.ch, quoted: false });
      }
    }
    return out;
  });
}

const isCh = (t: BraceToken | undefined, c: string): boolean => t !== undefined && 'ch' in t && t.ch === c;

function expandTokens(tokens: BraceToken[], depth: number): BraceToken[][] {
  if (depth > 20) return [tokens];
  for (let i = 0; i < tokens.length; i++) {
    if (!isCh(tokens[i], '{') || isCh(tokens[i - 1], '$')) continue;
    let level = 0;
    let close = -1;
    const commas: number[] = [];
    for (let j = i + 1; j < tokens.length; j++) {
      if (isCh(tokens[j], '{')) level++;
      else if (isCh(tokens[j], '}')) {
        if (level === 0) {
          close = j;
          break;
        }
        level--;
      } else if (isCh(tokens[j], ',') && level === 0) commas.push(j);
    }
    if (close < 0) continue;
    let alternatives: BraceToken[][];
    if (commas.length > 0) {
      alternatives = [];
      let start = i + 1;
      for (const c of [...commas, close]) {
        alternatives.push(tokens.slice(start, c));
        start = c + 1;
      }
    } else {
      const inner = tokens.slice(i + 1, close);
      const seq = inner.every((t) => 'ch' in t) ? sequence(inner.map((t) => (t as { ch: string }).ch).join('')) : null;
      if (seq === null) continue;
      // A backslash in a letter range escapes nothing and leaves an empty word, as in bash.
      alternatives = seq.map((s) => (s === '\\' ? [{ part: { kind: 'lit', text: '', quoted: true } }] : [...s].map((ch) => ({ ch }))));
    }
    const pre = tokens.slice(0, i);
    const post = expandTokens(tokens.slice(close + 1), depth + 1);
    const out: BraceToken[][] = [];
    for (const alt of alternatives) {
      for (const a of commas.length > 0 ? expandTokens(alt, depth + 1) : [alt]) {
        for (const p of post) out.push([...pre, ...a, ...p]);
        if (out.length > 100_000) return [tokens];
      }
    }
    return out;
  }
  return [tokens];
}

/** `{X..Y[..STEP]}` of integers or single letters; null when it is not one. */
function sequence(text: string): string[] | null {
  const num = /^([-+]?\d+)\.\.([-+]?\d+)(?:\.\.([-+]?\d+))?$/.exec(text);
  const chr = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.([-+]?\d+))?$/.exec(text);
  const m = num ?? chr;
  if (!m) return null;
  const step = Math.abs(Number(m[3] ?? '1')) || 1;
  const out: string[] = [];
  if (num) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || Math.abs(to - from) / step > 100_000) return null;
    const padded = (s: string) => /^[-+]?0\d/.test(s);
    const width = padded(m[1]) || padded(m[2]) ? Math.max(m[1].length, m[2].length) : 0;
    for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) {
      const abs = String(Math.abs(v));
      out.push(v < 0 ? '-' + abs.padStart(width - 1, '0') : abs.padStart(width, '0'));
    }
    return out;
  }
  const from = m[1].charCodeAt(0);
  const to = m[2].charCodeAt(0);
  for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) out.push(String.fromCharCode(v));
  return out;
}
