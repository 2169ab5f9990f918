/**
 * Goal: every FATAL CONFIG FILE ERROR of the fidelity reference (04-errors/2-invalid-config-files)
 * comes out of the engine byte for byte, with exit code 1.
 * Method: the transcript (copied from ../shared/fidelity into fixtures/) lists each config file
 * (`cat -n`), the command run, its output and `[exit N]`. Each `$ redis-server …` run is
 * replayed through the engine harness in a directory named like the recording's (`badconf`);
 * stdout+stderr are compared after putting `<dir>` for that directory, and pid/time are
 * normalised in log lines. Runs that need sentinel mode or a port already in use are skipped
 * with their reason (they belong to other parts of the engine).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MemoryDisk } from '../../../src/engine/util/memory-disk.ts';
import { startNode } from '../../../src/engine/node.ts';
import { SeededRng } from '../../../src/engine/util/random.ts';
import type { NodeOutput } from '../../../src/engine/types.ts';

const transcript = readFileSync(new URL('./fixtures/04-errors-2-invalid-config-files.txt', import.meta.url), 'latin1');
const DIR = '/home/learner/badconf';

interface Run {
  title: string;
  files: Record<string, string>;
  program: 'redis-server' | 'redis-sentinel';
  argv: string[];
  output: string;
  exit: number;
}

/** Parses the transcript into runs, each with the files listed before it. */
function parseRuns(text: string): Run[] {
  const runs: Run[] = [];
  const lines = text.split('\n');
  let files: Record<string, string> = {};
  let current: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const header = /^--- (.+) ---$/.exec(line);
    if (header) {
      current = header[1];
      if (current.endsWith('.conf')) files = { ...files, [current]: '' };
      continue;
    }
    const listed = /^ +\d+\t(.*)$/.exec(line);
    if (listed && current && current.endsWith('.conf')) {
      files[current] += listed[1] + '\n';
      continue;
    }
    const cmd = /^\$ (redis-server|redis-sentinel)(.*)$/.exec(line);
    if (cmd) {
      const words = cmd[2].replace(/\s+\(.*\)$/, '').trim().split(/\s+/).filter(Boolean);
      const out: string[] = [];
      let j = i + 1;
      for (; j < lines.length && !/^ {3}\[exit \d+\]$/.test(lines[j]); j++) out.push(lines[j]);
      const exit = Number(/\d+/.exec(lines[j] ?? '0')![0]);
      runs.push({ title: line.slice(2), files: { ...files }, program: cmd[1] as Run['program'], argv: words, output: out.join('\n') + (out.length ? '\n' : ''), exit });
      i = j;
    }
  }
  return runs;
}

function run(r: Run): { output: string; exit: number | null } {
  const disk = new MemoryDisk();
  disk.mkdir(DIR);
  for (const [name, text] of Object.entries(r.files)) disk.write(`${DIR}/${name}`, text);
  // The transcript does not list this file: run.sh wrote it with printf (04-errors/run.sh).
  if (r.title.includes('dup-port')) disk.write(`${DIR}/dup-port.conf`, 'bind 127.0.0.1\nport 6379\n');
  let output = '';
  let exit: number | null = null;
  const apply = (outs: NodeOutput[]) => {
    for (const o of outs) {
      if (o.kind === 'stdout' || o.kind === 'stderr') output += o.text;
      if (o.kind === 'exit') exit = o.code;
    }
  };
  const started = startNode({
    process: { pid: 17643, cwd: DIR, program: r.program, argv: r.argv, stdoutIsTty: false },
    // The dup-port run was recorded with the primary already listening on 6379.
    disk, rng: new SeededRng(1), nowMs: Date.UTC(2026, 10, 27, 19, 53, 55, 355), canBind: (_host, port) => !(r.title.includes('dup-port') && port === 6379),
  });
  apply(started.outputs);
  return { output, exit };
}

/** Log lines carry a pid and a time (and the startup line its pid): keep the role, the level mark and the message. */
const normaliseLog = (s: string) => s.replace(/^\d+:([CMSX]) \d+ \w+ \d+ [\d:.]+ /gm, '$1 ').replace(/pid=\d+/g, 'pid=<pid>').split(DIR).join('<dir>/badconf');

describe('04-errors/2-invalid-config-files, byte for byte', () => {
  const runs = parseRuns(transcript);
  it('parses the reference', () => {
    expect(runs.length).toBeGreaterThanOrEqual(12);
  });
  for (const r of runs) {
    it(r.title, () => {
      const got = run(r);
      expect(normaliseLog(got.output)).toBe(normaliseLog(r.output));
      expect(got.exit).toBe(r.exit);
    });
  }
});
