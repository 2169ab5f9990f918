/**
 * The pieces of Redis 7's multi-part append-only file that are pure data: the manifest (which
 * base, incr and history files make up the AOF) and the incr files' command log.
 *
 * Counterpart in Redis: aof.c (`aofInfoFormat`, `getAofManifestAsString`,
 * `aofLoadManifestFromFile`, `getNewBaseFileNameAndMarkPreAsHistory`, `getNewIncrAofName`,
 * `markRewrittenIncrAofAsHistory`, and the reading loop of `loadSingleAppendOnlyFile`).
 * The manifest is one line per file: `file <name> seq <n> type <b|h|i>`, base first, then
 * history, then incr files. File names follow `<appendfilename>.<seq>.base.rdb` and
 * `<appendfilename>.<seq>.incr.aof`.
 */
import type { Bytes } from '../types.ts';
import { splitArgs } from '../util/split-args.ts';
import { catRepr } from '../util/repr.ts';

/** A file's role in the AOF: base (an RDB snapshot), history (to delete), incr (commands). */
export type AofFileType = 'b' | 'h' | 'i';

export interface AofInfo {
  fileName: string;
  fileSeq: number;
  fileType: AofFileType;
}

/** `aofManifest`: the files that make up the AOF, and the last sequence numbers used. */
export interface AofManifest {
  base: AofInfo | null;
  incr: AofInfo[];
  history: AofInfo[];
  currBaseFileSeq: number;
  currIncrFileSeq: number;
}

export function emptyManifest(): AofManifest {
  return { base: null, incr: [], history: [], currBaseFileSeq: 0, currIncrFileSeq: 0 };
}

export function cloneManifest(am: AofManifest): AofManifest {
  return {
    base: am.base ? { ...am.base } : null,
    incr: am.incr.map((i) => ({ ...i })),
    history: am.history.map((i) => ({ ...i })),
    currBaseFileSeq: am.currBaseFileSeq,
    currIncrFileSeq: am.currIncrFileSeq,
  };
}

/** A file name as the manifest writes it: quoted with escapes when it holds unusual bytes (`sdscatrepr`). */
function manifestName(name: string): string {
  if (/^[\x21-\x7e]+$/.test(name) && !/["'\\]/.test(name)) return name;
  return catRepr(name);
}

/** The manifest file's content (`getAofManifestAsString`). */
export function formatManifest(am: AofManifest): string {
  const line = (i: AofInfo) => `file ${manifestName(i.fileName)} seq ${i.fileSeq} type ${i.fileType}\n`;
  let s = '';
  if (am.base) s += line(am.base);
  for (const h of am.history) s += line(h);
  for (const i of am.incr) s += line(i);
  return s;
}

/** A manifest that cannot be read: Redis prints this block and exits. */
export interface ManifestError {
  error: string;
  /** The offending line and its number, when the error is about one line. */
  line?: { number: number; text: string };
}

/** Parses a manifest file (`aofLoadManifestFromFile`); comments (`#`) are skipped. */
export function parseManifest(text: string): AofManifest | ManifestError {
  const am = emptyManifest();
  let maxSeq = 0;
  if (text.length === 0) return { error: 'Found an empty AOF manifest' };
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n];
    if (raw.startsWith('#')) continue;
    const lineText = raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    const at = { number: n + 1, text: lineText };
    if (n === lines.length - 1 && !text.endsWith('\n')) {
      // fgets gives the last line without its newline: Redis reports it as too long.
      return { error: 'The AOF manifest file contains too long line', line: at };
    }
    if (lineText === '') return { error: 'Invalid AOF manifest file format', line: at };
    const argv = splitArgs(lineText);
    if (!argv || argv.length < 6 || argv.length % 2 !== 0) return { error: 'Invalid AOF manifest file format', line: at };
    let fileName: string | null = null;
    let fileSeq = 0;
    let fileType = '';
    for (let i = 0; i < argv.length; i += 2) {
      const key = argv[i].toLowerCase();
      if (key === 'file') {
        fileName = argv[i + 1];
        if (fileName.includes('/')) return { error: "File can't be a path, just a filename", line: at };
      } else if (key === 'seq') {
        fileSeq = Number.parseInt(argv[i + 1], 10) || 0;
      } else if (key === 'type') {
        fileType = argv[i + 1][0] ?? '';
      }
    }
    if (!fileName || !fileSeq || !fileType) return { error: 'Invalid AOF manifest file format', line: at };
    const info = { fileName, fileSeq, fileType: fileType as AofFileType };
    if (fileType === 'b') {
      if (am.base) return { error: 'Found duplicate base file information', line: at };
      am.base = info;
      am.currBaseFileSeq = fileSeq;
    } else if (fileType === 'h') {
      am.history.push(info);
    } else if (fileType === 'i') {
      if (fileSeq <= maxSeq) return { error: 'Found a non-monotonic sequence number', line: at };
      am.incr.push(info);
      am.currIncrFileSeq = fileSeq;
      maxSeq = fileSeq;
    } else {
      return { error: 'Unknown AOF file type', line: at };
    }
  }
  return am;
}

