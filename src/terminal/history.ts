/**
 * Command history of one tab, kept across reloads in an injected key-value storage
 * (`localStorage` in the browser, a map in tests). One list per program that reads lines:
 * the shell's (bash keeps `~/.bash_history`) and redis-cli's (`~/.rediscli_history`).
 *
 * Stored history that does not parse is discarded with a notice, never an exception
 * (DESIGN.md §7). A storage that refuses writes (quota, private mode) only loses persistence.
 *
 * Counterpart: linenoise's `linenoiseHistoryAdd` (no empty lines, no repeat of the last line,
 * a maximum length) and bash's HISTSIZE.
 */

/** The part of the Web Storage API the history uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A storage in memory (tests, or when the browser offers none). */
export class MemoryStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

/** Storage keys: `redis-ha-lab:history:<tab>:<list>`. */
/**
 * The browser's localStorage when it lets us use it (a write and a removal succeed), else null:
 * private modes and sandboxed frames refuse it. Shared by terminal history and lesson progress.
 */
export function usableLocalStorage(): KeyValueStorage | null {
  try {
    const s = window.localStorage;
    const probe = 'redis-ha-lab:probe';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

export const HISTORY_PREFIX = 'redis-ha-lab:history:';

export class History {
  readonly key: string;
  private readonly storage: KeyValueStorage;
  private readonly max: number;
  private list: string[] = [];
  /** Set when stored history could not be read (and was discarded). */
  readonly notice: string | null = null;

  constructor(storage: KeyValueStorage, tab: string, name: string, max = 500) {
    this.storage = storage;
    this.key = `${HISTORY_PREFIX}${tab}:${name}`;
    this.max = max;
    let raw: string | null;
    try {
      raw = storage.getItem(this.key);
    } catch {
      raw = null;
    }
    if (raw === null) return;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!Array.isArray(parsed) || !parsed.every((e) => typeof e === 'string')) throw new Error('not a list of lines');
      this.list = parsed.slice(-max);
    } catch {
      this.notice = `lab: the saved ${name} history of this tab could not be read; it was discarded.`;
      try {
        storage.removeItem(this.key);
      } catch {
        // Nothing more to do: the history starts empty.
      }
    }
  }

  /** The lines, oldest first. */
  get entries(): readonly string[] {
    return this.list;
  }

  /** Adds a line (not an empty one, nor a repeat of the last) and saves. */
  add(line: string): void {
    if (line.trim() === '' || this.list[this.list.length - 1] === line) return;
    this.list.push(line);
    if (this.list.length > this.max) this.list.splice(0, this.list.length - this.max);
    try {
      this.storage.setItem(this.key, JSON.stringify(this.list));
    } catch {
      // A full or unavailable storage keeps the history for this page only.
    }
  }

  /** Forgets everything (a closed tab). */
  clear(): void {
    this.list = [];
    try {
      this.storage.removeItem(this.key);
    } catch {
      // ignore
    }
  }
}
