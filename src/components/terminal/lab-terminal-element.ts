/**
 * `<lab-terminal>`: a custom element (no framework) that loads the terminal — xterm, the shell
 * and the cluster — only when it becomes visible, like Astro's `client:visible`. This module is
 * the page's only eager JavaScript for the terminal; everything else is a dynamic import.
 */
class LabTerminalElement extends HTMLElement {
  private started = false;

  connectedCallback(): void {
    if (this.started) return;
    const io = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      this.start();
    });
    io.observe(this);
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    import('./mount-lab.ts')
      .then((m) => m.mountLab(this))
      .catch((e: unknown) => {
        const p = document.createElement('p');
        p.className = 'lab-terminal-error';
        p.setAttribute('role', 'alert');
        p.textContent = `The terminal could not start: ${e instanceof Error ? e.message : String(e)}`;
        this.replaceChildren(p);
      });
  }
}

if (!customElements.get('lab-terminal')) customElements.define('lab-terminal', LabTerminalElement);