export function isManifestError(x: AofManifest | ManifestError): x is ManifestError {
  return 'error' in x;
}

/** Names a new base file and turns the current one into history (`getNewBaseFileNameAndMarkPreAsHistory`). */
export function newBaseFile(am: AofManifest, appendFilename: string): string {
  if (am.base) {
    am.history.unshift({ ...am.base, fileType: 'h' });
  }
  am.currBaseFileSeq++;
  am.base = { fileName: `${appendFilename}.${am.currBaseFileSeq}.base.rdb`, fileSeq: am.currBaseFileSeq, fileType: 'b' };
  return am.base.fileName;
}

/** Names a new incr file and appends it to the incr list (`getNewIncrAofName`). */
export function newIncrFile(am: AofManifest, appendFilename: string): string {
  am.currIncrFileSeq++;
  const info: AofInfo = { fileName: `${appendFilename}.${am.currIncrFileSeq}.incr.aof`, fileSeq: am.currIncrFileSeq, fileType: 'i' };
  am.incr.push(info);
  return info.fileName;
}

/** The temporary incr file written while AOF is being turned on (`getTempIncrAofName`). */
export function tempIncrFile(appendFilename: string): string {
  return `temp-${appendFilename}.incr`;
}

/**
 * After a rewrite: every incr file but the one being written (the last, when the AOF is open)
 * becomes history, newest first (`markRewrittenIncrAofAsHistory`).
 */
export function markRewrittenIncrAsHistory(am: AofManifest, aofOpen: boolean): void {
  const keep = aofOpen && am.incr.length > 0 ? am.incr.slice(-1) : [];
  const moved = aofOpen ? am.incr.slice(0, -1) : am.incr.slice();
  for (let i = moved.length - 1; i >= 0; i--) am.history.unshift({ ...moved[i], fileType: 'h' });
  am.incr = keep;
}

/** One command read from an incr file, with the offset just past it. */
export interface AofCommand {
  argv: Bytes[];
  end: number;
}

/** How reading an incr file ended. */
export type AofReadEnd =
  | { kind: 'ok' }
  /** The file ends in the middle of a command (a crash during a write). */
  | { kind: 'truncated' }
  /** Bytes that are not a command where a command should start. */
  | { kind: 'format' };

/**
 * Reads the commands of an AOF in RESP (`*argc`, then `$len` + bytes + CRLF per argument), as
 * the loop of `loadSingleAppendOnlyFile` does: `#` lines are annotations, a short read is a
 * truncated file, anything else out of place is a format error.
 */
export function readAofCommands(data: Bytes, start = 0): { commands: AofCommand[]; end: AofReadEnd } {
  const commands: AofCommand[] = [];
  let p = start;
  const readLine = (): string | null => {
    if (p >= data.length) return null;
    const nl = data.indexOf('\n', p);
    const line = nl === -1 ? data.slice(p) : data.slice(p, nl + 1);
    p = nl === -1 ? data.length : nl + 1;
    return line;
  };
  for (;;) {
    const line = readLine();
    if (line === null) return { commands, end: { kind: 'ok' } };
    if (line[0] === '#') continue;
    if (line[0] !== '*') return { commands, end: { kind: 'format' } };
    if (line.length === 1) return { commands, end: { kind: 'truncated' } };
    const argc = Number.parseInt(line.slice(1), 10);
    if (!(argc >= 1)) return { commands, end: { kind: 'format' } };
    const argv: Bytes[] = [];
    for (let j = 0; j < argc; j++) {
      const lenLine = readLine();
      if (lenLine === null) return { commands, end: { kind: 'truncated' } };
      if (lenLine[0] !== '$') return { commands, end: { kind: 'format' } };
      const len = Number.parseInt(lenLine.slice(1), 10) || 0;
      if (p + len > data.length) return { commands, end: { kind: 'truncated' } };
      argv.push(data.slice(p, p + len));
      p += len;
      if (p + 2 > data.length) return { commands, end: { kind: 'truncated' } };
      p += 2;
    }
    commands.push({ argv, end: p });
  }
}
