/**
 * The line editor of a terminal tab: a buffer and a cursor edited by keys, drawn on the screen
 * with the escape sequences a real line editor writes. Two personalities share it:
 *
 * - `linenoise` — redis-cli's interactive prompt (redis-cli 7.0 bundles linenoise and turns on
 *   its multi-line mode): grey hints after the cursor, Tab cycling through whole-line
 *   completions, Ctrl+U clearing the line, Ctrl+C and Ctrl+D (on an empty line) ending the
 *   prompt with a bare newline.
 * - `readline` — the shell's prompt, as bash's readline behaves for the keys the lab offers:
 *   Tab completing the word under the cursor to the longest common prefix and listing the
 *   candidates on a second Tab, Ctrl+U deleting back to the start, Ctrl+C printing `^C`.
 *
 * The drawing follows linenoise's multi-line refresh byte for byte (recorded from redis-cli
 * 7.0.15 in a pty): go to the last row the line used, clear rows upwards, write prompt, buffer
 * and hint, then put the cursor back with relative moves. Pure: no terminal, no DOM; it writes
 * through the function it is given.
 *
 * Counterpart in Redis: deps/linenoise/linenoise.c (`linenoiseEdit`, `refreshMultiLine`,
 * `refreshShowHints`, `completeLine`, `linenoiseEditHistoryNext`) and the callbacks redis-cli
 * installs (`completionCallback`, `hintsCallback`); in bash, readline's `rl_complete`.
 */
import type { Key } from './keys.ts';

export type EditorStyle = 'linenoise' | 'readline';

/** The result of completing the word under the cursor (readline style). */
export interface WordCompletion {
  /** Where the word being completed starts in the line. */
  start: number;
  /** Every full word that could replace it; a directory ends with `/`. */
  candidates: string[];
}

export interface EditorOptions {
  prompt: string;
  /** The terminal's width in columns. */
  cols: number;
  style: EditorStyle;
  /** Earlier lines, oldest first (↑ walks back through them). */
  history?: readonly string[];
  /** The grey hint for the line so far; null for none (redis-cli's `hintsCallback`). */
  hint?: (line: string) => string | null;
  /** Whole-line completions (redis-cli's `completionCallback`). */
  completeLine?: (line: string) => string[];
  /** Completion of the word before the cursor (bash's file and command names). */
  completeWord?: (line: string, pos: number) => WordCompletion | null;
  /** Text typed before the editor started that belongs in the buffer. */
  initial?: string;
}

export type EditResult = { kind: 'line'; line: string } | { kind: 'interrupt' } | { kind: 'eof' };

/** Linenoise's hint colour: `bold;color;49m` with redis-cli's colour 90 (grey). */
const HINT_ON = '\x1b[0;90;49m';
const HINT_OFF = '\x1b[0m';
const BEEP = '\x07';

export class LineEditor {
  buf = '';
  pos = 0;
  private readonly opts: EditorOptions;
  private readonly write: (text: string) => void;
  private cols: number;
  /** Linenoise's `oldpos` and `maxrows`: where the cursor was and how many rows the line used. */
  private oldpos = 0;
  private maxrows = 0;
  /** History with a scratch entry for the line being typed at the end. */
  private readonly hist: string[];
  private hidx: number;
  /** Linenoise completion cycling: the candidates, the one shown (== length: the original). */
  private cycling: { list: string[]; i: number } | null = null;
  private lastWasTab = false;
  private done = false;

  constructor(opts: EditorOptions, write: (text: string) => void) {
    this.opts = opts;
    this.write = write;
    this.cols = Math.max(1, opts.cols);
    this.hist = [...(opts.history ?? []), ''];
    this.hidx = this.hist.length - 1;
  }

  get prompt(): string {
    return this.opts.prompt;
  }

  /** Writes the prompt (and any initial text), as linenoise does when it starts. */
  start(): void {
    this.write(this.opts.prompt);
    if (this.opts.initial) {
      this.buf = this.opts.initial;
      this.pos = this.buf.length;
      this.refresh();
    }
  }

  /** The terminal was resized. */
  resize(cols: number): void {
    this.cols = Math.max(1, cols);
  }

  /** Whether the editor has returned its line (it ignores keys afterwards). */
  get finished(): boolean {
    return this.done;
  }

