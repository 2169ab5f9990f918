/**
 * The byte streams between the shell's programs: a program reads its standard input as an async
 * sequence of chunks and writes its standard output and error to sinks. Text is bytes as binary
 * strings (one char = one byte, src/engine/types.ts), like everything on the virtual disk; the
 * terminal edge decodes UTF-8.
 *
 * Counterpart in a real system: file descriptors 0, 1 and 2 of a process, pipes (pipe(2)) between
 * the members of a pipeline, and a terminal device that `isatty(3)` recognises.
 */
import type { Disk } from '../engine/types.ts';

/** A program's standard input: chunks until the writer closes (null = end of file). */
export interface Input extends AsyncIterable<string> {
  /** The next chunk, or null at end of file. */
  read(): Promise<string | null>;
  /** Whether this input is a terminal (redis-cli goes interactive then). */
  readonly isTty: boolean;
  /** The reader is done with the stream: writers stop being heard (a broken pipe). */
  close(): void;
  /**
   * Present when this input is a terminal with a line editor (a tab of the lab's terminal):
   * reads one line in raw mode as linenoise does — prompt, grey hints, Tab completion,
   * history — and resolves with it as bytes, or null on Ctrl+C or Ctrl+D (interactive
   * redis-cli then exits). Programs without it read cooked lines with `read()`.
   */
  readLine?(request: LineRequest): Promise<string | null>;
}

/** What a program asks of a terminal's line editor (see {@link Input.readLine}). */
export interface LineRequest {
  prompt: string;
  /** The grey hint after the cursor for the line typed so far; null for none. */
  hint?(line: string): string | null;
  /** Whole-line completions for Tab, cycled through as linenoise does. */
  complete?(line: string): string[];
  /** Which history list ↑/↓ walk (`redis-cli`). */
  history: string;
  /** Whether a finished line goes into the history (redis-cli keeps AUTH lines out). */
  remember?(line: string): boolean;
}

/** A program's standard output or error. */
export interface Output {
  write(text: string): void;
  /** Whether this output is a terminal (`isatty`): redis-cli's human format, redis-server's logo. */
  readonly isTty: boolean;
  /** True once nobody reads any more (the pipe's reader ended): writers may stop early. */
  readonly broken: boolean;
}

/**
 * Bytes a reader took from an input but did not use (`read` stops at its line's end, as bash
 * reading byte by byte would): the next read of the same input returns them first.
 */
const unreadBytes = new WeakMap<Input, string>();

/** Gives `text` back to `input`: its next `read()` returns it before anything else. */
export function unread(input: Input, text: string): void {
  if (text !== '') unreadBytes.set(input, text + (unreadBytes.get(input) ?? ''));
}

/** What was given back to `input`, taken; null when nothing was. */
export function takeUnread(input: Input): string | null {
  const text = unreadBytes.get(input);
  if (text === undefined) return null;
  unreadBytes.delete(input);
  return text;
}

/** An input that is already at its end (`/dev/null`, or a closed terminal in a script). */
export class EmptyInput implements Input {
  readonly isTty: boolean;
  constructor(isTty = false) {
    this.isTty = isTty;
  }
  async read(): Promise<string | null> {
    return takeUnread(this);
  }
  close(): void {}
  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    const rest = takeUnread(this);
    if (rest !== null) yield rest;
  }
}

/** An input holding fixed text: a here-document, or a file redirected with `<`. */
export class TextInput implements Input {
  readonly isTty = false;
  private text: string | null;
  constructor(text: string) {
    this.text = text;
  }
  async read(): Promise<string | null> {
    const back = takeUnread(this);
    if (back !== null) return back;
    const t = this.text;
    this.text = null;
    return t === '' ? null : t;
  }
  close(): void {
    this.text = null;
  }
  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      const c = await this.read();
      if (c === null) return;
      yield c;
    }
  }
}

/** A pipe: what one member of a pipeline writes, the next reads. */
export class Pipe {
  private chunks: string[] = [];
  private waiter: (() => void) | null = null;
  private writersOpen: number;
  readerClosed = false;
  readonly output: Output;
  readonly input: Input;

  constructor(writers = 1) {
    this.writersOpen = writers;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the two ends are plain objects sharing the pipe's state
    const pipe = this;
    this.output = {
      write(text: string) {
        if (pipe.readerClosed || text === '') return;
        pipe.chunks.push(text);
        pipe.wake();
      },
      isTty: false,
      get broken() {
        return pipe.readerClosed;
      },
    };
    const input: Input = {
      isTty: false,
      async read() {
        const back = takeUnread(input);
        if (back !== null) return back;
        for (;;) {
          if (pipe.chunks.length > 0) return pipe.chunks.splice(0).join('');
          if (pipe.writersOpen <= 0 || pipe.readerClosed) return null;
          await new Promise<void>((resolve) => (pipe.waiter = resolve));
        }
      },
      close() {
        pipe.readerClosed = true;
        pipe.chunks = [];
        pipe.wake();
      },
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const c = await input.read();
          if (c === null) return;
          yield c;
        }
      },
    };
    this.input = input;
  }

  /** One writer is done (its program exited); the reader sees end of file after the last. */
  closeWriter(): void {
    this.writersOpen--;
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}

/** An output that appends to a file on the virtual disk as the program writes (`>`, `>>`). */
export class FileOutput implements Output {
  readonly isTty = false;
  readonly broken = false;
  private readonly disk: Disk;
  private readonly path: string;
  constructor(disk: Disk, path: string) {
    this.disk = disk;
    this.path = path;
  }
  write(text: string): void {
    if (text !== '') this.disk.append(this.path, text);
  }
}

/** `/dev/null`: everything written disappears. */
export const NULL_OUTPUT: Output = { write() {}, isTty: false, broken: false };

/** Collects what is written, for `$(...)`-like captures and tests. */
export class CaptureOutput implements Output {
  text = '';
  readonly isTty: boolean;
  readonly broken = false;
  constructor(isTty = false) {
    this.isTty = isTty;
  }
  write(text: string): void {
    this.text += text;
  }
}

/** Splits incoming chunks into lines (each without its `\n`); the last line may lack one. */
export async function* lines(input: Input): AsyncGenerator<{ line: string; eol: boolean }> {
  let pending = '';
  for await (const chunk of input) {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      yield { line: pending.slice(0, nl), eol: true };
      pending = pending.slice(nl + 1);
    }
  }
  if (pending !== '') yield { line: pending, eol: false };
}

/** Reads an input to its end. */
export async function readAll(input: Input): Promise<string> {
  let out = '';
  for await (const c of input) out += c;
  return out;
}

/** UTF-8 text to bytes as a binary string (what the shell and the engine carry). */
export function toBytes(text: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(text)) out += String.fromCharCode(b);
  return out;
}

/** Bytes as a binary string to text, decoding UTF-8 (invalid sequences become U+FFFD). */
export function fromBytes(bytes: string): string {
  const arr = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) arr[i] = bytes.charCodeAt(i) & 0xff;
  return new TextDecoder().decode(arr);
}
