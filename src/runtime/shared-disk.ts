/**
 * The lab's one disk (config files, RDB, AOF, logs), owned by the runtime and shared with the
 * shell: a MemoryDisk that reports every change made through it, so the runtime can pass the
 * shell's edits on to running nodes. Changes that come up from a node are applied with
 * {@link SharedDisk.applyFromNode}, which does not report them back.
 */
import type { Bytes } from '../engine/types.ts';
import { MemoryDisk } from '../engine/util/memory-disk.ts';
import { applyDiskOp, type DiskOp } from '../../workers/protocol.ts';

export class SharedDisk extends MemoryDisk {
  /** Called with each change made by the shell (or any other main-thread writer). */
  onChange: ((op: DiskOp) => void) | null = null;
  private quiet = false;

  applyFromNode(op: DiskOp): void {
    this.quiet = true;
    try {
      applyDiskOp(this, op);
    } finally {
      this.quiet = false;
    }
  }

  private report(op: DiskOp): void {
    if (!this.quiet && this.onChange) this.onChange(op);
  }

  override write(path: string, data: Bytes): void {
    super.write(path, data);
    this.report(['w', path, data]);
  }
  override append(path: string, data: Bytes): void {
    super.append(path, data);
    this.report(['a', path, data]);
  }
  override fsync(path: string): void {
    super.fsync(path);
    this.report(['f', path]);
  }
  override remove(path: string): void {
    super.remove(path);
    this.report(['r', path]);
  }
  override rename(from: string, to: string): void {
    super.rename(from, to);
    this.report(['m', from, to]);
  }
  override mkdir(path: string): void {
    if (this.dirs.has(path)) return;
    super.mkdir(path);
    this.report(['d', path]);
  }
}
