/**
 * The cluster behind the /lab page's terminal: the default scenario (primary 6379, replica
 * 6380, sentinels 5000–5002, their configs in /home/learner), booted in fast-forward so the
 * replica is synced when the prompt appears.
 *
 * Two hosts, both {@link ShellHost}s:
 * - `runtime` (default): the Web Worker runtime (src/runtime) — one worker per node, links
 *   over MessageChannels, `bootScenario` fast-forwarding the boot.
 * - `sim` (`?host=sim`, and the fallback when the runtime cannot start): the deterministic
 *   simulator on the main thread, fast-forwarded through the boot, then driven in real time
 *   by {@link RealtimeSim}. A stopgap and a comparison point for the bench.
 */
import type { ShellHost } from '../../shell/host.ts';
import { DEFAULT_FILES, DEFAULT_NODES } from '../../terminal/default-scenario.ts';
import { startDefaultScenario, waitForReplicaSync } from '../../terminal/boot.ts';

export type HostKind = 'runtime' | 'sim';

export interface LabHost {
  kind: HostKind;
  host: ShellHost;
  /** Real ms the boot took (nodes started, replica synced). */
  bootMs: number;
  /** Why the runtime was not used, when the simulator stands in for it. */
  fallbackReason?: string;
  dispose(): void;
}

export async function bootLabHost(kind: HostKind = 'runtime'): Promise<LabHost> {
  if (kind === 'runtime') {
    try {
      return await bootRuntime();
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      const sim = await bootSim();
      return { ...sim, fallbackReason: reason };
    }
  }
  return bootSim();
}

async function bootRuntime(): Promise<LabHost> {
  const t0 = performance.now();
  const { ClusterRuntime, browserPlatform, bootScenario } = await import('../../runtime/index.ts');
  const rt = new ClusterRuntime({ platform: browserPlatform() });
  const result = await bootScenario(rt, {
    files: { ...DEFAULT_FILES },
    nodes: DEFAULT_NODES.map((n) => ({ program: n.program, argv: n.argv })),
  });
  if (!result.settled) {
    rt.teardown();
    throw new Error('the replica did not sync during the fast-forward boot');
  }
  return { kind: 'runtime', host: rt, bootMs: performance.now() - t0, dispose: () => rt.teardown() };
}

async function bootSim(): Promise<LabHost> {
  const t0 = performance.now();
  const [{ Sim }, { RealtimeSim, macrotask }] = await Promise.all([import('../../sim/index.ts'), import('../lab/realtime-sim.ts')]);
  const sim = new Sim({ seed: (Date.now() % 1_000_000) + 1, startMs: Date.now() });
  startDefaultScenario(sim);
  let synced = false;
  let failure: unknown = null;
  waitForReplicaSync(sim).then(
    () => (synced = true),
    (e) => (failure = e),
  );
  // Fast-forward in virtual time: the 5 s diskless-sync delay costs milliseconds.
  await sim.run(() => synced || failure !== null, macrotask, { limitMs: 60_000 });
  if (failure) throw failure;
  const driver = new RealtimeSim(sim);
  driver.start();
  return { kind: 'sim', host: sim, bootMs: performance.now() - t0, dispose: () => driver.stop() };
}
