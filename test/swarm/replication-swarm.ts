/**
 * The replication swarm: one seeded run of random writes against a primary with a replica and
 * a chained sub-replica, interleaved with random faults (kill + restart, pause/resume,
 * partition/heal, a dropped primary link). After every step it checks a safety property —
 * within one replication ID history a node's offset never goes backwards — and at the end it
 * (compared within one process run: a restarted node may resume from an older snapshot)
 * heals everything, lets the cluster settle and checks liveness: every replica is linked, at
 * its primary's offset, with the same dataset.
 *
 * Shared by the bounded CI test (replication.test.ts) and `npm run swarm -- --seeds N`.
 */
import { Cluster } from '../support/cluster-harness.ts';
import { SeededRng, randomInt } from '../../src/engine/util/random.ts';
import type { Rng } from '../../src/engine/types.ts';

const PRIMARY = 6379;
const REPLICA = 6380;
const CHAINED = 6381;
const PORTS = [PRIMARY, REPLICA, CHAINED];

export interface SwarmResult {
  seed: number;
  ok: boolean;
  failure?: string;
  steps: string[];
}

/** The dataset without logically expired keys (replicas keep those until the primary's DEL). */
function liveDataset(cl: Cluster, port: number): string {
  const now = cl.now;
  const s = cl.server(port);
  return cl
    .dataset(port)
    .split('\n')
    .filter((line) => {
      const m = /^(\d+) (".*") \S.* (\d*)$/.exec(line);
      if (!m) return true;
      const exp = m[3] === '' ? null : Number(m[3]);
      return exp === null || exp > now || !s.dbs[Number(m[1])];
    })
    .join('\n');
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[randomInt(rng, xs.length)];
}

/** One random write, as a client of the primary would send it. */
function randomWrite(rng: Rng): string[] {
  const key = `k${randomInt(rng, 20)}`;
  const v = String(randomInt(rng, 1000));
  switch (randomInt(rng, 8)) {
    case 0: return ['SET', key, v];
    case 1: return ['INCR', `n${randomInt(rng, 5)}`];
    case 2: return ['DEL', key];
    case 3: return ['LPUSH', `l${randomInt(rng, 3)}`, v];
    case 4: return ['SADD', `s${randomInt(rng, 3)}`, v];
    case 5: return ['HSET', `h${randomInt(rng, 3)}`, `f${randomInt(rng, 5)}`, v];
    case 6: return ['SET', key, v, 'PX', String(200 + randomInt(rng, 3000))];
    default: return ['APPEND', key, v];
  }
}

export function runSwarmSeed(seed: number, stepsCount = 60): SwarmResult {
  const rng = new SeededRng(seed);
  const steps: string[] = [];
  const cl = new Cluster();
  const small = 'repl-backlog-size 16384\n';
  cl.start(PRIMARY, { conf: small, seed: seed * 3 + 1 });
  cl.start(REPLICA, { conf: `replicaof 127.0.0.1 ${PRIMARY}\n${small}`, seed: seed * 3 + 2 });
  cl.start(CHAINED, { conf: `replicaof 127.0.0.1 ${REPLICA}\n${small}`, seed: seed * 3 + 3 });
  cl.run(200);
  const lastSeen = new Map<number, { pid: number; replid: string; offset: number }>();
  const fail = (why: string): SwarmResult => ({ seed, ok: false, failure: why, steps });

  const checkSafety = (): string | null => {
    for (const p of PORTS) {
      const h = cl.mustNode(p);
      if (!h.alive || !h.node) {
        lastSeen.delete(p);
        continue;
      }
      const r = cl.server(p).replication;
      const prev = lastSeen.get(p);
      // A restarted process may legitimately resume from an older snapshot: compare within one run.
      if (prev && prev.pid === h.pid && prev.replid === r.replid && r.offset < prev.offset) {
        return `offset of ${p} went backwards within replid ${r.replid}: ${prev.offset} -> ${r.offset}`;
      }
      lastSeen.set(p, { pid: h.pid, replid: r.replid, offset: r.offset });
    }
    return null;
  };

  for (let i = 0; i < stepsCount; i++) {
    const roll = randomInt(rng, 100);
    let step: string;
    if (roll < 55) {
      const argv = randomWrite(rng);
      step = argv.join(' ');
      const h = cl.mustNode(PRIMARY);
      if (h.alive && !h.paused) cl.client(PRIMARY).send(...argv);
    } else if (roll < 63) {
      const p = pick(rng, PORTS);
      step = `kill ${p}`;
      cl.kill(p);
    } else if (roll < 73) {
      const p = pick(rng, PORTS);
      step = `restart ${p}`;
      cl.restart(p);
    } else if (roll < 80) {
      const p = pick(rng, PORTS);
      step = `pause ${p}`;
      cl.pause(p);
    } else if (roll < 87) {
      const p = pick(rng, PORTS);
      step = `resume ${p}`;
      cl.resume(p);
    } else if (roll < 92) {
      const [a, b] = pick(rng, [[PRIMARY, REPLICA], [REPLICA, CHAINED], [PRIMARY, CHAINED]] as const);
      step = `partition ${a} ${b}`;
      cl.partition(a, b);
    } else if (roll < 96) {
      step = 'heal';
      cl.heal();
    } else {
      const p = pick(rng, [REPLICA, CHAINED]);
      step = `client kill type master on ${p}`;
      const h = cl.mustNode(p);
      if (h.alive && !h.paused) {
        const s = cl.server(p);
        const c = [...s.clients.values()].find((x) => x.kind === 'primary');
        if (c) s.freeClient(c, true);
      }
    }
    const wait = randomInt(rng, 1500);
    steps.push(`${step}; run ${wait}`);
    cl.run(wait);
    const bad = checkSafety();
    if (bad) return fail(bad);
  }

  // Heal: everything resumes, restarts and reconnects; then the replicas must converge.
  steps.push('heal all');
  cl.heal();
  for (const p of PORTS) {
    cl.resume(p);
    if (!cl.mustNode(p).alive) cl.restart(p);
  }
  for (let t = 0; t < 40; t++) {
    cl.run(1000);
    const bad = checkSafety();
    if (bad) return fail(bad);
  }
  for (const [replica, primary] of [[REPLICA, PRIMARY], [CHAINED, REPLICA]] as const) {
    const r = cl.server(replica).replication;
    if (!r.linkUp) return fail(`${replica} is not linked to ${primary} after healing (state ${r.replState})`);
    const po = cl.server(primary).replication.offset;
    if (r.offset !== po) return fail(`${replica} offset ${r.offset} != ${primary} offset ${po}`);
    const a = liveDataset(cl, primary);
    const b = liveDataset(cl, replica);
    if (a !== b) return fail(`dataset of ${replica} differs from ${primary}:\n--- ${primary}\n${a}\n--- ${replica}\n${b}`);
  }
  return { seed, ok: true, steps };
}
