/**
 * Goal: the runtime boots a scenario with the lab's one boot plan (src/runtime/boot-plan.ts) —
 * data nodes first until the replica is synced, then the sentinels, slower, until each knows
 * the other sentinels and the replica — so Sentinel neither TILTs nor sees a false +sdown and
 * knows the replica before anything can fail; and the stores carry each node's role, link
 * state and offsets as the workers push them on change, with no stats timer and no snapshot.
 * Method: real node workers on worker_threads; bootScenario with the nodes listed in a
 * sentinel-first order; the sentinels' logs and the stores read afterwards. Conditions are
 * awaited by polling the stores, never timed.
 */
import { describe, expect, it } from 'vitest';
import { bootScenario } from '../../src/runtime/index.ts';
import { client, runtime, until } from './support.ts';

const sentinelConf = (port: number) =>
  `port ${port}\nsentinel monitor mymaster 127.0.0.1 7801 2\nsentinel down-after-milliseconds mymaster 5000\n`;

describe('runtime: the boot plan', () => {
  it('starts data nodes first and sentinels after the replica is synced; each sentinel knows the others and the replica; no TILT', async () => {
    const rt = runtime({ speed: 1 });
    const result = await bootScenario(rt, {
      files: {
        'primary.conf': 'port 7801\n',
        'replica.conf': 'port 7802\nreplicaof 127.0.0.1 7801\n',
        's1.conf': sentinelConf(7851),
        's2.conf': sentinelConf(7852),
        's3.conf': sentinelConf(7853),
      },
      // Sentinels first in the list: the plan still starts the data nodes before them.
      nodes: [
        { program: 'redis-sentinel', argv: ['s1.conf'] },
        { argv: ['primary.conf'] },
        { program: 'redis-sentinel', argv: ['s2.conf'] },
        { argv: ['replica.conf'] },
        { program: 'redis-sentinel', argv: ['s3.conf'] },
      ],
    });
    expect(result.phases).toEqual([{ name: 'data', settled: true }, { name: 'sentinels', settled: true }]);
    expect(result.settled).toBe(true);
    expect(rt.clock.speed).toBe(1);
    // Pids in the order of the list; the spawn events in the order of the plan.
    const spawns = rt.stores.events.get().filter((e) => e.kind === 'spawn').map((e) => e.pid);
    expect(spawns).toEqual([result.pids[1], result.pids[3], result.pids[0], result.pids[2], result.pids[4]]);
    const replicaView = rt.stores.nodes.get().find((v) => v.pid === result.pids[3]);
    expect(replicaView?.summary?.replState).toBe('connected');
    for (const [i, port] of [[0, 7851], [2, 7852], [4, 7853]] as const) {
      const log = rt.stores.log(result.pids[i]).get();
      expect(log.some((l) => l.includes('+slave slave 127.0.0.1:7802'))).toBe(true);
      for (const other of [7851, 7852, 7853].filter((p) => p !== port)) expect(log.some((l) => l.includes(`+sentinel sentinel`) && l.includes(` ${other} @`))).toBe(true);
      expect(log.some((l) => /\+tilt|\+sdown/.test(l))).toBe(false);
    }
  });
});

describe('runtime: change-driven node summaries', () => {
  it('role, link state and offsets reach the stores when they change, without the stats timer', async () => {
    const rt = runtime({ statsIntervalMs: 0, speed: 10 });
    rt.disk.write('/home/learner/p.conf', 'port 7811\nrepl-diskless-sync-delay 0\n');
    rt.disk.write('/home/learner/r.conf', 'port 7812\nreplicaof 127.0.0.1 7811\n');
    const p = rt.start('redis-server', ['p.conf']);
    const r = rt.start('redis-server', ['r.conf']);
    const view = (pid: number) => rt.stores.nodes.get().find((v) => v.pid === pid);
    await until(() => view(r)?.summary?.replState === 'connected', 'the replica to report its link up');
    expect(view(r)?.summary?.role).toBe('replica');
    expect(view(r)?.summary?.primary).toBe('127.0.0.1:7811');
    expect(view(p)?.summary?.role).toBe('primary');
    await until(() => view(p)?.summary?.connectedReplicas === 1, 'the primary to count its replica');
    const before = view(p)?.summary?.replOffset ?? 0;
    const c = await client(rt, 7811);
    expect(await c.call('SET', 'k', 'v')).toBe('+OK\r\n');
    await until(() => (view(p)?.summary?.replOffset ?? 0) > before && view(r)?.summary?.replOffset === view(p)?.summary?.replOffset, 'both offsets to move on');
    await until(() => view(r)?.summary?.keys === 1, 'the key count on the replica');
    // A promotion is a role change, pushed at once.
    const rc = await client(rt, 7812);
    expect(await rc.call('REPLICAOF', 'NO', 'ONE')).toBe('+OK\r\n');
    await until(() => view(r)?.summary?.role === 'primary', 'the replica to report its new role');
    expect(view(r)?.summary?.replState).toBe('');
  });
});
