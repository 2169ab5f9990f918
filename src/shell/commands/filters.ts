/**
 * More text filters: `sort` (-n -r -u -t -k -b -f -o), `uniq` (-c -d -u -i), `cut` (-d -f -c -b -s --complement), `tr`
 * (sets with ranges, classes and escapes; -d -s -c), `seq` (FIRST INCR LAST, -s -w). Messages and
 * exit codes are GNU coreutils' under a C.UTF-8 locale (bytewise order, curly quotes).
 *
 * Counterpart: GNU coreutils sort.c, cut.c, tr.c, seq.c. `sort` and `tr`, like GNU's, read
 * their whole input before writing (sort) or translate as it arrives (tr, cut).
 */
import type { ProcCtx, Program } from '../process.ts';
import { lines, readAll, TextInput, type Input } from '../streams.ts';
import { curly } from './files.ts';

function tryHelp(ctx: ProcCtx, name: string, message: string, status = 1): number {
  ctx.stderr.write(`${name}: ${message}\nTry '${name} --help' for more information.\n`);
  return status;
}

/** Short options with values (`-d:` or `-d :`), flags, operands; `--long=value` kept as given. */
function parseOptions(args: string[], withValue: string): { opts: [string, string][]; operands: string[]; bad: string | null; missing: string | null } {
  const opts: [string, string][] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      opts.push([a, '']);
      continue;
    }
    if (!a.startsWith('-') || a === '-' || /^-\d/.test(a)) {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if (withValue.includes(f)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined) return { opts, operands, bad: null, missing: f };
        opts.push([f, value]);
        break;
      }
      opts.push([f, '']);
    }
  }
  return { opts, operands, bad: null, missing: null };
}

/** Opens the operands in turn (`-` or none: standard input); reports unreadable ones. */
async function* inputs(ctx: ProcCtx, files: string[], report: (name: string, why: string) => void): AsyncGenerator<Input> {
  for (const f of files.length === 0 ? ['-'] : files) {
    if (f === '-') {
      yield ctx.stdin;
      continue;
    }
    const path = ctx.resolve(f);
    const data = ctx.host.disk.read(path);
    if (data === null || ctx.host.disk.isDirectory(path)) {
      report(f, ctx.host.disk.isDirectory(path) ? 'Is a directory' : 'No such file or directory');
      continue;
    }
    yield new TextInput(data);
  }
}

// ---- sort ----

interface SortKey {
  startField: number;
  startChar: number;
  endField: number | null;
  endChar: number;
  numeric: boolean;
  reverse: boolean;
  blanks: boolean;
  fold: boolean;
}

/** The leading number of a line as `sort -n` reads it (none: 0). */
function numericValue(s: string): number {
  const m = /^[ \t]*(-?(\d*\.?\d*))/.exec(s);
  if (!m || m[2] === '' || m[2] === '.') return 0;
  return Number(m[1]);
}

function fieldStarts(line: string, sep: string | null): number[] {
  const starts = [0];
  if (sep !== null) {
    for (let i = 0; i < line.length; i++) if (line[i] === sep) starts.push(i + 1);
    return starts;
  }
  // Without -t a field is blanks followed by non-blanks.
  for (let i = 1; i < line.length; i++) if ((line[i] === ' ' || line[i] === '\t') && line[i - 1] !== ' ' && line[i - 1] !== '\t') starts.push(i);
  return starts;
}

function keyText(line: string, key: SortKey, sep: string | null): string {
  const starts = fieldStarts(line, sep);
  const fieldEnd = (f: number) => (f + 1 < starts.length ? starts[f + 1] - (sep !== null ? 1 : 0) : line.length);
  if (key.startField - 1 >= starts.length) return '';
  let begin = starts[key.startField - 1];
  if (key.blanks) while (line[begin] === ' ' || line[begin] === '\t') begin++;
  begin = Math.min(begin + key.startChar - 1, line.length);
  let end = line.length;
  if (key.endField !== null) {
    if (key.endField - 1 < starts.length) end = key.endChar === 0 ? fieldEnd(key.endField - 1) : Math.min(starts[key.endField - 1] + key.endChar, fieldEnd(key.endField - 1));
  }
  return line.slice(begin, Math.max(begin, end));
}

