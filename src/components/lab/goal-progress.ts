/**
 * A lesson's progress (which of its goals the learner has met), kept across reloads in an
 * injected key-value storage (`localStorage` in the browser, a map in tests) under
 * `redis-ha-lab:progress:<lesson>` as `{"v":1,"done":["<goal text>", …]}`. Goals are named by
 * their text, so reordering a lesson's goals keeps progress and a rewritten goal starts unmet.
 *
 * Stored progress that does not parse (not JSON, or not this shape, checked with zod) is
 * discarded — the key is removed — and reported with a notice for the page to show, never an
 * exception or a blank page (DESIGN.md §7). A storage that throws (private mode, quota, a
 * sandboxed frame) only loses persistence.
 */
// zod's tree-shakable build: this module is in the lesson page's JavaScript (Astro's own `astro/zod` is zod's full build).
import * as z from 'zod/mini';
import { usableLocalStorage, type KeyValueStorage } from '../../terminal/history.ts';

/** The part of the Web Storage API progress uses. */
export type ProgressStorage = KeyValueStorage;

export const PROGRESS_PREFIX = 'redis-ha-lab:progress:';

/** The stored shape, version 1. */
export const storedProgressSchema = z.strictObject({
  v: z.literal(1),
  done: z.array(z.string().check(z.minLength(1), z.maxLength(1000))).check(z.maxLength(500)),
});

/** The notice shown when stored progress was unreadable and discarded. */
export const CORRUPT_NOTICE = 'Your saved progress for this lesson could not be read, so it was discarded. Goals you meet from now on are saved again.';

export interface LoadedProgress {
  /** Texts of the goals met. */
  done: string[];
  /** Set when stored progress was discarded (show it to the learner). */
  notice: string | null;
}

export function progressKey(lesson: string): string {
  return PROGRESS_PREFIX + lesson;
}

/** Reads a lesson's progress; unreadable data is removed and reported in `notice`. */
export function loadProgress(storage: ProgressStorage | null, lesson: string): LoadedProgress {
  if (!storage) return { done: [], notice: null };
  let raw: string | null;
  try {
    raw = storage.getItem(progressKey(lesson));
  } catch {
    return { done: [], notice: null };
  }
  if (raw === null) return { done: [], notice: null };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  const parsed = storedProgressSchema.safeParse(value);
  if (parsed.success) return { done: [...new Set(parsed.data.done)], notice: null };
  try {
    storage.removeItem(progressKey(lesson));
  } catch {
    // Nothing more to do: it is ignored either way.
  }
  return { done: [], notice: CORRUPT_NOTICE };
}

/** Stores the texts of the goals met (an empty list removes the key). */
export function saveProgress(storage: ProgressStorage | null, lesson: string, done: Iterable<string>): void {
  if (!storage) return;
  const list = [...new Set(done)];
  try {
    if (list.length === 0) storage.removeItem(progressKey(lesson));
    else storage.setItem(progressKey(lesson), JSON.stringify({ v: 1, done: list }));
  } catch {
    // Quota or a storage that refuses writes: progress lives for this page only.
  }
}

/** Forgets a lesson's progress. */
export function clearProgress(storage: ProgressStorage | null, lesson: string): void {
  saveProgress(storage, lesson, []);
}

/** localStorage when the browser lets us use it, else null (private modes, sandboxed frames). */
export function browserProgressStorage(): ProgressStorage | null {
  return usableLocalStorage();
}

/**
 * How many of `goals` (their texts) the stored progress of `lesson` names, without touching
 * the storage (the lesson list reads it; the lesson page itself discards what does not parse).
 */
export function countMet(storage: ProgressStorage | null, lesson: string, goals: readonly string[]): number {
  let raw: string | null;
  try {
    raw = storage?.getItem(progressKey(lesson)) ?? null;
  } catch {
    return 0;
  }
  if (raw === null) return 0;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return 0;
  }
  const parsed = storedProgressSchema.safeParse(value);
  if (!parsed.success) return 0;
  const done = new Set(parsed.data.done);
  return goals.filter((g) => done.has(g)).length;
}

/** Fills each `[data-progress-lesson]` element (the lesson list) with "N of M goals met" when N > 0. */
export function showLessonProgress(root: ParentNode): void {
  const storage = browserProgressStorage();
  for (const el of root.querySelectorAll<HTMLElement>('[data-progress-lesson]')) {
    let goals: string[];
    try {
      goals = JSON.parse(el.dataset.progressGoals ?? '[]') as string[];
    } catch {
      continue;
    }
    const met = countMet(storage, el.dataset.progressLesson ?? '', goals);
    if (met === 0 || goals.length === 0) continue;
    el.textContent = met === goals.length ? `✓ all ${goals.length} goals met` : `${met} of ${goals.length} goals met`;
    el.hidden = false;
  }
}