  /** Processes one key; returns the result when the line is finished. */
  feed(key: Key): EditResult | null {
    if (this.done) return null;
    if (this.cycling) {
      const list = this.cycling.list;
      if (key.name === 'tab') {
        this.cycling.i = (this.cycling.i + 1) % (list.length + 1);
        if (this.cycling.i === list.length) this.write(BEEP);
        this.showCycling();
        return null;
      }
      const shown = this.cycling.i;
      this.cycling = null;
      if (key.name === 'escape') {
        this.refresh();
        return null;
      }
      if (shown < list.length) {
        this.buf = list[shown];
        this.pos = this.buf.length;
      }
    }
    const wasTab = this.lastWasTab;
    this.lastWasTab = key.name === 'tab';
    switch (key.name) {
      case 'char':
        this.buf = this.buf.slice(0, this.pos) + key.text + this.buf.slice(this.pos);
        this.pos += key.text.length;
        this.refresh();
        return null;
      case 'enter':
        return this.finish({ kind: 'line', line: this.buf });
      case 'ctrl-c':
        if (this.opts.style === 'readline') {
          this.moveEnd();
          this.write('^C\r\n');
          this.done = true;
          return { kind: 'interrupt' };
        }
        return this.end({ kind: 'interrupt' });
      case 'ctrl-d':
        if (this.buf.length === 0) return this.end({ kind: 'eof' });
        if (this.pos < this.buf.length) {
          this.buf = this.buf.slice(0, this.pos) + this.buf.slice(this.pos + 1);
          this.refresh();
        }
        return null;
      case 'tab':
        this.tab(wasTab);
        return null;
      case 'backspace':
        if (this.pos > 0) {
          this.buf = this.buf.slice(0, this.pos - 1) + this.buf.slice(this.pos);
          this.pos--;
          this.refresh();
        }
        return null;
      case 'delete':
        if (this.pos < this.buf.length) {
          this.buf = this.buf.slice(0, this.pos) + this.buf.slice(this.pos + 1);
          this.refresh();
        }
        return null;
      case 'left':
      case 'ctrl-b':
        if (this.pos > 0) {
          this.pos--;
          this.refresh();
        }
        return null;
      case 'right':
      case 'ctrl-f':
        if (this.pos < this.buf.length) {
          this.pos++;
          this.refresh();
        }
        return null;
      case 'home':
      case 'ctrl-a':
        if (this.pos !== 0) {
          this.pos = 0;
          this.refresh();
        }
        return null;
      case 'end':
      case 'ctrl-e':
        if (this.pos !== this.buf.length) {
          this.pos = this.buf.length;
          this.refresh();
        }
        return null;
      case 'up':
      case 'ctrl-p':
        this.historyMove(-1);
        return null;
      case 'down':
      case 'ctrl-n':
        this.historyMove(1);
        return null;
      case 'ctrl-u':
        if (this.opts.style === 'linenoise') {
          this.buf = '';
          this.pos = 0;
        } else {
          this.buf = this.buf.slice(this.pos);
          this.pos = 0;
        }
        this.refresh();
        return null;
      case 'ctrl-k':
        this.buf = this.buf.slice(0, this.pos);
        this.refresh();
        return null;
      case 'ctrl-w': {
        const old = this.pos;
        let p = this.pos;
        while (p > 0 && this.buf[p - 1] === ' ') p--;
        while (p > 0 && this.buf[p - 1] !== ' ') p--;
        this.buf = this.buf.slice(0, p) + this.buf.slice(old);
        this.pos = p;
        this.refresh();
        return null;
      }
      case 'ctrl-t':
        if (this.pos > 0 && this.buf.length > 1) {
          const at = this.pos === this.buf.length ? this.pos - 1 : this.pos;
          this.buf = this.buf.slice(0, at - 1) + this.buf[at] + this.buf[at - 1] + this.buf.slice(at + 1);
          if (this.pos < this.buf.length) this.pos++;
          this.refresh();
        }
        return null;
      case 'ctrl-l':
        this.write('\x1b[H\x1b[2J');
        this.maxrows = 0;
        this.oldpos = 0;
        this.refresh();
        return null;
      case 'escape':
      case 'ignored':
        return null;
    }
  }

  /**
   * Draws prompt, buffer and hint again after other output moved the cursor (a background
   * job's notice): starts from the current cursor row as if nothing had been drawn.
   */
  redraw(): void {
    this.maxrows = 0;
    this.oldpos = 0;
    this.refresh();
  }

  private finish(result: EditResult): EditResult {
    this.moveEnd();
    if (this.opts.hint) this.refresh(false);
    this.write('\r\n');
    this.done = true;
    return result;
  }

