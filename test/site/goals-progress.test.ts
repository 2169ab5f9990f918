// Goal: a lesson's stored progress survives a reload, and stored data that does not parse is
// discarded with a notice — empty progress, the bad key removed, never an exception (DESIGN.md
// §7); a storage that throws only loses persistence. Method: loadProgress / saveProgress /
// clearProgress on an in-memory storage seeded with good, corrupt and foreign data, and on a
// storage whose every call throws.
import { describe, expect, it } from 'vitest';
import { CORRUPT_NOTICE, clearProgress, countMet, loadProgress, progressKey, saveProgress, type ProgressStorage } from '../../src/components/lab/goal-progress.ts';

class Memory implements ProgressStorage {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const LESSON = 'lessons/02-replication';

describe('goal progress storage', () => {
  it('round-trips the goals met, per lesson; nothing stored is empty progress without a notice', () => {
    const s = new Memory();
    expect(loadProgress(s, LESSON)).toEqual({ done: [], notice: null });
    saveProgress(s, LESSON, ['A key read back', "The replica's READONLY error", 'A key read back']);
    expect(JSON.parse(s.getItem(progressKey(LESSON))!)).toEqual({ v: 1, done: ['A key read back', "The replica's READONLY error"] });
    expect(loadProgress(s, LESSON)).toEqual({ done: ['A key read back', "The replica's READONLY error"], notice: null });
    expect(loadProgress(s, 'lessons/01-high-availability').done).toEqual([]);
  });

  it.each([
    ['not JSON', '{"v":1,"done":['],
    ['JSON of another shape', '{"done":"all"}'],
    ['a future version', '{"v":2,"done":[]}'],
    ['wrong item types', '{"v":1,"done":[1,2]}'],
    ['extra keys', '{"v":1,"done":[],"admin":true}'],
    ['null', 'null'],
    ['a bare string', '"hello"'],
  ])('%s: discarded with a notice, the key removed, empty progress', (_name, raw) => {
    const s = new Memory();
    s.setItem(progressKey(LESSON), raw);
    s.setItem(progressKey('lessons/01-high-availability'), '{"v":1,"done":["kept"]}');
    const loaded = loadProgress(s, LESSON);
    expect(loaded).toEqual({ done: [], notice: CORRUPT_NOTICE });
    expect(s.getItem(progressKey(LESSON))).toBeNull();
    // The next read is clean, and other lessons keep theirs.
    expect(loadProgress(s, LESSON)).toEqual({ done: [], notice: null });
    expect(loadProgress(s, 'lessons/01-high-availability').done).toEqual(['kept']);
  });

  it('clearProgress forgets the lesson; saving an empty list removes the key', () => {
    const s = new Memory();
    saveProgress(s, LESSON, ['x']);
    clearProgress(s, LESSON);
    expect(s.getItem(progressKey(LESSON))).toBeNull();
    expect(loadProgress(s, LESSON).done).toEqual([]);
  });

  it('a storage that throws (private mode, quota) never throws to the page', () => {
    const broken: ProgressStorage = {
      getItem() {
        throw new Error('SecurityError');
      },
      setItem() {
        throw new Error('QuotaExceededError');
      },
      removeItem() {
        throw new Error('SecurityError');
      },
    };
    expect(loadProgress(broken, LESSON)).toEqual({ done: [], notice: null });
    expect(() => saveProgress(broken, LESSON, ['x'])).not.toThrow();
    expect(() => clearProgress(broken, LESSON)).not.toThrow();
    expect(loadProgress(null, LESSON)).toEqual({ done: [], notice: null });
  });

  it('a corrupt value whose removal throws is still discarded with the notice', () => {
    const s = new Memory();
    s.setItem(progressKey(LESSON), 'garbage');
    s.removeItem = () => {
      throw new Error('SecurityError');
    };
    expect(loadProgress(s, LESSON)).toEqual({ done: [], notice: CORRUPT_NOTICE });
  });

  it('countMet (the lesson list): goals of the lesson named in good stored progress; corrupt data counts 0 and is left alone', () => {
    const s = new Memory();
    saveProgress(s, LESSON, ['a', 'b', 'a goal since rewritten']);
    expect(countMet(s, LESSON, ['a', 'b', 'c'])).toBe(2);
    expect(countMet(s, 'lessons/none', ['a'])).toBe(0);
    s.setItem(progressKey(LESSON), '{oops');
    expect(countMet(s, LESSON, ['a'])).toBe(0);
    expect(s.getItem(progressKey(LESSON))).toBe('{oops');
    expect(countMet(null, LESSON, ['a'])).toBe(0);
  });
});
