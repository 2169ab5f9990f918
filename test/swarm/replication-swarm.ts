/**
 * The replication swarm: one seeded run on the deterministic simulator (src/sim) of random
 * writes against a primary (6379) with a replica (6380) and a chained sub-replica (6381), all
 * with a 16 kB backlog so that full resyncs happen too, interleaved with random faults: kill -9,
 * machine crashes (host down), restarts, SIGSTOP/SIGCONT, partitions and their repair, one-way
 * holds, dropped connections, CLIENT KILL TYPE master, SIGTERM.
 *
 * Safety, checked by a simulator checker after every step: within one process run and one
 * replication ID history, a node's replication offset never goes backwards (a restarted
 * process may legitimately resume from an older snapshot, so runs are compared separately).
 *
 * Liveness, checked after healing (every fault repaired, stopped nodes resumed, dead nodes
 * restarted, then up to 60 s of virtual time): every replica is linked, at its primary's
 * offset, and `DEBUG DIGEST` gives the same digest on the primary and every replica.
 *
 * Everything (ports, pids, latencies, run ids, the faults) comes from the seed, so a seed
 * reproduces a run exactly. Shared by the bounded CI test (replication.test.ts) and
 * `npm run swarm -- --seeds N` (scripts/swarm.ts).
 */
import { scenario, streamRng, type Scenario, type SimClient } from '../../src/sim/index.ts';
import { randomInt } from '../../src/engine/util/random.ts';
import type { Rng } from '../../src/engine/types.ts';
import type { Reply } from '../../src/engine/resp/reply.ts';
import type { RedisServer } from '../../src/engine/server/server.ts';

const PRIMARY = 6379;
const REPLICA = 6380;
const CHAINED = 6381;
const PORTS = [PRIMARY, REPLICA, CHAINED] as const;
const PRIMARY_OF: Record<number, number> = { [REPLICA]: PRIMARY, [CHAINED]: REPLICA };

export interface SwarmResult {
  seed: number;
  ok: boolean;
  failure?: string;
  /** The faults and writes, one line each, with the virtual time they happened at. */
  steps: string[];
  /** Virtual ms the run covered. */
  virtualMs: number;
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[randomInt(rng, xs.length)];
}

/** One random write, as a client of the primary would send it. */
function randomWrite(rng: Rng): string[] {
  const key = `k${randomInt(rng, 20)}`;
  const v = String(randomInt(rng, 1000));
  switch (randomInt(rng, 10)) {
    case 0: return ['SET', key, v];
    case 1: return ['INCR', `n${randomInt(rng, 5)}`];
    case 2: return ['DEL', key];
    case 3: return ['LPUSH', `l${randomInt(rng, 3)}`, v];
    case 4: return ['SADD', `s${randomInt(rng, 3)}`, v];
    case 5: return ['HSET', `h${randomInt(rng, 3)}`, `f${randomInt(rng, 5)}`, v];
    case 6: return ['SET', key, v, 'PX', String(200 + randomInt(rng, 3000))];
    case 7: return ['SET', `big${randomInt(rng, 3)}`, 'x'.repeat(1000 + randomInt(rng, 9000))];
    case 8: return ['SELECT', String(randomInt(rng, 3))];
    default: return ['APPEND', key, v];
  }
}

/** The swarm's safety checker: offsets never go backwards within one process run and replid. */
function installOffsetChecker(s: Scenario): void {
  const last = new Map<number, { replid: string; offset: number }>();
  s.check('offsets never go backwards within one replid history', (sim) => {
    for (const p of sim.procs()) {
      if (!p.node) continue;
      const r = (p.node as unknown as RedisServer).replication;
      const prev = last.get(p.pid);
      if (prev && prev.replid === r.replid && r.offset < prev.offset) {
        throw new Error(`${p.port} (pid ${p.pid}) went from offset ${prev.offset} back to ${r.offset} within replid ${r.replid}`);
      }
      last.set(p.pid, { replid: r.replid, offset: r.offset });
    }
  });
}

function text(r: Reply): string {
  if (r.type === 'simple' || r.type === 'error') return r.value;
  if (r.type === 'bulk') return r.value ?? '(nil)';
  return JSON.stringify(r);
}

/** A node's dataset as text (db, key, type, value, has-TTL), to show what a digest mismatch is about. */
function datasetText(s: Scenario, port: number): string {
  const lines: string[] = [];
  for (const db of s.node<RedisServer>(port).dbs) {
    for (const k of [...db.keys.keys()].sort()) {
      const v = db.keys.get(k)!;
      const shown = v.type === 'string' ? (v.value.length > 20 ? `${v.value.length} bytes` : v.value) : JSON.stringify([...v.value].sort());
      lines.push(`${db.id} ${k} ${v.type} ${shown}${db.getExpire(k) !== undefined ? ' (ttl)' : ''}`);
    }
  }
  return lines.join('\n');
}

