/**
 * A lesson's starting state (DESIGN.md §1): files on the disk and nodes running, booted in
 * fast-forward so the lesson opens settled — e.g. the replica already synced instead of the
 * ~5 s a hand-started replica takes — then the clock goes back to the learner's speed.
 */
import type { ClusterRuntime } from './runtime.ts';

export interface ScenarioNode {
  program?: 'redis-server' | 'redis-sentinel';
  argv: string[];
  /** Default: the scenario's cwd. */
  cwd?: string;
}

export interface ScenarioSpec {
  /** Working directory of the nodes and base of relative file names (default `/home/learner`). */
  cwd?: string;
  /** Files to write before anything starts: absolute path or relative to `cwd` → UTF-8 text. */
  files?: Record<string, string>;
  /** Nodes to start, in order (each binds its port before the next starts). */
  nodes?: ScenarioNode[];
  /** Fast-forward until this holds (default: every replica synced), at `speed` (default 50×), for at most `limitMs` virtual ms (default 60,000). */
  settle?: {
    until?: (rt: ClusterRuntime) => boolean | Promise<boolean>;
    speed?: number;
    limitMs?: number;
  } | false;
}

export interface ScenarioResult {
  pids: number[];
  /** Whether the settle condition was met (true when there was none). */
  settled: boolean;
}

/** Writes the files, starts the nodes, fast-forwards until settled, and returns to 1×... or the speed before. */
export async function bootScenario(rt: ClusterRuntime, spec: ScenarioSpec): Promise<ScenarioResult> {
  const cwd = spec.cwd ?? '/home/learner';
  rt.disk.mkdir(cwd);
  for (const [name, text] of Object.entries(spec.files ?? {})) rt.disk.write(name.startsWith('/') ? name : `${cwd}/${name}`, utf8(text));
  const pids = (spec.nodes ?? []).map((n) => rt.start(n.program ?? 'redis-server', n.argv, n.cwd ?? cwd));
  await rt.settled();
  if (spec.settle === false) return { pids, settled: true };
  const until = spec.settle?.until ?? replicasSynced;
  const settled = await rt.fastForward(() => until(rt), { speed: spec.settle?.speed ?? 50, limitMs: spec.settle?.limitMs ?? 60_000 });
  return { pids, settled };
}

/** True when every running replica has finished its sync with its primary (`master_link_status:up`). */
export async function replicasSynced(rt: ClusterRuntime): Promise<boolean> {
  for (const p of rt.processes()) {
    const s = await rt.snapshot(p.pid);
    if (!s || !s.summary) continue;
    if (s.summary.role === 'replica' && s.summary.replState !== 'connected') return false;
  }
  return true;
}

function utf8(text: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(text)) out += String.fromCharCode(b);
  return out;
}
