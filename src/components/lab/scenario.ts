/**
 * A lesson's starting scenario: the files on the virtual disk and the nodes already running when
 * the learner arrives, and the clock speed. Declared in the lesson's frontmatter, validated by
 * `scenarioSchema` (./lesson-schema.ts, used by content.config.ts), resolved here into what a host starts.
 *
 * File names that are the tutorial's configs (content/conf: primary.conf, replica.conf,
 * replica2.conf, sentinel1.conf … sentinel3.conf, the files the fidelity recordings were made
 * with) are copied to `/home/learner/<port>/<name>`, one directory per node as in the tutorial,
 * so the nodes' `redis.log`, AOF and RDB files do not collide.
 */
import primaryConf from '../../../content/conf/primary.conf?raw';
import replicaConf from '../../../content/conf/replica.conf?raw';
import replica2Conf from '../../../content/conf/replica2.conf?raw';
import sentinel1Conf from '../../../content/conf/sentinel1.conf?raw';
import sentinel2Conf from '../../../content/conf/sentinel2.conf?raw';
import sentinel3Conf from '../../../content/conf/sentinel3.conf?raw';

/** The tutorial's configuration files by name. */
export const TUTORIAL_CONFS: Record<string, string> = {
  'primary.conf': primaryConf,
  'replica.conf': replicaConf,
  'replica2.conf': replica2Conf,
  'sentinel1.conf': sentinel1Conf,
  'sentinel2.conf': sentinel2Conf,
  'sentinel3.conf': sentinel3Conf,
};

export const HOME = '/home/learner';

/** A file of a scenario: a tutorial config by name, or a path and its text. */
export type ScenarioFile = string | { path: string; text: string };

/** A lesson's starting state (validated by `scenarioSchema` in ./lesson-schema.ts). */
export interface ScenarioInput {
  /** Files on the virtual disk when the lesson starts. */
  files?: ScenarioFile[];
  /**
   * Nodes running when the lesson starts, by config file name: each is started in its
   * directory as `redis-server FILE` (`redis-sentinel FILE` for a sentinel config), then the
   * cluster is fast-forwarded until replicas are in sync and sentinels know each other.
   */
  running?: string[];
  /** Clock speed when the lesson starts (0.25 … 10; default 1). */
  speed?: number;
}

export interface ResolvedFile {
  path: string;
  text: string;
}

export interface ResolvedStart {
  program: 'redis-server' | 'redis-sentinel';
  argv: string[];
  cwd: string;
  port: number;
}

export interface ResolvedScenario {
  files: ResolvedFile[];
  start: ResolvedStart[];
  speed: number;
}

/** The `port` directive of a config file (6379 when absent, as Redis defaults). */
export function confPort(text: string): number {
  const m = /^\s*port\s+(\d+)\s*$/m.exec(text);
  return m ? Number(m[1]) : 6379;
}

/** Where a file of the scenario lives on the virtual disk. */
function placeFile(f: ScenarioFile): ResolvedFile {
  if (typeof f === 'string') {
    const text = TUTORIAL_CONFS[f];
    if (text === undefined) throw new Error(`scenario: '${f}' is not one of the tutorial configs`);
    return { path: `${HOME}/${confPort(text)}/${f}`, text };
  }
  return { path: f.path.startsWith('/') ? f.path : `${HOME}/${f.path}`, text: f.text };
}

/** Turns a validated scenario into files to write and processes to start. */
export function resolveScenario(s: ScenarioInput): ResolvedScenario {
  const files = (s.files ?? []).map(placeFile);
  const start = (s.running ?? []).map((name): ResolvedStart => {
    const file = files.find((f) => f.path.endsWith(`/${name}`));
    if (!file) throw new Error(`scenario: running '${name}' names no file of the scenario`);
    const cut = file.path.lastIndexOf('/');
    const sentinel = /^\s*sentinel\s+monitor\s/m.test(file.text);
    return {
      program: sentinel ? 'redis-sentinel' : 'redis-server',
      argv: [file.path.slice(cut + 1)],
      cwd: file.path.slice(0, cut),
      port: confPort(file.text),
    };
  });
  return { files, start, speed: Math.min(10, Math.max(0.25, s.speed ?? 1)) };
}
