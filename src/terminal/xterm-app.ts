/**
 * The browser terminal: tabs of {@link TabSession}s drawn by xterm.js 6 (with the fit and
 * web-links addons), an accessible tab bar, and the editor panel of `edit FILE`. This module is
 * the only one that imports xterm; pages load it lazily (dynamic `import()`) when the terminal
 * becomes visible.
 *
 * Safety: user text reaches the page only through xterm (which draws cells, never HTML) and
 * through `textContent` / `value`; nothing here sets `innerHTML`.
 *
 * Tab bar (WAI-ARIA tabs pattern): `role=tablist` with one `role=tab` per tab (roving
 * tabindex: ←/→/Home/End move between tabs, Delete closes one), each controlling its
 * `role=tabpanel`; the tab's label is its foreground process (`bash`, `redis-cli`, …).
 *
 * Keyboard: inside a terminal Tab completes, as in bash; Esc then Tab (or Shift+Tab) moves the
 * focus out, so the terminal is never a keyboard trap.
 *
 * Lessons' Run buttons call {@link TerminalApp.run}: the command is typed into the active tab
 * as if the learner had typed it, then Enter.
 */
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import type { ShellHost } from '../shell/host.ts';
import { TabSession } from './tab-session.ts';
import { MemoryStorage, usableLocalStorage, type KeyValueStorage } from './history.ts';

export interface TerminalAppOptions {
  /** The cluster the shells talk to (the current one: it may change on a lab reset). */
  host(): ShellHost;
  /** Where tab histories are kept (default: localStorage when usable). */
  storage?: KeyValueStorage;
  /** Expose the xterm objects on `window` for tests (the page passes true behind `?test`). */
  testHook?: boolean;
  /** Lines written to the first tab before its prompt (e.g. how the lab was booted). */
  banner?: string;
  /** Accessible name of the terminal region. */
  label?: string;
  /** Focus the first tab when mounted (default true; a lesson page mounting its lab while the learner reads passes false). */
  autofocus?: boolean;
  /** Tap: everything written to a tab's screen (escape sequences included), with the tab's id. */
  onOutput?(tabId: string, text: string): void;
  /** Tap: each line the user submitted in a tab (shell commands, lines at redis-cli's prompt). */
  onCommand?(tabId: string, line: string): void;
}

export interface TerminalTab {
  id: string;
  term: Terminal;
  session: TabSession;
  button: HTMLButtonElement;
  panel: HTMLElement;
  fit: FitAddon;
  /** Writes xterm has not parsed yet (its parser runs asynchronously). */
  writes: { unparsed: number };
  titleTimer?: ReturnType<typeof setInterval>;
}

/** The largest single write handed to xterm (its parser yields to the page between writes). */
const WRITE_CHUNK = 4096;

const THEME: ITheme = {
  background: '#1b1d23',
  foreground: '#e6e6e6',
  cursor: '#f5c542',
  selectionBackground: '#3d5a80',
  brightBlack: '#9a9fab',
};

/** Test-only view of the terminal (behind `?test`). */
export interface TerminalTestHook {
  app: TerminalApp;
  /** The active tab's xterm. */
  readonly term: Terminal;
  /** Lines of the active tab's buffer, right-trimmed. */
  lines(): string[];
  /** The same with soft-wrapped rows joined back into the lines the programs wrote. */
  logicalLines(): string[];
  /** Whether the active tab waits at a prompt with nothing typed ahead, and xterm shows everything written. */
  idle(): boolean;
}

declare global {
  interface Window {
    __xterm?: Terminal;
    __terminal?: TerminalTestHook;
  }
}

export class TerminalApp {
  readonly root: HTMLElement;
  readonly tabs: TerminalTab[] = [];
  private active: TerminalTab | null = null;
  private readonly opts: TerminalAppOptions;
  private readonly storage: KeyValueStorage;
  private readonly tablist: HTMLElement;
  private readonly panels: HTMLElement;
  private readonly editor: EditorPanel;
  private readonly resizeObserver: ResizeObserver;
  private banner: string | undefined;

