/**
 * `<cluster-map>`: every node as a card (port, role, state, keys, replication offset, lag; for a
 * sentinel its SDOWN/ODOWN view, epoch and leader), the current primary highlighted, arrows for
 * replication and monitoring links with dots for messages in flight, and INFO-like details of
 * the hovered or focused node. Per-node Kill / Restart / Pause / Resume buttons.
 *
 * Cards are created once per node and updated field by field (focus survives updates); every
 * text goes through `textContent`, never HTML, so a key named `<img src=x onerror=…>` is text.
 *
 * Main-thread budget (DESIGN.md §6: no long task under a write load with animations): a render
 * only writes. Card geometry is read in a ResizeObserver callback (after the browser's own
 * layout, so never a forced synchronous layout) and cached; the arrows are redrawn from that
 * cache. Message dots are pooled circles, at most one per link direction every
 * {@link DOT_EVERY_MS}, none while the map is off screen or motion is reduced.
 */
import type { LabController, LabLink, LabNode, LabView, SentinelOpinion } from './model.ts';
import { whenLab } from './registry.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function setText(e: Element, text: string): void {
  if (e.textContent !== text) e.textContent = text;
}

function setAttr(e: Element, name: string, value: string | null): void {
  if (value === null) {
    if (e.hasAttribute(name)) e.removeAttribute(name);
  } else if (e.getAttribute(name) !== value) e.setAttribute(name, value);
}

interface Card {
  root: HTMLElement;
  title: HTMLElement;
  badge: HTMLElement;
  state: HTMLElement;
  facts: HTMLElement;
  kill: HTMLButtonElement;
  restart: HTMLButtonElement;
  pause: HTMLButtonElement;
  /** The facts' value cells by key, and what the card last showed (skips an unchanged node). */
  factCells: Map<string, HTMLElement>;
  shown: string;
}

const motionQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
const reducedMotion = () => motionQuery?.matches ?? false;

/** A card's box relative to the links' SVG. */
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The shortest gap between two dots sent along the same link direction. */
const DOT_EVERY_MS = 120;
/** How long a dot takes along its arrow. */
const DOT_MS = 450;
/** Dots on screen at most (the pool's size). */
const MAX_DOTS = 24;

export class ClusterMapElement extends HTMLElement {
  private controller: LabController | null = null;
  private cards = new Map<string, Card>();
  private sentinelRow!: HTMLElement;
  private serverRow!: HTMLElement;
  private svg!: SVGSVGElement;
  private details!: HTMLElement;
  private status!: HTMLElement;
  private selected: string | null = null;
  private last: LabView | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopWaiting: (() => void) | null = null;
  private generation = -1;
  /** Card boxes relative to the SVG, measured after layout (see {@link measure}). */
  private geometry = new Map<string, Box>();
  private resizeObserver: ResizeObserver | null = null;
  private visibilityObserver: IntersectionObserver | null = null;
  private onScreen = true;
  /** Idle circles and the last time a dot left for each `link>direction`. */
  private dotPool: SVGCircleElement[] = [];
  private dotsLive = 0;
  /** The arrows by link id, with what each last showed. */
  private lines = new Map<string, { el: SVGLineElement; shown: string }>();
  private lastDot = new Map<string, number>();

  connectedCallback(): void {
    if (!this.svg) this.build();
    if (typeof ResizeObserver === 'function' && !this.resizeObserver) {
      this.resizeObserver = new ResizeObserver(() => this.measure());
      this.resizeObserver.observe(this.svg);
      for (const c of this.cards.values()) this.resizeObserver.observe(c.root);
    }
    if (typeof IntersectionObserver === 'function' && !this.visibilityObserver) {
      this.visibilityObserver = new IntersectionObserver((entries) => {
        for (const e of entries) this.onScreen = e.isIntersecting;
      });
      this.visibilityObserver.observe(this);
    }
    this.stopWaiting = whenLab((lab) => {
      this.unsubscribe?.();
      this.controller = lab.controller;
      this.unsubscribe = lab.controller.subscribe((v) => this.render(v));
    });
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.stopWaiting?.();
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    this.visibilityObserver?.disconnect();
    this.visibilityObserver = null;
  }

