/**
 * The terminal device of one tab: what the shell and its programs see as their terminal, and
 * what turns keystrokes into lines. It plays the part of a Unix tty with its line discipline:
 *
 * - **Raw mode** while someone edits a line (the shell's prompt, redis-cli's prompt): keys go
 *   to a {@link LineEditor}; Ctrl+C is a key like any other.
 * - **Cooked mode** while a command runs: typed text is echoed and queued for whoever reads
 *   next (type-ahead), Ctrl+C echoes `^C`, throws the queue away and interrupts the foreground
 *   job (ISIG), and a program reading its standard input (`cat`) gets whole lines, Ctrl+D
 *   being the end of file.
 * - **Output** (ONLCR): programs write bytes (binary strings, src/engine/types.ts); the tty
 *   decodes UTF-8 as a stream and turns `\n` into `\r\n` for the screen.
 *
 * Keys that arrive in one burst (a multi-line paste) are consumed one line per reader: what is
 * left after an Enter waits, unechoed, for the next prompt, which shows it.
 *
 * Counterpart in a real system: the kernel's n_tty line discipline (echo, ICANON, ISIG,
 * ONLCR) and the pty a terminal emulator drives.
 */
import type { Input, LineRequest, Output } from '../shell/streams.ts';
import { fromBytes, toBytes } from '../shell/streams.ts';
import { parseKeys, type Key } from './keys.ts';
import { LineEditor, type EditResult, type EditorOptions } from './line-editor.ts';
import type { History } from './history.ts';

export interface TtyOptions {
  /** Writes text (UTF-16, escape sequences included) to the screen. */
  write(text: string): void;
  /** The screen's width in columns. */
  cols(): number;
  /** The history list of a given name for this tab (`bash`, `redis-cli`). */
  history(name: string): History;
  /** Called with each line submitted at a program's prompt ({@link Tty.readLine}). */
  onLine?(line: string): void;
}

/** What the shell's own prompt asks for (a richer {@link LineRequest}). */
export type EditRequest = Omit<EditorOptions, 'cols' | 'history'> & { history: string; remember?: (line: string) => boolean };

interface Reader {
  editor: LineEditor;
  request: EditRequest;
  resolve(result: EditResult): void;
}

interface QueuedKey {
  key: Key;
  /** Already shown on the screen by the cooked-mode echo. */
  echoed: boolean;
}

export class Tty implements Input {
  readonly isTty = true;
  /** What programs write to: decoded, with `\n` → `\r\n`. */
  readonly output: Output;
  /** Called on Ctrl+C in cooked mode (SIGINT to the foreground job). */
  onInterrupt: () => void = () => {};
  private readonly opts: TtyOptions;
  private readonly decoder = new TextDecoder();
  /**
   * Whether the decoder has seen bytes and holds no partial UTF-8 sequence: then an all-ASCII
   * chunk decodes to itself and skips the decoder (the common case, and a hot one under output
   * floods). Bytes before the first decoder call always go through it (its start-of-stream BOM).
   */
  private decoderIdle = false;
  private queue: QueuedKey[] = [];
  private reader: Reader | null = null;
  private waitingEditors: Array<() => void> = [];
  /** A program blocked in `read()` (cooked mode) and the line it is getting. */
  private cooked: { resolve(text: string | null): void } | null = null;
  private cookedLine = '';

  constructor(opts: TtyOptions) {
    this.opts = opts;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the output object shares the tty's decoder
    const tty = this;
    this.output = {
      write(bytes: string) {
        tty.writeBytes(bytes);
      },
      isTty: true,
      broken: false,
    };
  }

  /** Bytes from a program, to the screen. */
  writeBytes(bytes: string): void {
    if (bytes === '') return;
    let text: string;
    if (this.decoderIdle && !/[^\x00-\x7f]/.test(bytes)) text = bytes;
    else {
      const arr = new Uint8Array(bytes.length);
      for (let i = 0; i < bytes.length; i++) arr[i] = bytes.charCodeAt(i) & 0xff;
      text = this.decoder.decode(arr, { stream: true });
      // A chunk ending in an ASCII byte leaves no sequence open in the decoder.
      this.decoderIdle = arr[arr.length - 1] < 0x80;
    }
    if (text !== '') this.opts.write(text.replace(/\r?\n/g, '\r\n'));
  }

  /** Text from the terminal itself (notices, prompts), to the screen. */
  writeText(text: string): void {
    this.opts.write(text);
  }

  /** Whether a line editor is waiting for keys (a prompt is showing). */
  get editing(): boolean {
    return this.reader !== null;
  }

  /** Keys typed but not yet consumed by any reader. */
  get pending(): number {
    return this.queue.length;
  }

  /** The terminal was resized. */
  resize(): void {
    this.reader?.editor.resize(this.opts.cols());
  }

  /** Data from the terminal (keystrokes, pastes). */
  input(data: string): void {
    for (const key of parseKeys(data)) {
      if (this.reader) {
        // Raw mode: the editor takes it (after anything queued before it, in order).
        this.queue.push({ key, echoed: false });
        continue;
      }
      this.cookedKey(key);
    }
    this.drain();
  }

