/**
 * Goal: the simulator's building blocks behave — the agenda fires events in (time, sequence)
 * order even when events move, named random streams are independent of one another, and the
 * trace ring keeps the newest lines with escaped excerpts.
 * Method: drive EventQueue with seeded random schedules against a sorted model; derive streams
 * by name; fill a small ring and read it back.
 */
import { describe, expect, it } from 'vitest';
import { EventQueue, OneShot } from '../../src/sim/event-queue.ts';
import { deriveSeed, streamRng, Trace, excerpt } from '../../src/sim/index.ts';
import { SeededRng, randomInt } from '../../src/engine/util/random.ts';
import { seedFromEnv } from './support.ts';

describe('sim: event queue', () => {
  it('fires events by time, then by scheduling order, across moves and cancels', () => {
    const rng = new SeededRng(seedFromEnv(11));
    const q = new EventQueue();
    const fired: string[] = [];
    const events: OneShot[] = [];
    const model = new Map<OneShot, { at: number; seq: number; name: string }>();
    const names = new Map<OneShot, string>();
    let seq = 0;
    for (let i = 0; i < 500; i++) {
      const name = `e${i}`;
      const ev = new OneShot(() => fired.push(name));
      events.push(ev);
      names.set(ev, name);
      const at = randomInt(rng, 50); // many ties on purpose
      q.schedule(ev, at);
      model.set(ev, { at, seq: seq++, name });
    }
    for (let i = 0; i < 200; i++) {
      const ev = events[randomInt(rng, events.length)];
      if (randomInt(rng, 3) === 0) {
        q.cancel(ev);
        model.delete(ev);
      } else {
        const at = randomInt(rng, 50);
        q.schedule(ev, at);
        model.set(ev, { at, seq: seq++, name: names.get(ev) as string });
      }
    }
    const expected = [...model.values()].sort((a, b) => a.at - b.at || a.seq - b.seq).map((m) => m.name);
    expect(q.size).toBe(model.size);
    for (let ev = q.pop(); ev; ev = q.pop()) ev.fire();
    expect(fired).toEqual(expected);
    expect(events.every((e) => e.heapIndex === -1)).toBe(true);
  });
});

describe('sim: seeds', () => {
  it('derives distinct, stable streams by name', () => {
    expect(deriveSeed(7, 'pids')).toBe(deriveSeed(7, 'pids'));
    expect(deriveSeed(7, 'pids')).not.toBe(deriveSeed(8, 'pids'));
    expect(deriveSeed(7, 'process:a#0')).not.toBe(deriveSeed(7, 'process:a#1'));
    // Seeds beyond 2^32 still matter.
    expect(deriveSeed(2 ** 33 + 5, 'x')).not.toBe(deriveSeed(5, 'x'));
    const a = streamRng(7, 'net:client>127.0.0.1:6379#0/up');
    const b = streamRng(7, 'net:client>127.0.0.1:6379#0/up');
    const draws = (r: { nextUint32(): number }) => Array.from({ length: 5 }, () => r.nextUint32());
    expect(draws(a)).toEqual(draws(b));
  });
});

describe('sim: trace', () => {
  it('keeps the newest lines of a bounded ring, formatted one per event', () => {
    const t = new Trace(3);
    for (let i = 0; i < 5; i++) t.add(i * 1.5, i, 'data', 'client:40000', '6379', `PING ${i}\r\n`);
    expect(t.total).toBe(5);
    expect(t.lines()).toEqual([
      '      3.000  c2    client:40000 → 6379  data  "PING 2\\r\\n"',
      '      4.500  c3    client:40000 → 6379  data  "PING 3\\r\\n"',
      '      6.000  c4    client:40000 → 6379  data  "PING 4\\r\\n"',
    ]);
    expect(t.format()).toMatch(/^ {2}… 2 earlier events not shown\n/);
  });

  it('escapes bytes and shortens long payloads', () => {
    expect(excerpt('a"b\\c\t\x00\xff')).toBe('"a\\"b\\\\c\\t\\x00\\xff"');
    expect(excerpt('x'.repeat(100), 10)).toBe('"xxxxxxxxxx"… (+90 bytes)');
  });

  it('shows log lines without their pid and date prefix', () => {
    const t = new Trace(1);
    t.add(0, 0, 'log', '6379', '', '4242:M 27 Nov 2026 19:52:56.203 * Ready to accept connections');
    expect(t.lines()[0]).toBe('      0.000        6379  log  "M * Ready to accept connections"');
  });
});
