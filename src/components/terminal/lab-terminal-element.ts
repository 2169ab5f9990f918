/**
 * `<lab-terminal>`: the lab's xterm terminal as a custom element (no framework). Its own code
 * here is tiny and eager; xterm, the shell and the mount load (dynamic `import()`) when the
 * terminal becomes visible or a lesson's Run button is used, like Astro's `client:visible`.
 * The cluster is the page's lab (`<redis-lab>`, lab/registry.ts); this element never boots one.
 *
 * Run buttons (lab/run-protocol.ts): the element answers every run request at once — it is the
 * page's terminal — and queues the command until the terminal is up and the lab is settled.
 */
import { onRunRequest, type RunOptions } from '../lab/run-protocol.ts';
import { wakeLab } from '../lab/registry.ts';

type RunConsumer = (command: string, options: RunOptions) => void;

/** Commands from Run buttons, in order, waiting for the terminal. */
export class RunQueue {
  private pending: Array<[string, RunOptions]> = [];
  private consumer: RunConsumer | null = null;

  push(command: string, options: RunOptions = {}): void {
    if (this.consumer) this.consumer(command, options);
    else this.pending.push([command, options]);
  }

  /** From now on commands go to `consumer`; the queued ones first. */
  drain(consumer: RunConsumer): void {
    this.consumer = consumer;
    const queued = this.pending;
    this.pending = [];
    for (const [c, o] of queued) consumer(c, o);
  }
}

class LabTerminalElement extends HTMLElement {
  private started = false;
  private readonly runs = new RunQueue();
  private offRun: (() => void) | null = null;
  private io: IntersectionObserver | null = null;

  connectedCallback(): void {
    if (this.started) return;
    this.offRun ??= onRunRequest((command, options) => {
      this.runs.push(command, options);
      this.start();
      return true;
    });
    this.io = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      this.start();
    });
    this.io.observe(this);
  }

  disconnectedCallback(): void {
    this.io?.disconnect();
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.io?.disconnect();
    wakeLab();
    import('./mount-lab.ts')
      .then((m) => m.mountLabTerminal(this, this.runs))
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
