/**
 * Goal: strings, lists, hashes, sets and key expiry behave as Redis's semantics say over any
 * sequence of commands and any passing of virtual time.
 * Method: model-based testing with fast-check's `commands`: each step runs one command on a node
 * (test/support/engine-harness.ts) and on a small reference model of Redis — a map of keys to
 * typed values with an expiry time, where a key lives while `now <= expireAt` (db.c
 * keyIsExpired: expired when now > when) — and the replies must be equal. Time advances by
 * random amounts, so lazy and active expiry both happen.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { show, startServer, type TestClient, type TestServer } from '../support/engine-harness.ts';
import { fuzz } from './support.ts';

type Value = { type: 'string'; v: string } | { type: 'list'; v: string[] } | { type: 'hash'; v: Map<string, string> } | { type: 'set'; v: Set<string> };
interface Entry {
  value: Value;
  expireAt: number | null;
}
interface Model {
  now: number;
  keys: Map<string, Entry>;
}
interface Real {
  srv: TestServer;
  c: TestClient;
}

const WRONGTYPE = '(error) WRONGTYPE Operation against a key holding the wrong kind of value';
const NOT_INT = '(error) ERR value is not an integer or out of range';

/** The live entry of `k` (an expired key is gone, as a lookup in Redis would make it). */
function live(m: Model, k: string): Entry | undefined {
  const e = m.keys.get(k);
  if (e && e.expireAt !== null && m.now > e.expireAt) {
    m.keys.delete(k);
    return undefined;
  }
  return e;
}

type Cmd = fc.Command<Model, Real>;
/** A command: its argv, and the reply the model predicts (updating itself). */
function cmd(argv: string[], predict: (m: Model) => unknown): Cmd {
  return {
    check: () => true,
    run(m, r) {
      const expected = predict(m);
      const got = show(r.c.call(...argv));
      const norm = (x: unknown) => (Array.isArray(x) && argv[0] === 'SMEMBERS' ? [...x].sort() : x);
      expect(norm(got), argv.join(' ')).toEqual(norm(expected));
    },
    toString: () => argv.join(' '),
  };
}

function typed<T extends Value['type']>(m: Model, k: string, type: T): Extract<Value, { type: T }> | null | 'wrong' {
  const e = live(m, k);
  if (!e) return null;
  return e.value.type === type ? (e.value as Extract<Value, { type: T }>) : 'wrong';
}

const key = fc.constantFrom('a', 'b', 'c');
const val = fc.constantFrom('x', 'y', '1', '-5', '10', '007', '');
const field = fc.constantFrom('f', 'g', 'h');