  /** Runs queued keys through the current reader until it finishes or the queue is empty. */
  private drain(): void {
    while (this.reader && this.queue.length > 0) {
      const { key } = this.queue.shift()!;
      const reader = this.reader;
      const result = reader.editor.feed(key);
      if (result) {
        this.reader = null;
        reader.resolve(result);
        this.waitingEditors.shift()?.();
      }
    }
    if (!this.reader && this.cooked) {
      while (this.cooked && this.queue.length > 0) {
        const q = this.queue.shift()!;
        this.cookedKey(q.key, q.echoed);
      }
    }
  }

  /** The cooked line discipline for one key typed while no editor reads. */
  private cookedKey(key: Key, alreadyEchoed = false): void {
    const echo = (s: string) => {
      if (!alreadyEchoed) this.opts.write(s);
    };
    switch (key.name) {
      case 'ctrl-c':
        echo('^C');
        this.queue = [];
        this.cookedLine = '';
        this.onInterrupt();
        return;
      case 'ctrl-d':
        if (this.cooked && this.cookedLine === '') {
          const c = this.cooked;
          this.cooked = null;
          c.resolve(null);
        } else if (this.cooked) {
          const c = this.cooked;
          this.cooked = null;
          const line = this.cookedLine;
          this.cookedLine = '';
          c.resolve(line);
        }
        return;
      case 'enter':
        echo('\r\n');
        if (this.cooked) {
          const c = this.cooked;
          this.cooked = null;
          const line = this.cookedLine + '\n';
          this.cookedLine = '';
          c.resolve(line);
        } else this.queue.push({ key, echoed: true });
        return;
      case 'backspace':
        if (this.cooked) {
          if (this.cookedLine !== '') {
            this.cookedLine = this.cookedLine.slice(0, -1);
            echo('\b \b');
          }
          return;
        }
        for (let i = this.queue.length - 1; i >= 0; i--) {
          if (this.queue[i].key.name === 'enter') break;
          if (this.queue[i].key.name === 'char') {
            this.queue.splice(i, 1);
            echo('\b \b');
            return;
          }
        }
        return;
      case 'char':
        echo(key.text);
        if (this.cooked) this.cookedLine += key.text;
        else this.queue.push({ key, echoed: true });
        return;
      case 'tab':
        echo('\t');
        if (this.cooked) this.cookedLine += '\t';
        else this.queue.push({ key, echoed: true });
        return;
      default:
        // Arrows and other control keys are echoed the way a tty shows them (`^[[A`).
        echo(key.raw.replace(/\x1b/g, '^['));
        if (!this.cooked) this.queue.push({ key, echoed: true });
    }
  }

  /**
   * Shows a prompt and edits a line (raw mode). One editor at a time: a second request waits
   * for the first to finish. Keys typed ahead are replayed into it.
   */
  async edit(request: EditRequest): Promise<EditResult> {
    while (this.reader) await new Promise<void>((resolve) => this.waitingEditors.push(resolve));
    const history = this.opts.history(request.history);
    // Type-ahead that the cooked echo already showed is shown again by the editor, as a
    // real terminal does; nothing to undo here.
    for (const q of this.queue) q.echoed = false;
    const result = await new Promise<EditResult>((resolve) => {
      const editor = new LineEditor({ ...request, cols: this.opts.cols(), history: history.entries }, (s) => this.opts.write(s));
      this.reader = { editor, request, resolve };
      editor.start();
      this.drain();
    });
    if (result.kind === 'line' && result.line.trim() !== '' && (request.remember?.(result.line) ?? true)) history.add(result.line);
    return result;
  }

  /** Input.readLine: a program's prompt (interactive redis-cli), in bytes. */
  async readLine(req: LineRequest): Promise<string | null> {
    const result = await this.edit({
      prompt: fromBytes(req.prompt),
      style: 'linenoise',
      history: req.history,
      hint: req.hint ? (line) => nullable(req.hint!(toBytes(line))) : undefined,
      completeLine: req.complete ? (line) => req.complete!(toBytes(line)).map(fromBytes) : undefined,
      remember: req.remember ? (line) => req.remember!(toBytes(line)) : undefined,
    });
    if (result.kind === 'line') this.opts.onLine?.(result.line);
    return result.kind === 'line' ? toBytes(result.line) : null;
  }

  /** Input.read: one cooked line (with its `\n`) as bytes; null at Ctrl+D on an empty line. */
  async read(): Promise<string | null> {
    if (this.cooked) return null;
    const text = await new Promise<string | null>((resolve) => {
      this.cooked = { resolve };
      this.drain();
    });
    return text === null ? null : toBytes(text);
  }

  close(): void {
    if (this.cooked) {
      const c = this.cooked;
      this.cooked = null;
      c.resolve(null);
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      const chunk = await this.read();
      if (chunk === null) return;
      yield chunk;
    }
  }

  /** Throws away the type-ahead (a new shell in this tab). */
  flush(): void {
    this.queue = [];
  }
}

function nullable(hint: string | null): string | null {
  return hint === null ? null : fromBytes(hint);
}
