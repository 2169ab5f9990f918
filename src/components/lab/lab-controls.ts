/**
 * `<lab-controls>`: Kill primary (whoever is primary at the moment of the click), the clock's
 * speed and pause, Reset, and a cut/heal toggle per link. Native buttons and a select: each is
 * keyboard-reachable with a visible focus and an accessible name.
 */
import type { LabController, LabView } from './model.ts';
import { whenLab } from './registry.ts';

export class LabControlsElement extends HTMLElement {
  private controller: LabController | null = null;
  private unsubscribe: (() => void) | null = null;

  connectedCallback(): void {
    const killPrimary = this.querySelector<HTMLButtonElement>('[data-control="kill-primary"]')!;
    const speed = this.querySelector<HTMLSelectElement>('[data-control="speed"]')!;
    const pause = this.querySelector<HTMLButtonElement>('[data-control="pause"]')!;
    const reset = this.querySelector<HTMLButtonElement>('[data-control="reset"]')!;
    const links = this.querySelector<HTMLElement>('[data-control="links"]');
    killPrimary.addEventListener('click', () => this.controller?.killPrimary());
    speed.addEventListener('change', () => this.controller?.setSpeed(Number(speed.value)));
    pause.addEventListener('click', () => {
      if (!this.controller) return;
      this.controller.setPaused(!this.controller.view().clock.paused);
    });
    reset.addEventListener('click', () => void this.controller?.reset());
    links?.addEventListener('click', (e) => {
      const b = (e.target as Element).closest<HTMLButtonElement>('button[data-a]');
      if (!b || !this.controller) return;
      const { a, b: other } = b.dataset as { a: string; b: string };
      if (b.getAttribute('aria-pressed') === 'true') this.controller.healLink(a, other);
      else this.controller.cutLink(a, other);
    });
    whenLab((lab) => {
      this.unsubscribe?.();
      this.controller = lab.controller;
      this.unsubscribe = lab.controller.subscribe((v) => this.render(v, { killPrimary, speed, pause, links }));
    });
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
  }

  private render(v: LabView, c: { killPrimary: HTMLButtonElement; speed: HTMLSelectElement; pause: HTMLButtonElement; links: HTMLElement | null }): void {
    c.killPrimary.disabled = v.primary === null;
    const label = v.primary ? `Kill primary (${v.primary})` : 'Kill primary (none is up)';
    if (c.killPrimary.getAttribute('aria-label') !== label) c.killPrimary.setAttribute('aria-label', label);
    // The boot plan fast-forwards at speeds the menu does not offer (50×, 8×): the menu keeps
    // its choice then instead of going blank.
    const speed = String(v.clock.speed);
    const offered = [...c.speed.options].some((o) => o.value === speed);
    if (offered && c.speed.value !== speed && document.activeElement !== c.speed) c.speed.value = speed;
    const pressed = String(v.clock.paused);
    if (c.pause.getAttribute('aria-pressed') !== pressed) {
      c.pause.setAttribute('aria-pressed', pressed);
      c.pause.textContent = v.clock.paused ? 'Resume clock' : 'Pause clock';
    }
    if (!c.links) return;
    const wanted = v.links.map((l) => ({ key: [l.from, l.to].sort().join('|'), l }));
    const sig = wanted.map((w) => `${w.key}:${w.l.cut}`).join(',');
    if (c.links.dataset.sig === sig) return;
    c.links.dataset.sig = sig;
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.key;
    const buttons = wanted.map(({ key, l }) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'lab-btn link-btn';
      b.dataset.a = l.from;
      b.dataset.b = l.to;
      b.dataset.key = key;
      b.setAttribute('aria-pressed', String(l.cut));
      b.textContent = `${l.cut ? 'Heal' : 'Cut'} ${l.from} ↔ ${l.to}`;
      b.title = `${l.cut ? 'Heal' : 'Cut'} the network link between ${l.from} and ${l.to}`;
      return b;
    });
    c.links.replaceChildren(...buttons);
    if (focused) c.links.querySelector<HTMLElement>(`[data-key="${CSS.escape(focused)}"]`)?.focus();
  }
}

if (!customElements.get('lab-controls')) customElements.define('lab-controls', LabControlsElement);
