/**
 * A {@link Disk} held in memory: the virtual filesystem of the simulator, the browser lab and
 * the tests. Directories are implicit in paths and explicit after `mkdir`.
 */
import type { Bytes, Disk } from '../types.ts';
import { dirname } from './path.ts';

export class MemoryDisk implements Disk {
  readonly files = new Map<string, Bytes>();
  readonly dirs = new Set<string>(['/']);
  /** Length of each file's durable prefix: what a power cut keeps (see {@link powerCut}). */
  private readonly durable = new Map<string, number>();

  read(path: string): Bytes | null {
    return this.files.get(path) ?? null;
  }
  /** Replaces a file; treated as durable at once (Redis fsyncs RDB and manifest files before renaming them). */
  write(path: string, data: Bytes): void {
    this.mkdir(dirname(path));
    this.files.set(path, data);
    this.durable.set(path, data.length);
  }
  append(path: string, data: Bytes): void {
    this.mkdir(dirname(path));
    this.files.set(path, (this.files.get(path) ?? '') + data);
    if (!this.durable.has(path)) this.durable.set(path, 0);
  }
  fsync(path: string): void {
    const data = this.files.get(path);
    if (data !== undefined) this.durable.set(path, data.length);
  }
  remove(path: string): void {
    this.files.delete(path);
    this.durable.delete(path);
  }
  rename(from: string, to: string): void {
    const data = this.files.get(from);
    if (data === undefined) return;
    const durable = this.durable.get(from) ?? data.length;
    this.files.delete(from);
    this.durable.delete(from);
    this.mkdir(dirname(to));
    this.files.set(to, data);
    this.durable.set(to, durable);
  }
  /**
   * A machine crash: every file loses what was appended since its last fsync (the page cache is
   * gone). A process kill never does this — the kernel still writes back what the process wrote.
   */
  powerCut(): void {
    for (const [path, data] of this.files) {
      const keep = this.durable.get(path) ?? data.length;
      if (keep < data.length) this.files.set(path, data.slice(0, keep));
    }
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
