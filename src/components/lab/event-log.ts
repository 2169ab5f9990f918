/**
 * `<event-log>`: the Sentinel and replication lines the nodes log, exactly as Redis writes them,
 * newest last, filterable by node. Lines are text nodes (never HTML). Keeps the last 500.
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

  connectedCallback(): void {
    this.list = this.querySelector('ol')!;
    this.scroller = this.querySelector<HTMLElement>('.evlog-list')!;
    this.nodeFilter = this.querySelector<HTMLSelectElement>('[data-filter="node"]')!;
    this.kindFilter = this.querySelector<HTMLSelectElement>('[data-filter="kind"]')!;
    const apply = () => this.applyFilter();
    this.nodeFilter.addEventListener('change', apply);
    this.kindFilter.addEventListener('change', apply);
    whenLab((lab) => {
      this.stop?.();
      let generation = -1;
      const offView = lab.controller.subscribe((v) => {
        if (v.generation !== generation) {
          generation = v.generation;
          this.list.replaceChildren();
        }
      });
      const offEvents = lab.controller.onEvents((batch) => this.appendEvents(batch));
      this.stop = () => {
        offView();
        offEvents();
      };
    });
  }

  disconnectedCallback(): void {
    this.stop?.();
  }

  private visible(node: string, kind: string): boolean {
    const n = this.nodeFilter.value;
    const k = this.kindFilter.value;
    return (n === '' || n === node) && (k === '' || k === kind);
  }

  private appendEvents(batch: LabEvent[]): void {
    const sc = this.scroller;
    const atBottom = sc.scrollTop + sc.clientHeight >= sc.scrollHeight - 4;
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
    if (atBottom) sc.scrollTop = sc.scrollHeight;
  }

  private applyFilter(): void {
    for (const li of this.list.children as HTMLCollectionOf<HTMLElement>) {
      li.hidden = !this.visible(li.dataset.node ?? '', li.dataset.kind ?? '');
    }
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}

if (!customElements.get('event-log')) customElements.define('event-log', EventLogElement);