  private build(): void {
    this.svg = document.createElementNS(SVG_NS, 'svg');
    this.svg.setAttribute('class', 'map-links');
    this.svg.setAttribute('aria-hidden', 'true');
    const defs = document.createElementNS(SVG_NS, 'defs');
    for (const [id, cls] of [['arrow', 'arrow'], ['arrow-cut', 'arrow cut']]) {
      const marker = document.createElementNS(SVG_NS, 'marker');
      marker.setAttribute('id', `cm-${id}`);
      marker.setAttribute('viewBox', '0 0 10 10');
      marker.setAttribute('refX', '9');
      marker.setAttribute('refY', '5');
      marker.setAttribute('markerWidth', '7');
      marker.setAttribute('markerHeight', '7');
      marker.setAttribute('orient', 'auto-start-reverse');
      const path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', 'M0,0 L10,5 L0,10 z');
      path.setAttribute('class', cls);
      marker.append(path);
      defs.append(marker);
    }
    this.svg.append(defs);
    const stage = el('div', 'map-stage');
    this.sentinelRow = el('ul', 'map-row sentinels');
    this.sentinelRow.setAttribute('aria-label', 'Sentinels');
    this.serverRow = el('ul', 'map-row servers');
    this.serverRow.setAttribute('aria-label', 'Redis servers');
    stage.append(this.svg, this.sentinelRow, this.serverRow);
    this.status = el('p', 'map-status');
    this.status.setAttribute('role', 'status');
    this.details = el('section', 'map-details');
    this.details.setAttribute('aria-label', 'Node details');
    const hint = el('p', 'map-hint', 'Hover or focus a node to see its details.');
    this.details.append(hint);
    const placeholder = el('p', 'map-placeholder', 'The cluster starts when the lab is on screen…');
    this.replaceChildren(stage, placeholder, this.status, this.details);
  }

  /**
   * Reads every card's box (relative to the SVG) into the cache and redraws the arrows. Runs in
   * a ResizeObserver callback — the SVG spans the stage, so a resized stage or card (a value
   * grew, a row wrapped, the window changed) lands here after layout — and after a card leaves.
   */
  private measure(): void {
    if (!this.svg.isConnected) return;
    const box = this.svg.getBoundingClientRect();
    this.geometry.clear();
    for (const [id, c] of this.cards) {
      if (!c.root.isConnected) continue;
      const r = c.root.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      this.geometry.set(id, { x: r.left - box.left + r.width / 2, y: r.top - box.top + r.height / 2, w: r.width, h: r.height });
    }
    if (this.last) this.drawLinks(this.last, false);
  }

  private card(node: LabNode): Card {
    let c = this.cards.get(node.id);
    if (c) return c;
    const root = el('li', 'node');
    root.tabIndex = 0;
    root.dataset.node = node.id;
    const head = el('div', 'node-head');
    const title = el('strong', 'node-port');
    const badge = el('span', 'node-role');
    head.append(title, badge);
    const state = el('span', 'node-state');
    const facts = el('dl', 'node-facts');
    const actions = el('div', 'node-actions');
    const mk = (label: string, action: string) => {
      const b = el('button', 'node-btn', label);
      b.type = 'button';
      b.dataset.action = action;
      actions.append(b);
      return b;
    };
    const kill = mk('Kill', 'kill');
    const restart = mk('Restart', 'restart');
    const pause = mk('Pause', 'pause');
    root.append(head, state, facts, actions);
    actions.addEventListener('click', (e) => {
      const b = (e.target as Element).closest('button');
      if (!b || !this.controller) return;
      const id = node.id;
      switch (b.dataset.action) {
        case 'kill':
          this.controller.kill(id);
          break;
        case 'restart':
          this.controller.restart(id);
          break;
        case 'pause':
          this.controller.pause(id);
          break;
        case 'resume':
          this.controller.resume(id);
          break;
      }
    });
    const select = () => {
      this.selected = node.id;
      if (this.last) this.renderDetails(this.last);
    };
    root.addEventListener('mouseenter', select);
    root.addEventListener('focusin', select);
    c = { root, title, badge, state, facts, kill, restart, pause, factCells: new Map(), shown: '' };
    this.cards.set(node.id, c);
    this.resizeObserver?.observe(root);
    return c;
  }

  private fact(c: Card, key: string, label: string, value: string): void {
    let dd = c.factCells.get(key);
    if (!dd) {
      const dt = el('dt', undefined, label);
      dd = el('dd');
      dd.dataset.k = key;
      c.facts.append(dt, dd);
      c.factCells.set(key, dd);
    }
    setText(dd, value);
  }