function parseKey(spec: string, global: Omit<SortKey, 'startField' | 'startChar' | 'endField' | 'endChar'>): SortKey | string {
  const m = /^(\d+)(?:\.(\d+))?([bdfgMhnrV]*)(?:,(\d+)(?:\.(\d+))?([bdfgMhnrV]*))?$/.exec(spec);
  if (!m) return `invalid field specification ${curly(spec)}`;
  if (Number(m[1]) === 0) return `field number is zero: invalid field specification ${curly(spec)}`;
  const flags = (m[3] ?? '') + (m[6] ?? '');
  const own = flags !== '';
  return {
    startField: Number(m[1]),
    startChar: m[2] ? Number(m[2]) : 1,
    endField: m[4] ? Number(m[4]) : null,
    endChar: m[5] ? Number(m[5]) : 0,
    numeric: own ? flags.includes('n') : global.numeric,
    reverse: own ? flags.includes('r') : global.reverse,
    blanks: own ? flags.includes('b') : global.blanks,
    fold: own ? flags.includes('f') : global.fold,
  };
}

const sort: Program = async (ctx) => {
  const p = parseOptions(ctx.argv.slice(1), 'tko');
  if (p.missing) return tryHelp(ctx, 'sort', `option requires an argument -- '${p.missing}'`, 2);
  const global = { numeric: false, reverse: false, blanks: false, fold: false };
  let unique = false;
  let sep: string | null = null;
  let output: string | null = null;
  const keySpecs: string[] = [];
  for (const [f, v] of p.opts) {
    if (f === 'n' || f === '--numeric-sort') global.numeric = true;
    else if (f === 'r' || f === '--reverse') global.reverse = true;
    else if (f === 'u' || f === '--unique') unique = true;
    else if (f === 'b') global.blanks = true;
    else if (f === 'f') global.fold = true;
    else if (f === 's') continue;
    else if (f === 't') {
      if (v.length !== 1) {
        ctx.stderr.write(v === '' ? 'sort: empty tab\n' : `sort: multi-character tab ${curly(v)}\n`);
        return 2;
      }
      sep = v;
    } else if (f === 'k') keySpecs.push(v);
    else if (f === 'o') output = v;
    else if (f.startsWith('--')) return tryHelp(ctx, 'sort', `unrecognized option '${f}'`, 2);
    else return tryHelp(ctx, 'sort', `invalid option -- '${f}'`, 2);
  }
  const keys: SortKey[] = [];
  for (const spec of keySpecs) {
    const k = parseKey(spec, global);
    if (typeof k === 'string') {
      ctx.stderr.write(`sort: ${k}\n`);
      return 2;
    }
    keys.push(k);
  }
  const all: string[] = [];
  let failed = false;
  for await (const input of inputs(ctx, p.operands, (name, why) => {
    ctx.stderr.write(`sort: cannot read: ${name}: ${why}\n`);
    failed = true;
  })) {
    const text = await readAll(input);
    if (text === '') continue;
    all.push(...(text.endsWith('\n') ? text.slice(0, -1) : text).split('\n'));
  }
  if (failed) return 2;
  const effective: SortKey[] = keys.length > 0 ? keys : [{ startField: 1, startChar: 1, endField: null, endChar: 0, ...global }];
  const cmpKey = (a: string, b: string, k: SortKey): number => {
    const ka = keys.length > 0 ? keyText(a, k, sep) : a;
    const kb = keys.length > 0 ? keyText(b, k, sep) : b;
    let r: number;
    if (k.numeric) r = Math.sign(numericValue(ka) - numericValue(kb));
    else {
      const x = k.fold ? ka.toUpperCase() : ka;
      const y = k.fold ? kb.toUpperCase() : kb;
      r = x < y ? -1 : x > y ? 1 : 0;
    }
    return k.reverse ? -r : r;
  };
  const byKeys = (a: string, b: string): number => {
    for (const k of effective) {
      const r = cmpKey(a, b, k);
      if (r !== 0) return r;
    }
    return 0;
  };
  // Equal keys fall back to comparing whole lines bytewise (not with -u), as GNU sort does.
  const sorted = all
    .map((line, i) => ({ line, i }))
    .sort((a, b) => {
      const r = byKeys(a.line, b.line);
      if (r !== 0 || unique) return r || a.i - b.i;
      const last = a.line < b.line ? -1 : a.line > b.line ? 1 : 0;
      return global.reverse ? -last : last;
    })
    .map((e) => e.line);
  const out = unique ? sorted.filter((l, i) => i === 0 || byKeys(sorted[i - 1], l) !== 0) : sorted;
  const text = out.map((l) => l + '\n').join('');
  if (output !== null) ctx.host.disk.write(ctx.resolve(output), text);
  else ctx.stdout.write(text);
  return 0;
};

