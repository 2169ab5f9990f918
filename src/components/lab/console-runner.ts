/**
 * The plain console's engine (loaded on first use): one interactive-mode shell per cluster, each
 * submitted line run as a script line with output captured as text. Standard input is empty, so
 * `redis-cli` without a command exits at once; the xterm terminal (src/terminal) is the full
 * experience.
 */
import { Shell } from '../../shell/shell.ts';
import { fromBytes, toBytes, type Output } from '../../shell/streams.ts';
import type { ShellHost } from '../../shell/host.ts';

export class ConsoleRunner {
  private shell: Shell;
  private readonly write: (text: string) => void;

  constructor(host: ShellHost, write: (text: string) => void) {
    this.write = write;
    this.shell = this.makeShell(host);
  }

  private makeShell(host: ShellHost): Shell {
    let pending = '';
    const terminal: Output = {
      write: (bytes: string) => {
        // Decode whole UTF-8 sequences only; keep a trailing partial one for the next write.
        pending += bytes;
        let cut = pending.length;
        for (let i = Math.max(0, pending.length - 3); i < pending.length; i++) {
          const c = pending.charCodeAt(i);
          const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
          if (need > 1 && i + need > pending.length) {
            cut = i;
            break;
          }
        }
        const text = fromBytes(pending.slice(0, cut));
        pending = pending.slice(cut);
        if (text) this.write(text);
      },
      isTty: true,
      broken: false,
    };
    return new Shell({ host, terminal, cwd: '/home/learner', scriptName: null, interactive: true });
  }

  /** A new cluster (after reset): a new shell on it. */
  rebind(host: ShellHost): void {
    this.shell = this.makeShell(host);
  }

  /** Runs one command line; resolves with its exit status. */
  run(line: string): Promise<number> {
    return this.shell.runScript(toBytes(line + '\n'));
  }

  interrupt(): void {
    this.shell.interrupt();
  }
}