  render(view: LabView): void {
    let removed = false;
    if (view.generation !== this.generation) {
      this.generation = view.generation;
      for (const c of this.cards.values()) {
        this.resizeObserver?.unobserve(c.root);
        c.root.remove();
      }
      removed = this.cards.size > 0;
      this.cards.clear();
    }
    this.last = view;
    this.querySelector('.map-placeholder')?.remove();
    const opinions = new Map(view.sentinels.map((s) => [s.sentinel, s]));
    const seen = new Set<string>();
    for (const node of view.nodes) {
      seen.add(node.id);
      const c = this.card(node);
      const row = node.kind === 'sentinel' ? this.sentinelRow : this.serverRow;
      if (c.root.parentElement !== row) row.append(c.root);
      this.updateCard(c, node, view, opinions.get(node.id));
    }
    for (const [id, c] of this.cards) {
      if (!seen.has(id)) {
        this.resizeObserver?.unobserve(c.root);
        c.root.remove();
        this.cards.delete(id);
        removed = true;
      }
    }
    this.sentinelRow.hidden = !view.nodes.some((n) => n.kind === 'sentinel');
    const primary = view.primary ? `Primary: ${view.primary}.` : 'No primary is up.';
    const sdown = view.sentinels.filter((s) => s.sdown).length;
    const odown = view.sentinels.some((s) => s.odown);
    const failing = view.sentinels.find((s) => s.failingOver);
    let text = primary;
    if (failing) text += ` Sentinel ${failing.sentinel} is failing over (epoch ${failing.epoch}).`;
    else if (odown) text += ' The sentinels agree the primary is down (ODOWN).';
    else if (sdown) text += ` ${sdown} sentinel${sdown > 1 ? 's' : ''} see the primary down (SDOWN).`;
    setText(this.status, text);
    // A card left: its neighbours moved without resizing, which no observer reports (rare).
    if (removed || !this.resizeObserver) this.measure();
    this.drawLinks(view, this.onScreen && !reducedMotion());
    this.renderDetails(view);
  }

  private updateCard(c: Card, n: LabNode, view: LabView, o: SentinelOpinion | undefined): void {
    const isPrimary = view.primary === n.id;
    // Most frames change nothing on most cards (or only an offset): compare what they show first.
    const shown = `${isPrimary}|${n.kind}|${n.role}|${n.state}|${n.port}|${n.keys}|${n.replOffset}|${n.lagBytes}|${o ? `${o.primary}|${o.sdown}|${o.odown}|${o.epoch}|${o.leader}|${o.failingOver}` : '-'}`;
    if (c.shown === shown) return;
    c.shown = shown;
    c.root.classList.toggle('is-primary', isPrimary);
    c.root.dataset.state = n.state;
    c.root.dataset.role = n.role;
    setText(c.title, String(n.port));
    setText(c.badge, n.kind === 'sentinel' ? 'sentinel' : n.role === 'unknown' ? '' : n.role);
    setText(c.state, n.state);
    const label = [
      `${n.kind === 'sentinel' ? 'Sentinel' : 'Redis'} ${n.port}`,
      isPrimary ? 'current primary' : n.kind === 'sentinel' ? '' : n.role,
      n.state,
    ].filter(Boolean).join(', ');
    setAttr(c.root, 'aria-label', label);
    if (n.kind === 'sentinel') {
      const flags = o ? [o.sdown ? 'SDOWN' : '', o.odown ? 'ODOWN' : ''].filter(Boolean).join(' ') || 'ok' : '–';
      this.fact(c, 'watch', 'primary', o?.primary ? o.primary.replace('127.0.0.1:', '') : '–');
      this.fact(c, 'flags', 'sees', flags);
      this.fact(c, 'epoch', 'epoch', o ? String(o.epoch) : '–');
      this.fact(c, 'leader', 'leader', o?.leader ?? '–');
      c.root.classList.toggle('is-alarmed', Boolean(o && (o.sdown || o.odown)));
      c.root.classList.toggle('is-leader', Boolean(o?.failingOver));
    } else {
      this.fact(c, 'keys', 'keys', String(n.keys));
      this.fact(c, 'offset', 'offset', String(n.replOffset));
      this.fact(c, 'lag', 'lag', n.lagBytes === null ? '–' : `${n.lagBytes} B`);
    }
    const down = n.state === 'down';
    const paused = n.state === 'paused';
    c.kill.disabled = down;
    c.restart.disabled = !down;
    setText(c.pause, paused ? 'Resume' : 'Pause');
    c.pause.dataset.action = paused ? 'resume' : 'pause';
    c.pause.disabled = down;
    setAttr(c.kill, 'aria-label', `Kill ${n.port}`);
    setAttr(c.restart, 'aria-label', `Restart ${n.port}`);
    setAttr(c.pause, 'aria-label', `${paused ? 'Resume' : 'Pause'} ${n.port}`);
  }