// ---- cut ----

type Range = [number, number];

/** A cut list (`1,3-5,7-`); an error message when invalid. */
function parseList(spec: string, what: 'field' | 'byte/character'): Range[] | string {
  const ranges: Range[] = [];
  for (const part of spec.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '' )) {
      if (part === '-' ) return 'invalid range with no endpoint: -';
      return `invalid ${what} value ${curly(part)}`;
    }
    const lo = m[1] === '' ? 1 : Number(m[1]);
    const hi = m[2] === '' ? lo : m[3] === '' ? Infinity : Number(m[3]);
    if (lo === 0 || hi === 0) return what === 'field' ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    if (hi < lo) return 'invalid decreasing range';
    ranges.push([lo, hi]);
  }
  return ranges;
}

const cut: Program = async (ctx) => {
  const p = parseOptions(ctx.argv.slice(1), 'dfcb');
  if (p.missing) return tryHelp(ctx, 'cut', `option requires an argument -- '${p.missing}'`);
  let delim = '\t';
  let list: { kind: 'f' | 'c'; spec: string } | null = null;
  let onlyDelimited = false;
  let complement = false;
  for (const [f, v] of p.opts) {
    if (f === 'd') {
      if (v.length !== 1) return tryHelp(ctx, 'cut', 'the delimiter must be a single character');
      delim = v;
    } else if (f === 'f' || f === 'c' || f === 'b') {
      if (list !== null) return tryHelp(ctx, 'cut', 'only one list may be specified');
      list = { kind: f === 'f' ? 'f' : 'c', spec: v };
    } else if (f === 's') onlyDelimited = true;
    else if (f === 'n') continue;
    else if (f === '--complement') complement = true;
    else if (f.startsWith('--')) return tryHelp(ctx, 'cut', `unrecognized option '${f}'`);
    else return tryHelp(ctx, 'cut', `invalid option -- '${f}'`);
  }
  if (list === null) return tryHelp(ctx, 'cut', 'you must specify a list of bytes, characters, or fields');
  const ranges = parseList(list.spec, list.kind === 'f' ? 'field' : 'byte/character');
  if (typeof ranges === 'string') return tryHelp(ctx, 'cut', ranges);
  const picked = (n: number) => ranges.some(([lo, hi]) => n >= lo && n <= hi) !== complement;
  let status = 0;
  for await (const input of inputs(ctx, p.operands, (name, why) => {
    ctx.stderr.write(`cut: ${name}: ${why}\n`);
    status = 1;
  })) {
    for await (const { line } of lines(input)) {
      if (list.kind === 'c') {
        let out = '';
        for (let i = 0; i < line.length; i++) if (picked(i + 1)) out += line[i];
        ctx.stdout.write(out + '\n');
        continue;
      }
      if (!line.includes(delim)) {
        if (!onlyDelimited) ctx.stdout.write(line + '\n');
        continue;
      }
      ctx.stdout.write(line.split(delim).filter((_, i) => picked(i + 1)).join(delim) + '\n');
    }
  }
  return status;
};

// ---- tr ----

