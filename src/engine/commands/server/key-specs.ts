/**
 * Which arguments of a command are keys, read from the key specs of Redis 7's command table
 * (the 9th element of each COMMAND INFO entry).
 *
 * Counterpart in Redis: db.c `getKeysUsingKeySpecs` and `getKeysFromCommandWithSpecs`.
 * A begin-search step finds the first key (a fixed index, or the argument after a keyword);
 * a find-keys step finds the rest (a range, or a count read from the arguments). Commands
 * whose keys Redis finds with a custom function (SORT, MIGRATE, …) are not modelled: a spec
 * Redis marks incomplete or unknown yields no keys here.
 */
import type { Bytes } from '../../types.ts';
import type { Reply } from '../../resp/reply.ts';
import type { CommandMeta } from '../table.ts';

type BeginSearch = { type: 'index'; pos: number } | { type: 'keyword'; keyword: string; startfrom: number } | { type: 'unknown' };
type FindKeys = { type: 'range'; lastkey: number; keystep: number; limit: number } | { type: 'keynum'; keynumidx: number; firstkey: number; keystep: number } | { type: 'unknown' };

export interface KeySpec {
  flags: string[];
  begin: BeginSearch;
  find: FindKeys;
}

/** A key argument and the flags of the spec that found it (COMMAND GETKEYSANDFLAGS). */
export interface KeyRef {
  pos: number;
  flags: string[];
}

const items = (r: Reply | undefined): Reply[] => (r && r.type === 'array' && r.value ? r.value : []);
const text = (r: Reply | undefined): string => (r && (r.type === 'bulk' || r.type === 'simple') ? (r.value ?? '') : '');
const num = (r: Reply | undefined): number => (r && r.type === 'integer' ? r.value : 0);

/** A flat RESP2 map (`k1 v1 k2 v2 …`) as an object. */
function flatMap(r: Reply | undefined): Record<string, Reply> {
  const out: Record<string, Reply> = {};
  const a = items(r);
  for (let i = 0; i + 1 < a.length; i += 2) out[text(a[i])] = a[i + 1];
  return out;
}

const CACHE = new WeakMap<CommandMeta, KeySpec[]>();

/** The key specs of a command, decoded once from its COMMAND INFO entry. */
export function keySpecs(meta: CommandMeta): KeySpec[] {
  let specs = CACHE.get(meta);
  if (specs) return specs;
  specs = items(items(meta.info)[8]).map((raw) => {
    const m = flatMap(raw);
    const bs = flatMap(m.begin_search);
    const bsSpec = flatMap(bs.spec);
    const fk = flatMap(m.find_keys);
    const fkSpec = flatMap(fk.spec);
    let begin: BeginSearch = { type: 'unknown' };
    if (text(bs.type) === 'index') begin = { type: 'index', pos: num(bsSpec.index) };
    else if (text(bs.type) === 'keyword') begin = { type: 'keyword', keyword: text(bsSpec.keyword), startfrom: num(bsSpec.startfrom) };
    let find: FindKeys = { type: 'unknown' };
    if (text(fk.type) === 'range') find = { type: 'range', lastkey: num(fkSpec.lastkey), keystep: num(fkSpec.keystep), limit: num(fkSpec.limit) };
    else if (text(fk.type) === 'keynum') find = { type: 'keynum', keynumidx: num(fkSpec.keynumidx), firstkey: num(fkSpec.firstkey), keystep: num(fkSpec.keystep) };
    return { flags: items(m.flags).map(text), begin, find };
  });
  CACHE.set(meta, specs);
  return specs;
}

/** Whether the command has keys at all (`doesCommandHaveKeys`, without custom getkeys functions). */
export function hasKeys(meta: CommandMeta): boolean {
  return keySpecs(meta).some((s) => !s.flags.includes('not_key'));
}

/**
 * The key positions of `argv` (argv[0] is the command name), or null when a spec does not
 * apply to these arguments (Redis then falls back to the command's own getkeys function).
 */
export function keyPositions(meta: CommandMeta, argv: readonly Bytes[]): KeyRef[] | null {
  const argc = argv.length;
  const out: KeyRef[] = [];
  for (const spec of keySpecs(meta)) {
    if (spec.flags.includes('not_key')) continue;
    let first = 0;
    if (spec.begin.type === 'index') {
      first = spec.begin.pos;
    } else if (spec.begin.type === 'keyword') {
      const { keyword, startfrom } = spec.begin;
      const start = startfrom > 0 ? startfrom : argc + startfrom;
      const end = startfrom > 0 ? argc - 1 : 1;
      for (let i = start; i !== end; i = start <= end ? i + 1 : i - 1) {
        if (i >= argc || i < 1) break;
        if (argv[i].toLowerCase() === keyword.toLowerCase()) {
          first = i + 1;
          break;
        }
      }
      if (!first) continue;
    } else {
      return null;
    }
    let last: number;
    let step: number;
    if (spec.find.type === 'range') {
      step = spec.find.keystep;
      if (spec.find.lastkey >= 0) last = first + spec.find.lastkey;
      else if (!spec.find.limit) last = argc + spec.find.lastkey;
      else last = first + (Math.floor((argc - first) / spec.find.limit) + spec.find.lastkey);
    } else if (spec.find.type === 'keynum') {
      step = spec.find.keystep;
      const idx = first + spec.find.keynumidx;
      if (idx >= argc || !/^-?[0-9]+$/.test(argv[idx])) return null;
      const numkeys = Number(argv[idx]);
      if (numkeys < 0) return null;
      first += spec.find.firstkey;
      last = first + numkeys - 1;
    } else {
      return null;
    }
    if (last >= argc || last < first || first >= argc) return null;
    const flags = spec.flags.includes('variable_flags') ? variableFlags(meta, argv) : spec.flags;
    for (let i = first; i <= last; i += Math.max(1, step)) {
      if (i >= argc || i < first) continue;
      out.push({ pos: i, flags });
    }
    if (spec.flags.includes('incomplete')) return null;
  }
  return out;
}

/**
 * The flags of a spec marked `variable_flags`, which Redis computes from the arguments
 * (`setGetKeys`, `bitfieldGetKeys`): SET overwrites unless GET reads the old value; BITFIELD
 * writes only with SET or INCRBY.
 */
function variableFlags(meta: CommandMeta, argv: readonly Bytes[]): string[] {
  const words = argv.slice(2).map((a) => a.toLowerCase());
  if (meta.name === 'set') return words.includes('get') ? ['RW', 'access', 'update'] : ['OW', 'update'];
  if (meta.name === 'bitfield') return words.some((w) => w === 'set' || w === 'incrby') ? ['RW', 'update'] : ['RO', 'access'];
  return [];
}

/** The key names of a command line (none when its specs do not apply). */
export function commandKeys(meta: CommandMeta, argv: readonly Bytes[]): Bytes[] {
  return (keyPositions(meta, argv) ?? []).map((k) => argv[k.pos]);
}
