/**
 * `<event-log>`: the Sentinel and replication lines the nodes log, exactly as Redis writes them,
 * newest last, filterable by node. Lines are text nodes (never HTML). Keeps the last 500.
 *
 * Lines arriving within a frame are appended together in one requestAnimationFrame (at most
 * {@link KEEP} of them are ever turned into elements). Whether the list follows the newest line
 * is decided by the learner's scrolling (a passive scroll listener), so an append never reads
 * layout first.
 */
import type { LabEvent } from './model.ts';
import { whenLab } from './registry.ts';

const KEEP = 500;

export class EventLogElement extends HTMLElement {
  private list!: HTMLOListElement;
  private scroller!: HTMLElement;
  private nodeFilter!: HTMLSelectElement;
  private kindFilter!: HTMLSelectElement;
  private nodes = new Set<string>();
  private stop: (() => void) | null = null;
  /** Lines waiting for the next frame, and that frame. */
  private pending: LabEvent[] = [];
  private frame = 0;
  /** Whether the list is scrolled to its end (it then follows new lines). */
  private atBottom = true;

  connectedCallback(): void {
    this.list = this.querySelector('ol')!;
    this.scroller = this.querySelector<HTMLElement>('.evlog-list')!;
    this.nodeFilter = this.querySelector<HTMLSelectElement>('[data-filter="node"]')!;
    this.kindFilter = this.querySelector<HTMLSelectElement>('[data-filter="kind"]')!;
    const apply = () => this.applyFilter();
    this.nodeFilter.addEventListener('change', apply);
    this.kindFilter.addEventListener('change', apply);
    this.scroller.addEventListener('scroll', () => {
      const sc = this.scroller;
      this.atBottom = sc.scrollTop + sc.clientHeight >= sc.scrollHeight - 4;
    }, { passive: true });
    whenLab((lab) => {
      this.stop?.();
      let generation = -1;
      const offView = lab.controller.subscribe((v) => {
        if (v.generation !== generation) {
          generation = v.generation;
          this.pending = [];
          this.list.replaceChildren();
        }
      });
      const offEvents = lab.controller.onEvents((batch) => this.queue(batch));
      this.stop = () => {
        offView();
        offEvents();
      };
    });
  }

  disconnectedCallback(): void {
    this.stop?.();
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** Keeps the shown lines of a batch for the next frame. */
  private queue(batch: LabEvent[]): void {
    for (const e of batch) if (e.kind !== 'other') this.pending.push(e);
    if (this.pending.length > KEEP) this.pending.splice(0, this.pending.length - KEEP);
    if (this.pending.length === 0 || this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const batch = this.pending;
      this.pending = [];
      this.appendEvents(batch);
    });
  }

  private visible(node: string, kind: string): boolean {
    const n = this.nodeFilter.value;
    const k = this.kindFilter.value;
    return (n === '' || n === node) && (k === '' || k === kind);
  }

  private appendEvents(batch: LabEvent[]): void {
    const sc = this.scroller;
    const frag = document.createDocumentFragment();
    for (const e of batch) {
      if (e.kind === 'other') continue;
      if (!this.nodes.has(e.node)) {
        this.nodes.add(e.node);
        const opt = document.createElement('option');
        opt.value = e.node;
        opt.textContent = e.node;
        const opts = [...this.nodeFilter.options].slice(1);
        const before = opts.find((o) => Number(o.value) > Number(e.node));
        this.nodeFilter.insertBefore(opt, before ?? null);
      }
      const li = document.createElement('li');
      li.dataset.node = e.node;
      li.dataset.kind = e.kind;
      const who = document.createElement('span');
      who.className = 'ev-node';
      who.textContent = e.node;
      const line = document.createElement('span');
      line.className = 'ev-line';
      line.textContent = e.line.replace(/\r?\n$/, '');
      li.append(who, line);
      li.hidden = !this.visible(e.node, e.kind);
      frag.append(li);
    }
    this.list.append(frag);
    while (this.list.childElementCount > KEEP) this.list.firstElementChild!.remove();
    if (this.atBottom) sc.scrollTop = sc.scrollHeight;
  }

  private applyFilter(): void {
    for (const li of this.list.children as HTMLCollectionOf<HTMLElement>) {
      li.hidden = !this.visible(li.dataset.node ?? '', li.dataset.kind ?? '');
    }
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.atBottom = true;
  }
}

if (!customElements.get('event-log')) customElements.define('event-log', EventLogElement);
