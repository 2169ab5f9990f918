/** Path helpers for the virtual disk (POSIX semantics, no host filesystem). */

/** Joins `name` to `cwd` unless it is already absolute, and normalises `.` and `..`. */
export function absolutePath(cwd: string, name: string): string {
  const joined = name.startsWith('/') ? name : `${cwd.replace(/\/+$/, '')}/${name}`;
  const parts: string[] = [];
  for (const p of joined.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
