/**
 * A virtual screen and a lab for terminal tests: tabs of the real {@link TabSession} on the
 * deterministic simulator, their output drawn by @xterm/headless (xterm's own parser and
 * buffer, without a DOM), so tests read what a learner would see — rows of text, the cursor,
 * the colour of a cell.
 *
 * Time: the simulator's virtual clock. `type()` feeds keys, then runs the simulation until the
 * tab waits for the user again (a prompt with nothing typed ahead), so a `sleep 10` or a 5 s
 * replica sync costs milliseconds and every run is the same.
 */
import headless from '@xterm/headless';
import { Sim } from '../../src/sim/index.ts';
import { TabSession, type TabSessionOptions } from '../../src/terminal/tab-session.ts';
import { MemoryStorage, type KeyValueStorage } from '../../src/terminal/history.ts';
import { toBytes } from '../../src/shell/streams.ts';
import { startDefaultScenario, waitForReplicaSync } from '../../src/terminal/boot.ts';

const { Terminal } = headless;
type HeadlessTerminal = InstanceType<typeof Terminal>;

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A screen: xterm's emulator without a renderer. */
export class Screen {
  readonly term: HeadlessTerminal;
  /** Everything written, escape sequences included. */
  raw = '';
  private pending: Promise<void> = Promise.resolve();

  constructor(cols = 80, rows = 30) {
    this.term = new Terminal({ cols, rows, scrollback: 1000, allowProposedApi: true });
  }

  get cols(): number {
    return this.term.cols;
  }

  write(text: string): void {
    this.raw += text;
    this.pending = new Promise((resolve) => this.term.write(text, resolve));
  }

  /** Waits until xterm has parsed everything written so far. */
  async flush(): Promise<void> {
    await this.pending;
  }

  /** The screen's lines (scrollback included), right-trimmed, without trailing empty lines. */
  async lines(): Promise<string[]> {
    await this.flush();
    const buf = this.term.buffer.active;
    const out: string[] = [];
    // trimEnd: spaces written by the program (a prompt's, a blank hint) are cells, not emptiness.
    for (let i = 0; i < buf.length; i++) out.push((buf.getLine(i)?.translateToString(true) ?? '').trimEnd());
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  }

  async text(): Promise<string> {
    return (await this.lines()).join('\n');
  }

  /** The row the cursor is on, and its column. */
  async cursor(): Promise<{ row: string; x: number }> {
    await this.flush();
    const buf = this.term.buffer.active;
    return { row: (buf.getLine(buf.baseY + buf.cursorY)?.translateToString(true) ?? '').trimEnd(), x: buf.cursorX };
  }

  /** The text of the cursor's row from column `from`, with each cell's foreground colour (palette index, -1 default). */
  async cells(from = 0): Promise<Array<{ ch: string; fg: number }>> {
    await this.flush();
    const buf = this.term.buffer.active;
    const line = buf.getLine(buf.baseY + buf.cursorY)!;
    const out: Array<{ ch: string; fg: number }> = [];
    for (let x = from; x < line.length; x++) {
      const cell = line.getCell(x)!;
      const ch = cell.getChars();
      if (ch === '') break;
      out.push({ ch, fg: cell.isFgDefault() ? -1 : cell.getFgColor() });
    }
    return out;
  }
}

export interface LabTab {
  session: TabSession;
  screen: Screen;
  /** Types keys (no Enter added) and runs the lab until the tab waits for the user. */
  type(data: string, limitMs?: number): Promise<void>;
  /** Types a line and Enter, and waits as `type` does. */
  line(text: string, limitMs?: number): Promise<void>;
  /** Runs the lab until `pred` holds (virtual time). */
  until(pred: () => boolean, limitMs?: number): Promise<void>;
  text(): Promise<string>;
}

export interface Lab {
  sim: Sim;
  storage: KeyValueStorage;
  tab(opts?: Partial<Omit<TabSessionOptions, 'cols'>> & { cols?: number }): LabTab;
  /** Lets virtual time pass with everyone running (servers, background jobs). */
  wait(ms: number): Promise<void>;
  /** Starts the default scenario (5 nodes) and runs until the replica is synced; pids by port. */
  boot(): Promise<Map<number, number>>;
}


export function lab(opts: { seed?: number; files?: Record<string, string>; storage?: KeyValueStorage } = {}): Lab {
  const sim = new Sim({ seed: opts.seed ?? 1 });
  const cwd = '/home/learner';
  sim.disk.mkdir('/home');
  sim.disk.mkdir(cwd);
  for (const [name, content] of Object.entries(opts.files ?? {})) sim.disk.write(`${cwd}/${name}`, toBytes(content));
  const storage = opts.storage ?? new MemoryStorage();
  let tabs = 0;
  const run = async (pred: () => boolean, limitMs: number) => {
    const outcome = await sim.run(pred, settle, { limitMs });
    if (outcome !== 'done') throw new Error(`the lab did not get there (${outcome}) within ${limitMs} ms of virtual time`);
  };
  return {
    sim,
    storage,
    tab(options = {}) {
      const { cols, ...o } = options;
      const screen = new Screen(cols ?? 80);
      const session = new TabSession({
        host: sim,
        write: (t) => screen.write(t),
        cols: () => screen.cols,
        storage,
        tabId: String(++tabs),
        cwd,
        ...o,
      });
      const until = (pred: () => boolean, limitMs = 60_000) => run(pred, limitMs);
      const type = async (data: string, limitMs = 60_000) => {
        session.input(data);
        await until(() => session.idle, limitMs);
      };
      return { session, screen, until, type, line: (text, limitMs) => type(text + '\r', limitMs), text: () => screen.text() };
    },
    async boot() {
      const pids = startDefaultScenario(sim);
      let synced = false;
      let failure: unknown = null;
      waitForReplicaSync(sim).then(
        () => (synced = true),
        (e) => (failure = e),
      );
      await run(() => synced || failure !== null, 120_000);
      if (failure) throw failure;
      return pids;
    },
    async wait(ms: number) {
      const target = sim.time + ms;
      await sim.run(() => sim.time >= target, settle, { limitMs: ms });
    },
  };
}