  constructor(root: HTMLElement, opts: TerminalAppOptions) {
    this.root = root;
    this.opts = opts;
    this.banner = opts.banner;
    this.storage = opts.storage ?? usableLocalStorage() ?? new MemoryStorage();
    root.classList.add('lab-terminal');
    const bar = el('div', 'lab-terminal-bar');
    this.tablist = el('div', 'lab-terminal-tabs');
    this.tablist.setAttribute('role', 'tablist');
    this.tablist.setAttribute('aria-label', 'Terminal tabs');
    this.tablist.addEventListener('keydown', (e) => this.onTabKey(e));
    const add = el('button', 'lab-terminal-new') as HTMLButtonElement;
    add.type = 'button';
    add.textContent = '+';
    add.title = 'New tab';
    add.setAttribute('aria-label', 'New terminal tab');
    add.addEventListener('click', () => this.newTab());
    bar.append(this.tablist, add);
    this.panels = el('div', 'lab-terminal-panels');
    this.editor = new EditorPanel();
    root.replaceChildren(bar, this.panels, this.editor.root);
    this.resizeObserver = new ResizeObserver(() => this.fitActive());
    this.resizeObserver.observe(this.panels);
    if (opts.testHook) this.installTestHook();
    this.newTab({ focus: opts.autofocus ?? true });
  }