  /** Ctrl+C, or Ctrl+D on an empty line: linenoise returns at once and the caller prints a newline. */
  private end(result: EditResult): EditResult {
    this.write('\r\n');
    this.done = true;
    return result;
  }

  private moveEnd(): void {
    if (this.pos !== this.buf.length) {
      this.pos = this.buf.length;
      this.refresh();
    }
  }

  private historyMove(dir: -1 | 1): void {
    const next = this.hidx + dir;
    if (next < 0 || next >= this.hist.length) return;
    this.hist[this.hidx] = this.buf;
    this.hidx = next;
    this.buf = this.hist[next];
    this.pos = this.buf.length;
    this.refresh();
  }

  private tab(wasTab: boolean): void {
    if (this.opts.completeLine) {
      const list = this.opts.completeLine(this.buf);
      if (list.length === 0) {
        this.write(BEEP);
        return;
      }
      this.cycling = { list, i: 0 };
      this.showCycling();
      return;
    }
    if (!this.opts.completeWord) return;
    const found = this.opts.completeWord(this.buf, this.pos);
    if (!found || found.candidates.length === 0) {
      this.write(BEEP);
      return;
    }
    const typed = this.buf.slice(found.start, this.pos);
    const { candidates } = found;
    let insert: string;
    if (candidates.length === 1) {
      const only = candidates[0];
      insert = only.endsWith('/') ? only : only + ' ';
    } else insert = commonPrefix(candidates);
    if (insert.length > typed.length && insert.startsWith(typed)) {
      this.buf = this.buf.slice(0, found.start) + insert + this.buf.slice(this.pos);
      this.pos = found.start + insert.length;
      this.refresh();
      return;
    }
    if (!wasTab) {
      this.write(BEEP);
      return;
    }
    // Second Tab: list the candidates under the line, then draw the prompt again.
    this.moveEnd();
    this.write('\r\n' + columns(candidates.map(baseName), this.cols));
    this.write(this.opts.prompt);
    this.redraw();
  }

  private showCycling(): void {
    const c = this.cycling!;
    if (c.i < c.list.length) this.refresh(true, c.list[c.i], c.list[c.i].length);
    else this.refresh();
  }

  /** Linenoise's `refreshMultiLine` (with `refreshShowHints`). */
  private refresh(showHint = true, buf = this.buf, pos = this.pos): void {
    const prompt = this.opts.prompt;
    const plen = prompt.length;
    const cols = this.cols;
    const len = buf.length;
    let rows = Math.floor((plen + len + cols - 1) / cols);
    const rpos = Math.floor((plen + this.oldpos + cols) / cols);
    const oldRows = this.maxrows;
    if (rows > this.maxrows) this.maxrows = rows;
    let s = '';
    if (oldRows - rpos > 0) s += `\x1b[${oldRows - rpos}B`;
    for (let j = 0; j < oldRows - 1; j++) s += '\r\x1b[0K\x1b[1A';
    s += '\r\x1b[0K';
    s += prompt + buf;
    if (showHint && this.opts.hint && plen + len < cols) {
      const hint = this.opts.hint(buf);
      if (hint !== null) {
        const room = cols - plen - len;
        s += HINT_ON + hint.slice(0, room) + HINT_OFF;
      }
    }
    if (pos > 0 && pos === len && (pos + plen) % cols === 0) {
      s += '\n\r';
      rows++;
      if (rows > this.maxrows) this.maxrows = rows;
    }
    const rpos2 = Math.floor((plen + pos + cols) / cols);
    if (rows - rpos2 > 0) s += `\x1b[${rows - rpos2}A`;
    const col = (plen + pos) % cols;
    s += col ? `\r\x1b[${col}C` : '\r';
    this.oldpos = pos;
    this.write(s);
  }
}

function commonPrefix(words: string[]): string {
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

function baseName(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  const cut = trimmed.lastIndexOf('/');
  return cut >= 0 ? path.slice(cut + 1) : path;
}

/** Names in columns across the width, as readline lists completions. */
export function columns(names: string[], cols: number): string {
  const width = Math.max(...names.map((n) => n.length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(names.length / perRow);
  let out = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const name = names[c * rows + r];
      if (name === undefined) continue;
      line += c === perRow - 1 || names[(c + 1) * rows + r] === undefined ? name : name.padEnd(width);
    }
    out += line + '\r\n';
  }
  return out;
}
