/**
 * The lab's one disk (config files, RDB, AOF, logs), owned by the runtime and shared with the
 * shell: a MemoryDisk that reports every change made through it, so the runtime can pass the
 * shell's edits on to running nodes. Changes that come up from a node are applied with
 * {@link SharedDisk.applyFromNode}, which does not report them back.
 *
 * A change is reported as a {@link DiskChange}: the op, whether it created the file (a node
 * that does not hold the file's content is told only of new names), and after a rename the
 * content that arrived at the target (a node that reads the target but never held the source
 * gets it as it was then).
 */
import type { Bytes } from '../engine/types.ts';
import { MemoryDisk } from '../engine/util/memory-disk.ts';
import { applyDiskOp, type DiskOp } from '../../workers/protocol.ts';

export interface DiskChange {
  op: DiskOp;
  /** A write or append that created the file. */
  fresh: boolean;
  /** After a rename: the target's content. */
  after?: Bytes;
}

export class SharedDisk extends MemoryDisk {
  /** Called with each change made by the shell (or any other main-thread writer). */
  onChange: ((change: DiskChange) => void) | null = null;
  private quiet = false;

  /** Applies a node's change (not reported) and describes it as {@link onChange} would. */
  applyFromNode(op: DiskOp): DiskChange {
    const fresh = (op[0] === 'w' || op[0] === 'a') && !this.files.has(op[1]);
    this.quiet = true;
    try {
      applyDiskOp(this, op);
    } finally {
      this.quiet = false;
    }
    return op[0] === 'm' ? { op, fresh, after: this.files.get(op[2]) } : { op, fresh };
  }

  private report(op: DiskOp, fresh = false): void {
    if (this.quiet || !this.onChange) return;
    this.onChange(op[0] === 'm' ? { op, fresh, after: this.files.get(op[2]) } : { op, fresh });
  }

  override write(path: string, data: Bytes): void {
    const fresh = !this.files.has(path);
    super.write(path, data);
    this.report(['w', path, data], fresh);
  }
  override append(path: string, data: Bytes): void {
    const fresh = !this.files.has(path);
    super.append(path, data);
    this.report(['a', path, data], fresh);
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
