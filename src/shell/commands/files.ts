/**
 * File utilities on the virtual disk: `cat`, `cp`, `mv`, `ls`, `rm`, `mkdir`, `touch`, with
 * GNU coreutils' messages and exit codes (as printed under a C.UTF-8 locale, whose curly
 * quotes are UTF-8 bytes here).
 *
 * Counterpart: GNU coreutils (cat.c, cp.c, mv.c, ls.c, rm.c, mkdir.c, touch.c).
 */
import type { Disk } from '../../engine/types.ts';
import { basename, dirname } from '../../engine/util/path.ts';
import type { ProcCtx, Program } from '../process.ts';

/** ‘x’ as coreutils quotes under a UTF-8 locale (bytes of U+2018 and U+2019). */
export const curly = (s: string) => `\u00e2\u0080\u0098${s}\u00e2\u0080\u0099`;
/** 'x' as coreutils quotes file names in most messages. */
export const shq = (s: string) => (/^[A-Za-z0-9_./:+,@%=-]+$/.test(s) ? `'${s}'` : /'/.test(s) ? `"${s}"` : `'${s}'`);

/** Splits `-abc` style flags from operands (stops at `--`). Unknown flags are reported by the caller. */
export function splitFlags(args: string[]): { flags: Set<string>; operands: string[]; long: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  const long: string[] = [];
  let done = false;
  for (const a of args) {
    if (done || a === '-' || !a.startsWith('-')) operands.push(a);
    else if (a === '--') done = true;
    else if (a.startsWith('--')) long.push(a);
    else for (const f of a.slice(1)) flags.add(f);
  }
  return { flags, operands, long };
}

function invalidOption(ctx: ProcCtx, name: string, flag: string): number {
  ctx.stderr.write(`${name}: invalid option -- '${flag}'\nTry '${name} --help' for more information.\n`);
  return name === 'ls' ? 2 : 1;
}

function checkFlags(ctx: ProcCtx, name: string, flags: Set<string>, allowed: string): number | null {
  for (const f of flags) if (!allowed.includes(f)) return invalidOption(ctx, name, f);
  return null;
}

const cat: Program = async (ctx) => {
  const { flags, operands } = splitFlags(ctx.argv.slice(1));
  const bad = checkFlags(ctx, 'cat', flags, 'uAvetn');
  if (bad !== null) return bad;
  const number = flags.has('n');
  let lineNo = 0;
  let atLineStart = true;
  const emit = (text: string) => {
    if (!number) {
      ctx.stdout.write(text);
      return;
    }
    let out = '';
    for (const c of text) {
      if (atLineStart) out += `${String(++lineNo).padStart(6)}\t`;
      out += c;
      atLineStart = c === '\n';
    }
    ctx.stdout.write(out);
  };
  let status = 0;
  const files = operands.length === 0 ? ['-'] : operands;
  for (const f of files) {
    if (f === '-') {
      for await (const chunk of ctx.stdin) emit(chunk);
      continue;
    }
    const path = ctx.resolve(f);
    if (ctx.host.disk.isDirectory(path)) {
      ctx.stderr.write(`cat: ${f}: Is a directory\n`);
      status = 1;
      continue;
    }
    const data = ctx.host.disk.read(path);
    if (data === null) {
      ctx.stderr.write(`cat: ${f}: No such file or directory\n`);
      status = 1;
      continue;
    }
    emit(data);
  }
  return status;
};

function copyTree(disk: Disk, from: string, to: string, move: boolean): void {
  if (disk.isDirectory(from)) {
    disk.mkdir(to);
    for (const name of disk.list(from)) copyTree(disk, `${from}/${name}`, `${to}/${name}`, move);
    return;
  }
  const data = disk.read(from) ?? '';
  if (move) disk.rename(from, to);
  else disk.write(to, data);
}

function removeTree(disk: Disk, path: string): void {
  if (disk.isDirectory(path)) for (const name of disk.list(path)) removeTree(disk, `${path}/${name}`);
  disk.remove(path);
  const d = disk as Disk & { dirs?: Set<string> };
  d.dirs?.delete(path);
}

function copyOrMove(name: 'cp' | 'mv'): Program {
  return async (ctx) => {
    const { flags, operands } = splitFlags(ctx.argv.slice(1));
    const bad = checkFlags(ctx, name, flags, name === 'cp' ? 'rRfpaiv' : 'fiv');
    if (bad !== null) return bad;
    const recursive = flags.has('r') || flags.has('R') || flags.has('a');
    const disk = ctx.host.disk;
    if (operands.length === 0) {
      ctx.stderr.write(`${name}: missing file operand\nTry '${name} --help' for more information.\n`);
      return 1;
    }
    if (operands.length === 1) {
      ctx.stderr.write(`${name}: missing destination file operand after ${shq(operands[0])}\nTry '${name} --help' for more information.\n`);
      return 1;
    }
    const dest = operands[operands.length - 1];
    const destPath = ctx.resolve(dest);
    const sources = operands.slice(0, -1);
    const destIsDir = disk.isDirectory(destPath);
    if (sources.length > 1 && !destIsDir) {
      ctx.stderr.write(`${name}: target ${shq(dest)} is not a directory\n`);
      return 1;
    }
    let status = 0;
    for (const src of sources) {
      const srcPath = ctx.resolve(src);
      if (!disk.exists(srcPath)) {
        ctx.stderr.write(`${name}: cannot stat ${shq(src)}: No such file or directory\n`);
        status = 1;
        continue;
      }
      if (name === 'cp' && disk.isDirectory(srcPath) && !recursive) {
        ctx.stderr.write(`cp: -r not specified; omitting directory ${shq(src)}\n`);
        status = 1;
        continue;
      }
      const target = destIsDir ? `${destPath}/${basename(srcPath)}` : destPath;
      if (target === srcPath) {
        ctx.stderr.write(name === 'cp' ? `cp: ${shq(src)} and ${shq(dest)} are the same file\n` : `mv: ${shq(src)} and ${shq(dest)} are the same file\n`);
        status = 1;
        continue;
      }
      if (!disk.isDirectory(dirname(target))) {
        ctx.stderr.write(name === 'cp' ? `cp: cannot create regular file ${shq(dest)}: No such file or directory\n` : `mv: cannot move ${shq(src)} to ${shq(dest)}: No such file or directory\n`);
        status = 1;
        continue;
      }
      copyTree(disk, srcPath, target, name === 'mv');
      if (name === 'mv' && disk.isDirectory(srcPath)) removeTree(disk, srcPath);
    }
    return status;
  };
}

/**
 * GNU ls's `-C` layout for a terminal `width` columns wide: the most columns whose line stays
 * under the width, names sorted down the columns, gaps filled with tabs (tab stops of 8) then
 * spaces, as ls.c's `calculate_columns` and `print_many_per_line` do.
 */
export function columns(names: string[], width = 80): string {
  const n = names.length;
  if (n === 0) return '';
  const maxCols = Math.max(1, Math.min(n, Math.floor(width / 3)));
  const info = Array.from({ length: maxCols }, () => ({ valid: true, lineLen: 0, widths: [] as number[] }));
  names.forEach((name, f) => {
    for (let i = 0; i < maxCols; i++) {
      const c = info[i];
      if (!c.valid) continue;
      const rows = Math.floor((n + i) / (i + 1));
      const idx = Math.floor(f / rows);
      const real = name.length + (idx === i ? 0 : 2);
      const have = c.widths[idx] ?? 0;
      if (have < real) {
        c.lineLen += real - have;
        c.widths[idx] = real;
        c.valid = c.lineLen < width;
      }
    }
  });
  let cols = maxCols;
  while (cols > 1 && !info[cols - 1].valid) cols--;
  const widths = info[cols - 1].widths;
  const rows = Math.ceil(n / cols);
  let out = '';
  for (let row = 0; row < rows; row++) {
    let pos = 0;
    let col = 0;
    for (let f = row; ; ) {
      const name = names[f];
      out += name;
      const max = widths[col++];
      f += rows;
      if (f >= n) break;
      // Indent from pos + name length to pos + max with tabs where a tab stop fits, then spaces.
      let from = pos + name.length;
      const to = pos + max;
      while (from < to) {
        if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
          out += '\t';
          from += 8 - (from % 8);
        } else {
          out += ' ';
          from++;
        }
      }
      pos += max;
    }
    out += '\n';
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const ls: Program = async (ctx) => {
  const { flags, operands } = splitFlags(ctx.argv.slice(1));
  const bad = checkFlags(ctx, 'ls', flags, 'laA1hrtF');
  if (bad !== null) return bad;
  const disk = ctx.host.disk;
  const all = flags.has('a');
  const almostAll = flags.has('A');
  const long = flags.has('l');
  const onePerLine = flags.has('1') || !ctx.stdout.isTty;
  const now = new Date(ctx.host.now());
  const stamp = `${MONTHS[now.getUTCMonth()]} ${String(now.getUTCDate()).padStart(2)} ${String(now.getUTCHours()).padStart(2, '0')}:${String(now.getUTCMinutes()).padStart(2, '0')}`;
  const render = (dir: string, names: string[]): string => {
    if (flags.has('r')) names = [...names].reverse();
    if (long) {
      const rows = names.map((n) => {
        const path = n === '.' ? dir : n === '..' ? dirname(dir) : `${dir}/${n}`.replace(/\/\/+/g, '/');
        const isDir = disk.isDirectory(path);
        const size = isDir ? 4096 : (disk.read(path) ?? '').length;
        return { n, isDir, size };
      });
      const sizeWidth = Math.max(1, ...rows.map((r) => String(r.size).length));
      const blocks = rows.reduce((a, r) => a + Math.ceil(r.size / 4096) * 4, 0);
      let out = `total ${blocks}\n`;
      for (const r of rows) {
        out += `${r.isDir ? 'drwxr-xr-x 2' : '-rw-r--r-- 1'} learner learner ${String(r.size).padStart(sizeWidth)} ${stamp} ${r.n}\n`;
      }
      return out;
    }
    return onePerLine ? names.map((n) => n + '\n').join('') : columns(names, Number(ctx.env.COLUMNS) || 80);
  };
  const targets = operands.length === 0 ? ['.'] : operands;
  let status = 0;
  const fileOps: string[] = [];
  const dirOps: string[] = [];
  for (const t of targets) {
    const path = ctx.resolve(t);
    if (!disk.exists(path) && path !== '/') {
      ctx.stderr.write(`ls: cannot access ${shq(t)}: No such file or directory\n`);
      status = 2;
    } else if (disk.isDirectory(path) || path === '/') dirOps.push(t);
    else fileOps.push(t);
  }
  let out = '';
  if (fileOps.length > 0) out += render(ctx.cwd, fileOps.sort());
  dirOps.sort().forEach((t, i) => {
    const path = ctx.resolve(t);
    let names = disk.list(path).filter((n) => all || almostAll || !n.startsWith('.'));
    if (all) names = ['.', '..', ...names];
    names.sort((a, b) => (a.replace(/^\.+/, '') < b.replace(/^\.+/, '') ? -1 : a.replace(/^\.+/, '') > b.replace(/^\.+/, '') ? 1 : 0));
    if (all) names = ['.', '..', ...names.filter((n) => n !== '.' && n !== '..')];
    const header = targets.length > 1 ? `${t}:\n` : '';
    if (out !== '' || i > 0) out += '\n';
    out += header + render(path, names);
  });
  ctx.stdout.write(out);
  return status;
};

const rm: Program = async (ctx) => {
  const { flags, operands } = splitFlags(ctx.argv.slice(1));
  const bad = checkFlags(ctx, 'rm', flags, 'rRfidv');
  if (bad !== null) return bad;
  const force = flags.has('f');
  const recursive = flags.has('r') || flags.has('R');
  const disk = ctx.host.disk;
  if (operands.length === 0) {
    if (force) return 0;
    ctx.stderr.write(`rm: missing operand\nTry 'rm --help' for more information.\n`);
    return 1;
  }
  let status = 0;
  for (const f of operands) {
    const path = ctx.resolve(f);
    if (!disk.exists(path)) {
      if (!force) {
        ctx.stderr.write(`rm: cannot remove ${shq(f)}: No such file or directory\n`);
        status = 1;
      }
      continue;
    }
    if (disk.isDirectory(path)) {
      if (!recursive && !flags.has('d')) {
        ctx.stderr.write(`rm: cannot remove ${shq(f)}: Is a directory\n`);
        status = 1;
        continue;
      }
      removeTree(disk, path);
      continue;
    }
    disk.remove(path);
  }
  return status;
};

const mkdir: Program = async (ctx) => {
  const { flags, operands } = splitFlags(ctx.argv.slice(1));
  const bad = checkFlags(ctx, 'mkdir', flags, 'pv');
  if (bad !== null) return bad;
  const parents = flags.has('p');
  const disk = ctx.host.disk;
  if (operands.length === 0) {
    ctx.stderr.write(`mkdir: missing operand\nTry 'mkdir --help' for more information.\n`);
    return 1;
  }
  let status = 0;
  for (const d of operands) {
    const path = ctx.resolve(d);
    if (disk.exists(path)) {
      if (parents && disk.isDirectory(path)) continue;
      ctx.stderr.write(`mkdir: cannot create directory ${curly(d)}: File exists\n`);
      status = 1;
      continue;
    }
    if (!parents && !disk.isDirectory(dirname(path))) {
      ctx.stderr.write(`mkdir: cannot create directory ${curly(d)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    disk.mkdir(path);
  }
  return status;
};

const touch: Program = async (ctx) => {
  const { operands } = splitFlags(ctx.argv.slice(1));
  const disk = ctx.host.disk;
  if (operands.length === 0) {
    ctx.stderr.write(`touch: missing file operand\nTry 'touch --help' for more information.\n`);
    return 1;
  }
  let status = 0;
  for (const f of operands) {
    const path = ctx.resolve(f);
    if (disk.exists(path)) continue;
    if (!disk.isDirectory(dirname(path))) {
      ctx.stderr.write(`touch: cannot touch ${shq(f)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    disk.write(path, '');
  }
  return status;
};

export const FILE_PROGRAMS: Record<string, Program> = { cat, cp: copyOrMove('cp'), mv: copyOrMove('mv'), ls, rm, mkdir, touch };