const TR_CLASSES: Record<string, string> = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digit: '0123456789',
  space: ' \t\n\r\f\v',
  blank: ' \t',
};
TR_CLASSES.alpha = TR_CLASSES.lower + TR_CLASSES.upper;
TR_CLASSES.alnum = TR_CLASSES.digit + TR_CLASSES.upper + TR_CLASSES.lower;
TR_CLASSES.xdigit = '0123456789ABCDEFabcdef';
TR_CLASSES.punct = [...Array(128).keys()].map((c) => String.fromCharCode(c)).filter((c) => /[!-/:-@[-`{-~]/.test(c)).join('');

/** Expands a tr set: escapes, ranges `a-z`, classes `[:upper:]`; an error message when invalid. */
function expandSet(spec: string): string | { error: string } {
  const chars: string[] = [];
  const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };
  const items: string[] = [];
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    const cls = /^\[:([a-z]+):\]/.exec(spec.slice(i));
    if (cls) {
      if (!Object.hasOwn(TR_CLASSES, cls[1])) return { error: `invalid character class ${curly(cls[1])}` };
      items.push(...TR_CLASSES[cls[1]]);
      i += cls[0].length - 1;
      continue;
    }
    if (c === '\\' && i + 1 < spec.length) {
      const n = spec[++i];
      const oct = /^[0-7]{1,3}/.exec(spec.slice(i));
      if (oct) {
        items.push(String.fromCharCode(parseInt(oct[0], 8) & 0xff));
        i += oct[0].length - 1;
      } else items.push(esc[n] ?? n);
      continue;
    }
    items.push(c);
  }
  for (let i = 0; i < items.length; i++) {
    if (items[i + 1] === '-' && i + 2 < items.length) {
      const lo = items[i].charCodeAt(0);
      const hi = items[i + 2].charCodeAt(0);
      if (hi < lo) return { error: `range-endpoints of '${items[i]}-${items[i + 2]}' are in reverse collating sequence order` };
      for (let c = lo; c <= hi; c++) chars.push(String.fromCharCode(c));
      i += 2;
    } else chars.push(items[i]);
  }
  return chars.join('');
}

const tr: Program = async (ctx) => {
  const p = parseOptions(ctx.argv.slice(1), '');
  let del = false;
  let squeeze = false;
  let complement = false;
  for (const [f] of p.opts) {
    if (f === 'd' || f === '--delete') del = true;
    else if (f === 's' || f === '--squeeze-repeats') squeeze = true;
    else if (f === 'c' || f === 'C' || f === '--complement') complement = true;
    else if (f.startsWith('--')) return tryHelp(ctx, 'tr', `unrecognized option '${f}'`);
    else return tryHelp(ctx, 'tr', `invalid option -- '${f}'`);
  }
  const ops = p.operands;
  const needed = del && squeeze ? 2 : del || (squeeze && ops.length < 2) ? 1 : 2;
  if (ops.length === 0) return tryHelp(ctx, 'tr', 'missing operand');
  if (ops.length < needed) {
    const why = del ? 'Two strings must be given when both deleting and squeezing repeats.' : 'Two strings must be given when translating.';
    ctx.stderr.write(`tr: missing operand after ${curly(ops[ops.length - 1])}\n${why}\nTry 'tr --help' for more information.\n`);
    return 1;
  }
  if (ops.length > needed) {
    if (del && !squeeze) {
      ctx.stderr.write(`tr: extra operand ${curly(ops[needed])}\nOnly one string may be given when deleting without squeezing repeats.\nTry 'tr --help' for more information.\n`);
      return 1;
    }
    return tryHelp(ctx, 'tr', `extra operand ${curly(ops[needed])}`);
  }
  const sets: string[] = [];
  for (const spec of ops) {
    const s = expandSet(spec);
    if (typeof s !== 'string') {
      ctx.stderr.write(`tr: ${s.error}\n`);
      return 1;
    }
    sets.push(s);
  }
  let set1 = sets[0];
  if (complement) {
    let all = '';
    for (let c = 0; c < 256; c++) if (!set1.includes(String.fromCharCode(c))) all += String.fromCharCode(c);
    set1 = all;
  }
  const map = new Map<string, string>();
  const translating = !del && sets.length === 2;
  if (translating) {
    const set2 = sets[1];
    if (set2 === '') {
      ctx.stderr.write('tr: when not truncating set1, string2 must be non-empty\n');
      return 1;
    }
    for (let i = 0; i < set1.length; i++) map.set(set1[i], set2[Math.min(i, set2.length - 1)]);
  }
  const squeezeSet = squeeze ? (sets.length === 2 ? sets[1] : set1) : '';
  let last = '';
  for await (const chunk of ctx.stdin) {
    let out = '';
    for (const c of chunk) {
      if (del && set1.includes(c)) continue;
      const t = translating ? (map.get(c) ?? c) : c;
      if (squeeze && t === last && squeezeSet.includes(t)) continue;
      out += t;
      last = t;
    }
    ctx.stdout.write(out);
  }
  return 0;
};

// ---- seq ----

const seq: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let sep = '\n';
  let equalWidth = false;
  let format: string | null = null;
  const nums: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (nums.length === 0 && /^-[swf]/.test(a)) {
      const f = a[1];
      if (f === 'w') {
        if (a.length > 2) return tryHelp(ctx, 'seq', `invalid option -- '${a[2]}'`);
        equalWidth = true;
        continue;
      }
      const value = a.length > 2 ? a.slice(2) : args[++i];
      if (value === undefined) return tryHelp(ctx, 'seq', `option requires an argument -- '${f}'`);
      if (f === 's') sep = value;
      else format = value;
      continue;
    }
    if (/^-[^\d.]/.test(a) && nums.length === 0) return tryHelp(ctx, 'seq', `invalid option -- '${a[1]}'`);
    nums.push(a);
  }
  if (nums.length === 0) return tryHelp(ctx, 'seq', 'missing operand');
  if (nums.length > 3) return tryHelp(ctx, 'seq', `extra operand ${curly(nums[3])}`);
  for (const n of nums) if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(n)) return tryHelp(ctx, 'seq', `invalid floating point argument: ${curly(n)}`);
  const [first, incr, last] = nums.length === 1 ? ['1', '1', nums[0]] : nums.length === 2 ? [nums[0], '1', nums[1]] : [nums[0], nums[1], nums[2]];
  if (Number(incr) === 0) return tryHelp(ctx, 'seq', `invalid Zero increment value: ${curly(incr)}`);
  const decimals = Math.max(...[first, incr].map((n) => (n.includes('.') ? n.length - n.indexOf('.') - 1 : 0)));
  const scale = 10 ** decimals;
  const a = Math.round(Number(first) * scale);
  const step = Math.round(Number(incr) * scale);
  const z = Number(last) * scale;
  const out: string[] = [];
  for (let v = a; step > 0 ? v <= z + 1e-9 : v >= z - 1e-9; v += step) {
    let text = (v / scale).toFixed(decimals);
    if (format !== null) {
      const m = /%([-0]?)(\d*)(?:\.(\d+))?[gfe]/.exec(format);
      const body = m?.[3] !== undefined ? (v / scale).toFixed(Number(m[3])) : String(v / scale);
      const width = m?.[2] ? Number(m[2]) : 0;
      const padded = m?.[1] === '0' ? body.padStart(width, '0') : m?.[1] === '-' ? body.padEnd(width) : body.padStart(width);
      text = m ? format.replace(m[0], padded).replace(/%%/g, '%') : format;
    }
    out.push(text);
    if (out.length > 1_000_000) break;
  }
  if (equalWidth && format === null) {
    const width = Math.max(...out.map((t) => t.length));
    for (let i = 0; i < out.length; i++) out[i] = out[i].startsWith('-') ? '-' + out[i].slice(1).padStart(width - 1, '0') : out[i].padStart(width, '0');
  }
  if (out.length > 0) ctx.stdout.write(out.join(sep) + '\n');
  return 0;
};

// ---- uniq ----

/** `uniq [-c] [-d] [-u] [-i] [INPUT]`: adjacent equal lines once (GNU uniq). */
const uniq: Program = async (ctx) => {
  const p = parseOptions(ctx.argv.slice(1), '');
  let count = false;
  let repeated = false;
  let unique = false;
  let fold = false;
  for (const [f] of p.opts) {
    if (f === 'c' || f === '--count') count = true;
    else if (f === 'd' || f === '--repeated') repeated = true;
    else if (f === 'u' || f === '--unique') unique = true;
    else if (f === 'i' || f === '--ignore-case') fold = true;
    else if (f.startsWith('--')) return tryHelp(ctx, 'uniq', `unrecognized option '${f}'`);
    else return tryHelp(ctx, 'uniq', `invalid option -- '${f}'`);
  }
  if (p.operands.length > 2) return tryHelp(ctx, 'uniq', `extra operand ${curly(p.operands[2])}`);
  let status = 0;
  const source = inputs(ctx, p.operands.slice(0, 1), (name, why) => {
    ctx.stderr.write(`uniq: ${name}: ${why}\n`);
    status = 1;
  });
  let prev: string | null = null;
  let n = 0;
  const flush = () => {
    if (prev === null) return;
    if ((repeated && n < 2) || (unique && n > 1)) return;
    ctx.stdout.write(`${count ? `${String(n).padStart(7)} ` : ''}${prev}\n`);
  };
  for await (const input of source) {
    for await (const { line } of lines(input)) {
      if (prev !== null && (fold ? prev.toLowerCase() === line.toLowerCase() : prev === line)) {
        n++;
        continue;
      }
      flush();
      prev = line;
      n = 1;
    }
  }
  flush();
  return status;
};

export const FILTER_PROGRAMS: Record<string, Program> = { sort, cut, tr, seq, uniq };
