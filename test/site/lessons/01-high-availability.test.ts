// Goal: lesson 1 ("Why one server is not enough") says exactly what the lab prints — a write and
// a read on the only server (OK, "hello"); after Kill primary the next GET is refused with
// redis-cli's "Could not connect to Redis at 127.0.0.1:6379: Connection refused", and the map
// shows no primary; after Restart on 6379's card the server loads its append-only file and the
// key is back — and every goal of the lesson ticks, none before its step.
// Method: the lesson's scenario (from its frontmatter) on the simulator with a headless terminal
// tab; the lesson's Run commands from its MDX in page order, with the buttons the prose names
// (Kill primary, Restart) between them, and the virtual time a learner would take.
import { describe, expect, it } from 'vitest';
import { openLesson, runs } from './support-lesson.ts';

const SLUG = '01-high-availability';
const CLI = 'redis-cli -p 6379 -a a_strong_password --no-auth-warning';

describe('lesson 1: why one server is not enough', () => {
  it('the page offers these steps, in this order', () => {
    expect(runs(SLUG).map((r) => r.cmd)).toEqual([`${CLI} SET greeting hello`, `${CLI} GET greeting`, `${CLI} GET greeting`, `${CLI} GET greeting`]);
  });

  it('write, kill, refused, restart, the key is back', async () => {
    const [set, get] = runs(SLUG).map((r) => r.cmd);
    const l = openLesson(SLUG);
    const t = l.tab();
    await l.wait(1000);
    expect(l.ticked()).toEqual([false, false, false]);
    expect(await t.run(set)).toBe(`$ ${set}\nOK\n$`);
    expect(await t.run(get)).toBe(`$ ${get}\n"hello"\n$`);
    expect(l.ticked()).toEqual([true, false, false]);
    expect(l.lab.view().primary).toBe('6379');

    l.lab.killPrimary();
    await l.wait(500);
    expect(l.lab.view().primary).toBe(null);
    expect(await t.run(get)).toBe(`$ ${get}\nCould not connect to Redis at 127.0.0.1:6379: Connection refused\n$`);
    expect(l.ticked()).toEqual([true, true, false]);

    l.lab.restart('6379');
    await l.wait(1000);
    expect(l.events.some((e) => /^6379 .*DB loaded from append only file/.test(e))).toBe(true);
    expect(await t.run(get)).toBe(`$ ${get}\n"hello"\n$`);
    expect(l.ticked()).toEqual([true, true, true]);
  });
});
