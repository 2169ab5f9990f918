/**
 * The simulator's agenda: a binary min-heap of events ordered by (time, sequence). The sequence
 * number is assigned when an event is (re)scheduled, so two events due at the same instant run
 * in the order they were scheduled, on every run of a seed.
 *
 * The heap is indexed: an event knows its slot, so long-lived events (a connection direction's
 * next delivery, a node's next cron) are moved in place instead of being allocated again and
 * left behind stale. A 60-second run of five nodes schedules thousands of events and allocates
 * almost none.
 */

/** Something that happens at a virtual instant. */
export interface SimEvent {
  /** Virtual time in ms since the start of the run. */
  at: number;
  seq: number;
  /** The slot in the heap, or -1 when not scheduled. */
  heapIndex: number;
  fire(): void;
}

/** A one-off event that runs a function. */
export class OneShot implements SimEvent {
  at = 0;
  seq = 0;
  heapIndex = -1;
  readonly run: () => void;
  constructor(run: () => void) {
    this.run = run;
  }
  fire(): void {
    this.run();
  }
}

export class EventQueue {
  private readonly heap: SimEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Schedules `ev` at `at`, moving it when it is already scheduled. */
  schedule(ev: SimEvent, at: number): void {
    ev.at = at;
    ev.seq = ++this.seq;
    if (ev.heapIndex >= 0) {
      this.siftUp(ev.heapIndex);
      this.siftDown(ev.heapIndex);
      return;
    }
    ev.heapIndex = this.heap.length;
    this.heap.push(ev);
    this.siftUp(ev.heapIndex);
  }

  /** Removes `ev` if it is scheduled. */
  cancel(ev: SimEvent): void {
    const i = ev.heapIndex;
    if (i < 0) return;
    ev.heapIndex = -1;
    const last = this.heap.pop() as SimEvent;
    if (i === this.heap.length) return;
    this.heap[i] = last;
    last.heapIndex = i;
    this.siftUp(i);
    this.siftDown(last.heapIndex);
  }

  /** The next event due, without removing it. */
  peek(): SimEvent | undefined {
    return this.heap[0];
  }

  /** Removes and returns the next event due. */
  pop(): SimEvent | undefined {
    const top = this.heap[0];
    if (top === undefined) return undefined;
    this.cancel(top);
    return top;
  }

  private less(a: SimEvent, b: SimEvent): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private siftUp(i: number): void {
    const h = this.heap;
    const ev = h[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(ev, h[p])) break;
      h[i] = h[p];
      h[i].heapIndex = i;
      i = p;
    }
    h[i] = ev;
    ev.heapIndex = i;
  }

  private siftDown(i: number): void {
    const h = this.heap;
    const n = h.length;
    const ev = h[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(h[r], h[l]) ? r : l;
      if (!this.less(h[c], ev)) break;
      h[i] = h[c];
      h[i].heapIndex = i;
      i = c;
    }
    h[i] = ev;
    ev.heapIndex = i;
  }
}