  private renderDetails(view: LabView): void {
    const node = view.nodes.find((n) => n.id === this.selected);
    if (!node) return;
    let dl = this.details.querySelector('dl');
    let h = this.details.querySelector('h3');
    if (!h) {
      this.details.replaceChildren();
      h = el('h3');
      dl = el('dl');
      this.details.append(h, dl);
    }
    setText(h, `${node.kind === 'sentinel' ? 'Sentinel' : 'Redis'} ${node.port}`);
    const rows: Array<[string, string]> = [['state', node.state], ...node.details];
    const o = view.sentinels.find((s) => s.sentinel === node.id);
    if (o) rows.push(['monitoring', o.primary], ['sdown', o.sdown ? 'yes' : 'no'], ['odown', o.odown ? 'yes' : 'no'], ['current_epoch', String(o.epoch)], ['voted_leader', o.leader ?? '?']);
    const sig = rows.map(([k, v]) => `${k}=${v}`).join('\n');
    if (dl!.dataset.sig !== sig) {
      dl!.dataset.sig = sig;
      const frag: Node[] = [];
      for (const [k, v] of rows) frag.push(el('dt', undefined, k), el('dd', undefined, v));
      dl!.replaceChildren(...frag);
    }
  }

  private drawLinks(view: LabView, animate: boolean): void {
    const keep = new Set<string>();
    const now = animate ? performance.now() : 0;
    for (const link of view.links) {
      const a = this.geometry.get(link.from);
      const b = this.geometry.get(link.to);
      if (!a || !b) continue;
      keep.add(link.id);
      const [x1, y1] = edge(a, b);
      const [x2, y2] = edge(b, a);
      let line = this.lines.get(link.id);
      if (!line) {
        line = { el: document.createElementNS(SVG_NS, 'line'), shown: '' };
        line.el.dataset.link = link.id;
        this.svg.append(line.el);
        this.lines.set(link.id, line);
      }
      const cls = `link ${link.kind}${link.cut ? ' cut' : ''}${link.alive ? '' : ' dead'}`;
      const shown = `${x1.toFixed(1)} ${y1.toFixed(1)} ${x2.toFixed(1)} ${y2.toFixed(1)} ${cls}`;
      if (line.shown !== shown) {
        line.shown = shown;
        setAttr(line.el, 'x1', x1.toFixed(1));
        setAttr(line.el, 'y1', y1.toFixed(1));
        setAttr(line.el, 'x2', x2.toFixed(1));
        setAttr(line.el, 'y2', y2.toFixed(1));
        setAttr(line.el, 'class', cls);
        setAttr(line.el, 'marker-end', link.cut ? 'url(#cm-arrow-cut)' : 'url(#cm-arrow)');
      }
      if (animate && !link.cut) {
        if (link.forward > 0) this.dot(`${link.id}>`, now, x1, y1, x2, y2, link.kind);
        if (link.back > 0) this.dot(`${link.id}<`, now, x2, y2, x1, y1, link.kind);
      }
    }
    for (const [id, line] of this.lines) {
      if (keep.has(id)) continue;
      line.el.remove();
      this.lines.delete(id);
    }
  }

  /** A message in flight: a dot travelling from (x1,y1) to (x2,y2), from the pool, rate-limited per direction. */
  private dot(key: string, now: number, x1: number, y1: number, x2: number, y2: number, kind: LabLink['kind']): void {
    if (this.dotsLive >= MAX_DOTS || now - (this.lastDot.get(key) ?? -Infinity) < DOT_EVERY_MS) return;
    this.lastDot.set(key, now);
    this.dotsLive++;
    let c = this.dotPool.pop();
    if (!c) {
      c = document.createElementNS(SVG_NS, 'circle');
      c.setAttribute('r', '3.5');
    }
    c.setAttribute('cx', x1.toFixed(1));
    c.setAttribute('cy', y1.toFixed(1));
    c.setAttribute('class', `msg ${kind}`);
    if (c.parentNode !== this.svg) this.svg.append(c);
    const circle = c;
    const anim = circle.animate([{ transform: 'translate(0,0)' }, { transform: `translate(${(x2 - x1).toFixed(1)}px,${(y2 - y1).toFixed(1)}px)` }], { duration: DOT_MS, easing: 'linear' });
    anim.onfinish = anim.oncancel = () => {
      circle.remove();
      this.dotPool.push(circle);
      this.dotsLive--;
    };
  }
}

/** Where the segment from a's centre towards b leaves a's box. */
function edge(a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number }): [number, number] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (dx === 0 && dy === 0) return [a.x, a.y];
  const sx = dx === 0 ? Infinity : (a.w / 2 + 4) / Math.abs(dx);
  const sy = dy === 0 ? Infinity : (a.h / 2 + 4) / Math.abs(dy);
  const s = Math.min(sx, sy);
  return [a.x + dx * s, a.y + dy * s];
}

if (!customElements.get('cluster-map')) customElements.define('cluster-map', ClusterMapElement);
