/**
 * A {@link Disk} held in memory: the virtual filesystem of the simulator, the browser lab and
 * the tests. Directories are implicit in paths and explicit after `mkdir`.
 */
import type { Bytes, Disk } from '../types.ts';
import { dirname } from './path.ts';

export class MemoryDisk implements Disk {
  readonly files = new Map<string, Bytes>();
  readonly dirs = new Set<string>(['/']);

  read(path: string): Bytes | null {
    return this.files.get(path) ?? null;
  }
  write(path: string, data: Bytes): void {
    this.mkdir(dirname(path));
    this.files.set(path, data);
  }
  append(path: string, data: Bytes): void {
    this.mkdir(dirname(path));
    this.files.set(path, (this.files.get(path) ?? '') + data);
  }
  remove(path: string): void {
    this.files.delete(path);
  }
  rename(from: string, to: string): void {
    const data = this.files.get(from);
    if (data === undefined) return;
    this.files.delete(from);
    this.write(to, data);
  }
  exists(path: string): boolean {
    return this.files.has(path) || this.isDirectory(path);
  }
  isDirectory(path: string): boolean {
    if (this.dirs.has(path)) return true;
    const prefix = path.endsWith('/') ? path : path + '/';
    for (const f of this.files.keys()) if (f.startsWith(prefix)) return true;
    return false;
  }
  mkdir(path: string): void {
    let p = path;
    while (p !== '/' && !this.dirs.has(p)) {
      this.dirs.add(p);
      p = dirname(p);
    }
  }
  list(dir: string): string[] {
    const prefix = dir.endsWith('/') ? dir : dir + '/';
    const names = new Set<string>();
    for (const f of this.files.keys()) if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split('/')[0]);
    for (const d of this.dirs) if (d.startsWith(prefix) && d !== dir) names.add(d.slice(prefix.length).split('/')[0]);
    return [...names].sort();
  }
}