const commands: fc.Arbitrary<Cmd>[] = [
  fc.tuple(key, val, fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined })).map(([k, v, px]) =>
    cmd(px === undefined ? ['SET', k, v] : ['SET', k, v, 'PX', String(px)], (m) => {
      m.keys.set(k, { value: { type: 'string', v }, expireAt: px === undefined ? null : m.now + px });
      return 'OK';
    }),
  ),
  key.map((k) => cmd(['GET', k], (m) => {
    const s = typed(m, k, 'string');
    return s === 'wrong' ? WRONGTYPE : s === null ? '(nil)' : s.v;
  })),
  key.map((k) => cmd(['INCR', k], (m) => {
    const s = typed(m, k, 'string');
    if (s === 'wrong') return WRONGTYPE;
    const cur = s === null ? '0' : s.v;
    if (!/^(0|-?[1-9][0-9]*)$/.test(cur)) return NOT_INT;
    const next = String(Number(cur) + 1);
    if (s === null) m.keys.set(k, { value: { type: 'string', v: next }, expireAt: null });
    else s.v = next;
    return `(integer) ${next}`;
  })),
  fc.tuple(key, val).map(([k, v]) => cmd(['APPEND', k, v], (m) => {
    const s = typed(m, k, 'string');
    if (s === 'wrong') return WRONGTYPE;
    if (s === null) m.keys.set(k, { value: { type: 'string', v }, expireAt: null });
    else s.v += v;
    return `(integer) ${(s === null ? v : s.v).length}`;
  })),
  key.map((k) => cmd(['DEL', k], (m) => `(integer) ${live(m, k) && m.keys.delete(k) ? 1 : 0}`)),
  key.map((k) => cmd(['EXISTS', k], (m) => `(integer) ${live(m, k) ? 1 : 0}`)),
  key.map((k) => cmd(['TYPE', k], (m) => live(m, k)?.value.type ?? 'none')),
  fc.tuple(fc.constantFrom('LPUSH', 'RPUSH'), key, val).map(([op, k, v]) => cmd([op, k, v], (m) => {
    const l = typed(m, k, 'list');
    if (l === 'wrong') return WRONGTYPE;
    const list = l === null ? [] : l.v;
    if (op === 'LPUSH') list.unshift(v);
    else list.push(v);
    if (l === null) m.keys.set(k, { value: { type: 'list', v: list }, expireAt: null });
    return `(integer) ${list.length}`;
  })),
  fc.tuple(fc.constantFrom('LPOP', 'RPOP'), key).map(([op, k]) => cmd([op, k], (m) => {
    const l = typed(m, k, 'list');
    if (l === 'wrong') return WRONGTYPE;
    if (l === null) return '(nil)';
    const v = op === 'LPOP' ? l.v.shift()! : l.v.pop()!;
    if (l.v.length === 0) m.keys.delete(k);
    return v;
  })),
  key.map((k) => cmd(['LRANGE', k, '0', '-1'], (m) => {
    const l = typed(m, k, 'list');
    return l === 'wrong' ? WRONGTYPE : l === null ? [] : [...l.v];
  })),
  fc.tuple(key, field, val).map(([k, f, v]) => cmd(['HSET', k, f, v], (m) => {
    const h = typed(m, k, 'hash');
    if (h === 'wrong') return WRONGTYPE;
    const map = h === null ? new Map<string, string>() : h.v;
    const added = map.has(f) ? 0 : 1;
    map.set(f, v);
    if (h === null) m.keys.set(k, { value: { type: 'hash', v: map }, expireAt: null });
    return `(integer) ${added}`;
  })),
  fc.tuple(key, field).map(([k, f]) => cmd(['HGET', k, f], (m) => {
    const h = typed(m, k, 'hash');
    return h === 'wrong' ? WRONGTYPE : (h?.v.get(f) ?? '(nil)');
  })),
  fc.tuple(key, field).map(([k, f]) => cmd(['HDEL', k, f], (m) => {
    const h = typed(m, k, 'hash');
    if (h === 'wrong') return WRONGTYPE;
    const removed = h?.v.delete(f) ? 1 : 0;
    if (h && h.v.size === 0) m.keys.delete(k);
    return `(integer) ${removed}`;
  })),
  key.map((k) => cmd(['HLEN', k], (m) => {
    const h = typed(m, k, 'hash');
    return h === 'wrong' ? WRONGTYPE : `(integer) ${h?.v.size ?? 0}`;
  })),
  fc.tuple(fc.constantFrom('SADD', 'SREM', 'SISMEMBER'), key, val).map(([op, k, v]) => cmd([op, k, v], (m) => {
    const s = typed(m, k, 'set');
    if (s === 'wrong') return WRONGTYPE;
    if (op === 'SISMEMBER') return `(integer) ${s?.v.has(v) ? 1 : 0}`;
    if (op === 'SREM') {
      const n = s?.v.delete(v) ? 1 : 0;
      if (s && s.v.size === 0) m.keys.delete(k);
      return `(integer) ${n}`;
    }
    const set = s === null ? new Set<string>() : s.v;
    const n = set.has(v) ? 0 : 1;
    set.add(v);
    if (s === null) m.keys.set(k, { value: { type: 'set', v: set }, expireAt: null });
    return `(integer) ${n}`;
  })),
  key.map((k) => cmd(['SCARD', k], (m) => {
    const s = typed(m, k, 'set');
    return s === 'wrong' ? WRONGTYPE : `(integer) ${s?.v.size ?? 0}`;
  })),
  key.map((k) => cmd(['SMEMBERS', k], (m) => {
    const s = typed(m, k, 'set');
    return s === 'wrong' ? WRONGTYPE : [...(s?.v ?? [])];
  })),
  fc.tuple(fc.constantFrom('EXPIRE', 'PEXPIRE'), key, fc.integer({ min: -1, max: 4000 })).map(([op, k, n]) => {
    const ms = op === 'EXPIRE' ? Math.floor(n / 1000) * 1000 : n;
    return cmd([op, k, String(op === 'EXPIRE' ? ms / 1000 : ms)], (m) => {
      const e = live(m, k);
      if (!e) return '(integer) 0';
      if (ms <= 0) m.keys.delete(k);
      else e.expireAt = m.now + ms;
      return '(integer) 1';
    });
  }),
  key.map((k) => cmd(['PERSIST', k], (m) => {
    const e = live(m, k);
    if (!e || e.expireAt === null) return '(integer) 0';
    e.expireAt = null;
    return '(integer) 1';
  })),
  key.map((k) => cmd(['PTTL', k], (m) => {
    const e = live(m, k);
    return `(integer) ${!e ? -2 : e.expireAt === null ? -1 : e.expireAt - m.now}`;
  })),
  key.map((k) => cmd(['TTL', k], (m) => {
    const e = live(m, k);
    return `(integer) ${!e ? -2 : e.expireAt === null ? -1 : Math.floor((e.expireAt - m.now + 500) / 1000)}`;
  })),
  fc.integer({ min: 0, max: 2500 }).map((ms): Cmd => ({
    check: () => true,
    run(m, r) {
      r.srv.advance(ms);
      m.now += ms;
    },
    toString: () => `advance ${ms}ms`,
  })),
];

describe('a node against a reference model of Redis', () => {
  it('strings, lists, hashes, sets and expiry agree with the model over random command sequences', () => {
    fuzz(
      fc.property(fc.commands(commands, { maxCommands: 60 }), (cmds) => {
        const srv = startServer();
        const setup = () => ({ model: { now: srv.now(), keys: new Map<string, Entry>() }, real: { srv, c: srv.client() } });
        fc.modelRun(setup, cmds);
      }),
      { seed: 601, runs: 400 },
    );
  });
});