  /** Opens a tab with a fresh shell and switches to it (focusing it unless `focus` is false). */
  newTab(options: { focus?: boolean } = {}): TerminalTab {
    const id = this.freeId();
    const button = el('button', 'lab-terminal-tab') as HTMLButtonElement;
    button.type = 'button';
    button.id = `lab-terminal-tab-${id}`;
    button.setAttribute('role', 'tab');
    button.setAttribute('aria-controls', `lab-terminal-panel-${id}`);
    const label = el('span', 'lab-terminal-tab-label');
    label.textContent = 'bash';
    const close = el('span', 'lab-terminal-tab-close');
    close.textContent = '×';
    close.setAttribute('aria-hidden', 'true');
    close.title = 'Close tab';
    button.append(label, close);
    button.addEventListener('click', (e) => {
      if (e.target === close) this.closeTab(tab);
      else this.switchTo(tab);
    });
    const panel = el('div', 'lab-terminal-panel');
    panel.id = `lab-terminal-panel-${id}`;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', button.id);
    this.tablist.append(button);
    this.panels.append(panel);
    const term = new Terminal({
      screenReaderMode: true,
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 14,
      // At line height 1 the DOM renderer clips underscores (a_strong_password looked like spaces).
      lineHeight: 1.2,
      scrollback: 5000,
      theme: THEME,
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.loadAddon(new WebLinksAddon((_event, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
    term.open(panel);
    const writes = { unparsed: 0 };
    // Output goes to xterm at once when its parser is idle; what arrives while xterm parses waits
    // and goes when it is done, in writes of at most WRITE_CHUNK characters. A program printing
    // thousands of small chunks (redis-cli -r, MONITOR) then costs xterm a few writes, not a
    // timer and a callback per chunk, and xterm can still yield between writes (it checks the
    // time after each one). Order is kept; an idle terminal sees no added latency.
    let waiting = '';
    const parsed = () => {
      writes.unparsed--;
      if (writes.unparsed === 0 && waiting !== '') flush();
    };
    const flush = () => {
      const text = waiting;
      waiting = '';
      for (let i = 0; i < text.length; i += WRITE_CHUNK) {
        writes.unparsed++;
        term.write(text.slice(i, i + WRITE_CHUNK), parsed);
      }
    };
    const onOutput = this.opts.onOutput;
    const write = (text: string) => {
      if (text === '') return;
      onOutput?.(id, text);
      waiting += text;
      if (writes.unparsed === 0) flush();
    };
    const session = new TabSession({
      host: this.opts.host(),
      write,
      cols: () => term.cols,
      storage: this.storage,
      tabId: id,
      openEditor: (path, text, signal) => this.editor.open(path, text, signal, () => term.focus()),
      onTitle: (title) => {
        label.textContent = title;
      },
      onExit: () => this.closeTab(tab, false),
      onCommand: this.opts.onCommand ? (line) => this.opts.onCommand!(id, line) : undefined,
    });
    const tab: TerminalTab = { id, term, session, button, panel, fit, writes };
    if (this.banner) {
      write(this.banner.replace(/\r?\n/g, '\r\n'));
      this.banner = undefined;
    }
    term.onData((data) => session.input(data));
    // Esc then Tab leaves the terminal (WCAG 2.1.2, no keyboard trap); Tab alone completes.
    let escaped = false;
    term.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown') return true;
      if (e.key === 'Tab' && escaped) {
        escaped = false;
        return false;
      }
      if (e.key !== 'Shift') escaped = e.key === 'Escape';
      return true;
    });
    // A foreground process that prints nothing (sleep, edit) still names the tab.
    tab.titleTimer = setInterval(() => session.refreshTitle(), 300);
    term.onResize(() => session.resize());
    this.tabs.push(tab);
    this.switchTo(tab, options);
    return tab;
  }

  /**
   * Types `command` into a tab waiting at its shell prompt, as if the learner had typed it
   * (echoed on the prompt line), then presses Enter. The active tab is used once it is back at
   * its prompt (a previous command may still be finishing: up to `waitMs`); if it runs a
   * program that reads the keyboard (interactive redis-cli, a foreground server), another tab
   * at its prompt is used, else a new one. Whatever was half-typed on that prompt is cleared
   * first (Ctrl+E, Ctrl+U). Focus stays where it is. Resolves with the tab it typed into.
   * With `newTab`, a new tab opens (and is shown) for the command instead: a server started in
   * the foreground then streams its log there while the other tabs stay free.
   */
  async run(command: string, waitMs = 1500, options: { newTab?: boolean } = {}): Promise<TerminalTab> {
    if (options.newTab) {
      // A new tab of its own (a server started in the foreground keeps it), shown, not focused.
      const fresh = this.newTab({ focus: false });
      fresh.session.input(command.replace(/[\r\n]+/g, ' '));
      fresh.session.input('\r');
      return fresh;
    }
    const atPrompt = (t: TerminalTab | null): t is TerminalTab => t !== null && this.tabs.includes(t) && t.session.idle && !t.session.busy;
    const deadline = performance.now() + waitMs;
    // Busy without reading the keyboard: a command still running (a program at its own prompt is not waited for).
    const finishing = (t: TerminalTab | null) => t !== null && t.session.busy && !t.session.idle;
    while (finishing(this.active) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    let tab: TerminalTab | null = this.active;
    if (!atPrompt(tab)) tab = this.tabs.find((t) => atPrompt(t)) ?? null;
    if (tab === null) tab = this.newTab({ focus: false });
    else if (tab !== this.active) this.switchTo(tab, { focus: false });
    tab.session.input('\x05\x15');
    tab.session.input(command.replace(/[\r\n]+/g, ' '));
    tab.session.input('\r');
    return tab;
  }

  /** Closes a tab (the shell's `exit`, the × button or Delete on the tab); the last tab comes back fresh. */
  closeTab(tab: TerminalTab, forget = true): void {
    const i = this.tabs.indexOf(tab);
    if (i < 0) return;
    if (forget) tab.session.forgetHistory();
    // Whatever still runs in the foreground gets SIGINT, as a closing terminal sends SIGHUP.
    this.closeTabQuietly(tab);
    if (this.active === tab) {
      this.active = null;
      const next = this.tabs[Math.min(i, this.tabs.length - 1)];
      if (next) this.switchTo(next);
      else this.newTab();
    }
  }

  /**
   * Starts over on the current host (a lab reset gives a new cluster): every tab's shell ends,
   * one fresh tab opens. Histories are kept.
   */
  restart(banner?: string): void {
    this.banner = banner;
    const hadFocus = this.root.contains(document.activeElement);
    for (const tab of [...this.tabs]) {
      this.active = null;
      this.closeTabQuietly(tab);
    }
    this.newTab({ focus: hadFocus });
  }

  private closeTabQuietly(tab: TerminalTab): void {
    const i = this.tabs.indexOf(tab);
    if (i < 0) return;
    tab.session.shell.interrupt();
    this.tabs.splice(i, 1);
    clearInterval(tab.titleTimer);
    tab.term.dispose();
    tab.button.remove();
    tab.panel.remove();
  }

  switchTo(tab: TerminalTab, options: { focus?: boolean } = {}): void {
    this.active = tab;
    for (const t of this.tabs) {
      const on = t === tab;
      t.button.setAttribute('aria-selected', String(on));
      t.button.tabIndex = on ? 0 : -1;
      t.panel.hidden = !on;
    }
    this.fitActive();
    if (options.focus ?? true) tab.term.focus();
    if (this.opts.testHook) window.__xterm = tab.term;
  }

  get activeTab(): TerminalTab | null {
    return this.active;
  }

  private fitActive(): void {
    const tab = this.active;
    if (!tab || tab.panel.hidden || tab.panel.clientWidth === 0) return;
    try {
      tab.fit.fit();
    } catch {
      // Not laid out yet: the next resize fits it.
    }
  }

  private onTabKey(e: KeyboardEvent): void {
    const i = this.tabs.findIndex((t) => t.button === document.activeElement);
    if (i < 0) return;
    let next: number;
    if (e.key === 'ArrowRight') next = (i + 1) % this.tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + this.tabs.length) % this.tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = this.tabs.length - 1;
    else if (e.key === 'Delete') {
      e.preventDefault();
      this.closeTab(this.tabs[i]);
      this.active?.button.focus();
      return;
    } else return;
    e.preventDefault();
    this.switchTo(this.tabs[next]);
    this.tabs[next].button.focus();
  }

  private freeId(): string {
    // Tab ids are reused from 1 so a reloaded page finds its tabs' histories again.
    for (let n = 1; ; n++) if (!this.tabs.some((t) => t.id === String(n))) return String(n);
  }

  private installTestHook(): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the hook reads the live app
    const app = this;
    window.__terminal = {
      app,
      get term() {
        return app.active!.term;
      },
      lines() {
        const buf = app.active!.term.buffer.active;
        const out: string[] = [];
        for (let i = 0; i < buf.length; i++) out.push(buf.getLine(i)?.translateToString(true) ?? '');
        while (out.length > 0 && out[out.length - 1] === '') out.pop();
        return out;
      },
      logicalLines() {
        const buf = app.active!.term.buffer.active;
        const out: string[] = [];
        for (let i = 0; i < buf.length; i++) {
          const line = buf.getLine(i);
          const text = line?.translateToString(true) ?? '';
          if (line?.isWrapped && out.length > 0) out[out.length - 1] += text;
          else out.push(text);
        }
        while (out.length > 0 && out[out.length - 1] === '') out.pop();
        return out;
      },
      idle() {
        const tab = app.active;
        return tab !== null && tab.session.idle && tab.writes.unparsed === 0;
      },
    };
  }
}

/** The `edit FILE` panel: a labelled textarea with Save and Cancel. */
class EditorPanel {
  readonly root: HTMLElement;
  private readonly title: HTMLElement;
  private readonly area: HTMLTextAreaElement;
  private finish: ((text: string | null) => void) | null = null;

  constructor() {
    this.root = el('section', 'lab-editor');
    this.root.hidden = true;
    this.root.setAttribute('aria-labelledby', 'lab-editor-title');
    this.title = el('h2', 'lab-editor-title');
    this.title.id = 'lab-editor-title';
    this.area = el('textarea', 'lab-editor-text') as HTMLTextAreaElement;
    this.area.id = 'lab-editor-text';
    this.area.spellcheck = false;
    this.area.setAttribute('aria-labelledby', 'lab-editor-title');
    const save = el('button', 'lab-editor-save') as HTMLButtonElement;
    save.type = 'button';
    save.textContent = 'Save';
    const cancel = el('button', 'lab-editor-cancel') as HTMLButtonElement;
    cancel.type = 'button';
    cancel.textContent = 'Cancel';
    save.addEventListener('click', () => this.close(this.area.value));
    cancel.addEventListener('click', () => this.close(null));
    this.area.addEventListener('keydown', (e) => {
      if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.close(this.area.value);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.close(null);
      }
    });
    const buttons = el('div', 'lab-editor-buttons');
    const keys = el('span', 'lab-editor-keys');
    keys.textContent = 'Ctrl+S saves, Esc cancels';
    buttons.append(save, cancel, keys);
    this.root.append(this.title, this.area, buttons);
  }

  open(path: string, text: string, signal: { cancelled: Promise<never> }, refocus: () => void): Promise<string | null> {
    this.close(null);
    this.title.textContent = `Editing ${path}`;
    this.area.value = text;
    this.root.hidden = false;
    this.area.focus();
    return new Promise((resolve) => {
      this.finish = (result) => {
        this.root.hidden = true;
        this.finish = null;
        refocus();
        resolve(result);
      };
      signal.cancelled.catch(() => this.close(null));
    });
  }

  private close(result: string | null): void {
    this.finish?.(result);
  }
}

function el(tag: string, className: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  return e;
}


/** Mounts the terminal into `root`. */
export function mountTerminal(root: HTMLElement, opts: TerminalAppOptions): TerminalApp {
  return new TerminalApp(root, opts);
}
