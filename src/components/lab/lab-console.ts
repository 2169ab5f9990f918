/**
 * `<lab-console>`: a minimal line console on the lab's shell — an output area and a command
 * field. It takes Run requests only when no other terminal answered them (see run-protocol.ts).
 * Output is appended as text, never HTML.
 */
import { onRunRequest } from './run-protocol.ts';
import { whenLab, wakeLab, type LabHandle } from './registry.ts';
import type { ConsoleRunner } from './console-runner.ts';

const PROMPT = 'learner@lab:~$ ';

export class LabConsoleElement extends HTMLElement {
  private out!: HTMLPreElement;
  private input!: HTMLInputElement;
  private runner: ConsoleRunner | null = null;
  private lab: LabHandle | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private history: string[] = [];
  private cursor = 0;

  connectedCallback(): void {
    this.out = this.querySelector('pre')!;
    this.input = this.querySelector('input')!;
    const form = this.querySelector('form')!;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const line = this.input.value;
      this.input.value = '';
      this.submit(line);
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
        if (this.history.length === 0) return;
        e.preventDefault();
        this.cursor = Math.max(0, Math.min(this.history.length, this.cursor + (e.key === 'ArrowUp' ? -1 : 1)));
        this.input.value = this.history[this.cursor] ?? '';
      } else if (e.key === 'c' && e.ctrlKey) {
        this.runner?.interrupt();
      }
    });
    whenLab((lab) => {
      this.lab = lab;
      lab.onReset((host) => {
        this.out.textContent = '';
        this.runner?.rebind(host);
      });
    });
    onRunRequest((command) => {
      this.input.value = '';
      this.submit(command);
      return true;
    }, { fallback: true });
  }

  /** The console's text (tests read it). */
  text(): string {
    return this.out.textContent ?? '';
  }

  private print(text: string): void {
    const atBottom = this.out.scrollTop + this.out.clientHeight >= this.out.scrollHeight - 4;
    this.out.append(document.createTextNode(text));
    if (this.out.textContent!.length > 200_000) this.out.textContent = this.out.textContent!.slice(-150_000);
    if (atBottom) this.out.scrollTop = this.out.scrollHeight;
  }

  private submit(line: string): void {
    if (line.trim()) {
      this.history.push(line);
      this.cursor = this.history.length;
    }
    wakeLab();
    this.queue = this.queue.then(async () => {
      this.print(PROMPT + line + '\n');
      if (!line.trim()) return;
      const runner = await this.ensureRunner();
      this.dataset.busy = 'true';
      try {
        await runner.run(line);
      } catch (e) {
        this.print(`lab: ${(e as Error).message}\n`);
      } finally {
        delete this.dataset.busy;
      }
    });
  }

  private async ensureRunner(): Promise<ConsoleRunner> {
    if (this.runner) return this.runner;
    const lab = this.lab ?? (await new Promise<LabHandle>((resolve) => whenLab(resolve)));
    const { ConsoleRunner } = await import('./console-runner.ts');
    this.runner = new ConsoleRunner(lab.host(), (t) => this.print(t));
    return this.runner;
  }
}

if (!customElements.get('lab-console')) customElements.define('lab-console', LabConsoleElement);