export function runSwarmSeed(seed: number, stepsCount = 60): SwarmResult {
  const steps: string[] = [];
  const s = scenario({ seed, reproduce: `npm run swarm -- --seed ${seed}${stepsCount !== 60 ? ` --steps ${stepsCount}` : ''}`, waitMs: 5000 });
  const rng = streamRng(seed, 'swarm');
  const conf = 'repl-backlog-size 16384\nrepl-timeout 10\nenable-debug-command yes\n';
  for (const port of PORTS) {
    const of = PRIMARY_OF[port];
    s.file(`/home/learner/${port}/redis.conf`, `port ${port}\n${conf}${of ? `replicaof 127.0.0.1 ${of}\n` : ''}`);
  }
  for (const port of PORTS) s.start('redis-server', ['redis.conf'], { cwd: `/home/learner/${port}` });
  installOffsetChecker(s);
  const note = (what: string) => steps.push(`${(s.time / 1000).toFixed(3)}s ${what}`);
  const fail = (why: string): SwarmResult => ({ seed, ok: false, failure: why, steps, virtualMs: s.time });

  const sim = s.sim;
  const live = (port: number) => sim.procByPort(port);
  const running = (port: number) => live(port)?.state === 'running';
  let writer: SimClient | null = null;
  const control = new Map<number, SimClient>();
  /** A client that is open (reconnecting when needed), or null if the node is not running. */
  const clientOf = (port: number, party: string, cached: SimClient | null): SimClient | null => {
    if (cached && cached.state === 'open') {
      cached.take();
      return cached;
    }
    if (!running(port)) return null;
    const c = s.tryClient(port, { party });
    return typeof c === 'string' ? null : c;
  };

  try {
    s.runFor(100);
    for (let i = 0; i < stepsCount; i++) {
      const roll = randomInt(rng, 100);
      if (roll < 50) {
        const argv = randomWrite(rng);
        writer = clientOf(PRIMARY, 'writer', writer);
        if (writer) writer.send(...argv);
        note(`${argv.join(' ').slice(0, 40)}${writer ? '' : ' (primary down)'}`);
      } else if (roll < 56) {
        const p = pick(rng, PORTS);
        const hostDown = randomInt(rng, 2) === 0;
        if (live(p)) s.crash(p, { hostDown });
        note(`${hostDown ? 'crash (host down)' : 'kill -9'} ${p}`);
      } else if (roll < 64) {
        const p = pick(rng, PORTS);
        if (!live(p)) s.restart(p);
        note(`restart ${p}`);
      } else if (roll < 69) {
        const p = pick(rng, PORTS);
        s.pause(p);
        note(`pause ${p}`);
      } else if (roll < 75) {
        const p = pick(rng, PORTS);
        s.resume(p);
        note(`resume ${p}`);
      } else if (roll < 81) {
        const [a, b] = pick(rng, [[PRIMARY, REPLICA], [REPLICA, CHAINED], [PRIMARY, CHAINED]] as const);
        s.partition(a, b);
        note(`partition ${a} ${b}`);
      } else if (roll < 85) {
        const [a, b] = pick(rng, [[PRIMARY, REPLICA], [REPLICA, PRIMARY], [REPLICA, CHAINED], [CHAINED, REPLICA]] as const);
        s.hold(a, b);
        note(`hold ${a} -> ${b}`);
      } else if (roll < 90) {
        s.repair();
        s.release();
        note('repair, release');
      } else if (roll < 93) {
        const [a, b] = pick(rng, [[PRIMARY, REPLICA], [REPLICA, CHAINED]] as const);
        s.drop(a, b);
        note(`drop ${a} ${b}`);
      } else if (roll < 97) {
        const p = pick(rng, [REPLICA, CHAINED]);
        const c = clientOf(p, 'admin', control.get(p) ?? null);
        if (c) {
          control.set(p, c);
          c.send('CLIENT', 'KILL', 'TYPE', 'master');
        }
        note(`CLIENT KILL TYPE master on ${p}`);
      } else {
        const p = pick(rng, PORTS);
        if (live(p)) s.kill(p, 'TERM');
        note(`SIGTERM ${p}`);
      }
      s.runFor(randomInt(rng, 1500));
    }

    // Heal: every fault repaired, every node running, then the replicas must converge.
    note('heal: repair, release, resume, restart');
    s.repair();
    s.release();
    for (const p of PORTS) s.resume(p);
    s.runFor(2000); // a SIGTERM that waited in a stopped process takes effect now
    for (const p of PORTS) if (!live(p)) s.restart(p);
    const converged = () =>
      PORTS.every((p) => running(p)) &&
      [REPLICA, CHAINED].every((p) => {
        const r = s.node<RedisServer>(p).replication;
        return r.linkUp && r.offset === s.node<RedisServer>(PRIMARY_OF[p]).replication.offset;
      });
    if (!sim.runUntil(converged, 60_000)) {
      const states = [REPLICA, CHAINED].map((p) => {
        if (!running(p)) return `${p} not running`;
        const r = s.node<RedisServer>(p).replication;
        return `${p}: ${r.replState}, offset ${r.offset} vs its primary's ${s.node<RedisServer>(PRIMARY_OF[p]).replication.offset}`;
      });
      return fail(`no convergence within 60 s after healing: ${states.join('; ')}`);
    }
    // Let expired keys be deleted on the primary (and the DELs reach the replicas) before comparing.
    s.runFor(5000);
    if (!sim.runUntil(converged, 10_000)) return fail('replicas fell behind while expired keys were deleted');
    const digests = PORTS.map((p) => text(s.client(p, { party: 'checker' }).call('DEBUG', 'DIGEST')));
    note(`DEBUG DIGEST ${PORTS.map((p, i) => `${p}=${digests[i].slice(0, 8)}`).join(' ')}`);
    if (!/^[0-9a-f]{40}$/.test(digests[0])) return fail(`DEBUG DIGEST on the primary replied ${digests[0]}`);
    for (let i = 1; i < PORTS.length; i++) {
      if (digests[i] !== digests[0]) {
        return fail(`DEBUG DIGEST of ${PORTS[i]} is ${digests[i]}, the primary's is ${digests[0]}\n--- ${PRIMARY}\n${datasetText(s, PRIMARY)}\n--- ${PORTS[i]}\n${datasetText(s, PORTS[i])}`);
      }
    }
    return { seed, ok: true, steps, virtualMs: s.time };
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}
