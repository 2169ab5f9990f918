/**
 * The headless lab: runs a shell script on the deterministic simulator and returns exactly what
 * a terminal would have shown (standard output and error interleaved, as written), with the
 * script's exit status. Virtual time: `sleep 10` costs milliseconds. Used by `npm run lab`, the
 * tests and the fidelity harness.
 *
 * Counterpart in a real system: `bash script.sh` in a terminal, with Redis installed.
 */
import { Sim } from '../sim/index.ts';
import { Shell } from '../shell/shell.ts';
import type { ShellHost } from '../shell/host.ts';
import { fromBytes, toBytes, type Output } from '../shell/streams.ts';

export interface LabOptions {
  /** The simulator's root seed (default 1): the same seed gives the same run. */
  seed?: number;
  /** Extra environment variables for the script. */
  env?: Record<string, string>;
  /** The working directory (default `/home/learner`, created on the virtual disk). */
  cwd?: string;
  /**
   * The script's name in bash's messages (`script.sh: line 3: foo: command not found`); null
   * for bash reading the script from standard input (`bash: foo: command not found`).
   * Default `script.sh`.
   */
  scriptName?: string | null;
  /** Virtual time after which a script that has not ended is stopped (default 600,000 ms). */
  limitMs?: number;
  /** Called with each piece of output as it is written (UTF-8 decoded as whole lines allow). */
  onOutput?: (text: string) => void;
  /**
   * Whether the script's standard output counts as a terminal (default true: what a learner
   * sees). False makes it behave like `bash script.sh | cat`: redis-cli prints raw, ls one
   * name per line.
   */
  tty?: boolean;
  /**
   * Called once the shell exists, before the script starts: tests schedule a Ctrl+C with
   * `sim.sleep(ms).then(() => shell.interrupt())`.
   */
  onStart?: (shell: Shell, sim: Sim) => void;
  /** Files to put on the virtual disk before the run: absolute path, or relative to `cwd` → content. */
  files?: Record<string, string>;
}

export interface LabResult {
  /** Everything the terminal showed, decoded from UTF-8. */
  output: string;
  /** The script's exit status (124 when it was stopped at the time limit). */
  status: number;
  /** The simulator, for inspection after the run (its disk, processes and trace). */
  sim: Sim;
}

export { toBytes, fromBytes };

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs `script` on a fresh simulator; resolves with the terminal's text and the exit status. */
export async function runLabScript(script: string, opts: LabOptions = {}): Promise<LabResult> {
  const sim = new Sim({ seed: opts.seed ?? 1 });
  const cwd = opts.cwd ?? '/home/learner';
  sim.disk.mkdir(cwd);
  for (const [name, content] of Object.entries(opts.files ?? {})) {
    sim.disk.write(name.startsWith('/') ? name : `${cwd}/${name}`, toBytes(content));
  }
  let bytes = '';
  let flushed = 0;
  const terminal: Output = {
    write(text: string) {
      bytes += text;
      if (opts.onOutput) {
        const cut = bytes.lastIndexOf('\n') + 1;
        if (cut > flushed) {
          opts.onOutput(fromBytes(bytes.slice(flushed, cut)));
          flushed = cut;
        }
      }
    },
    isTty: opts.tty ?? true,
    broken: false,
  };
  const shell = new Shell({ host: sim, terminal, env: opts.env, cwd, scriptName: opts.scriptName === undefined ? 'script.sh' : opts.scriptName });
  let status: number | null = null;
  let failure: unknown = null;
  opts.onStart?.(shell, sim);
  shell.runScript(toBytes(script)).then(
    (s) => (status = s),
    (e) => (failure = e),
  );
  const limitMs = opts.limitMs ?? 600_000;
  const outcome = await sim.run(() => status !== null || failure !== null, settle, { limitMs });
  if (failure !== null) throw failure;
  if (status === null) {
    // The script never ended (`tail -f`, a foreground server): stop it where a timeout would.
    status = 124;
    if (outcome === 'idle') terminal.write(toBytes('lab: the script is waiting for something that will never happen\n'));
    else terminal.write(toBytes(`lab: stopped after ${limitMs / 1000} s of virtual time\n`));
  }
  if (opts.onOutput && flushed < bytes.length) opts.onOutput(fromBytes(bytes.slice(flushed)));
  return { output: fromBytes(bytes), status, sim };
}

/** What {@link runLabScriptOnHost} takes: the options that make sense on a live host. */
export type LiveLabOptions = Omit<LabOptions, 'seed' | 'onStart'> & {
  /** Called once the shell exists, before the script starts. */
  onStart?: (shell: Shell) => void;
};

/**
 * Runs `script` on a live host — the cluster on worker threads (src/runtime/node.ts,
 * `npm run lab` without `--sim`) — in real time scaled by the host's clock. The caller creates
 * the host and tears it down. Prints what the same script prints on the simulator.
 */
export async function runLabScriptOnHost(host: ShellHost, script: string, opts: LiveLabOptions = {}): Promise<{ output: string; status: number }> {
  const cwd = opts.cwd ?? '/home/learner';
  host.disk.mkdir(cwd);
  for (const [name, content] of Object.entries(opts.files ?? {})) {
    host.disk.write(name.startsWith('/') ? name : `${cwd}/${name}`, toBytes(content));
  }
  let bytes = '';
  let flushed = 0;
  const terminal: Output = {
    write(text: string) {
      bytes += text;
      if (opts.onOutput) {
        const cut = bytes.lastIndexOf('\n') + 1;
        if (cut > flushed) {
          opts.onOutput(fromBytes(bytes.slice(flushed, cut)));
          flushed = cut;
        }
      }
    },
    isTty: opts.tty ?? true,
    broken: false,
  };
  const shell = new Shell({ host, terminal, env: opts.env, cwd, scriptName: opts.scriptName === undefined ? 'script.sh' : opts.scriptName });
  opts.onStart?.(shell);
  const limitMs = opts.limitMs ?? 600_000;
  const outcome = await Promise.race([shell.runScript(toBytes(script)), host.sleep(limitMs).then(() => null)]);
  let status: number;
  if (outcome === null) {
    status = 124;
    terminal.write(toBytes(`lab: stopped after ${limitMs / 1000} s of lab time\n`));
  } else {
    status = outcome;
  }
  if (opts.onOutput && flushed < bytes.length) opts.onOutput(fromBytes(bytes.slice(flushed)));
  return { output: fromBytes(bytes), status };
}

/**
 * The caller's environment as a script in the lab should see it — `P1=7701 npm run lab -- x.sh`
 * gives the script `$P1`, as `P1=7701 bash x.sh` does — minus what describes the machine rather
 * than the caller's intent: the lab's own identity (HOME, PATH, USER, PWD…, which the shell
 * sets to the learner's), npm's and Node's variables (npm_*, NODE_*, INIT_CWD), and names bash
 * would not import. So the same variables give the same run on the simulator, however the lab
 * was started.
 */
export function callerEnvironment(env: Record<string, string | undefined>): Record<string, string> {
  const own = new Set(['HOME', 'PATH', 'USER', 'LOGNAME', 'PWD', 'OLDPWD', 'SHELL', 'SHLVL', '_', 'INIT_CWD', 'NODE', 'COLOR', 'EDITOR', 'TERM', 'LANG', 'LC_ALL', 'HOSTNAME', 'MAIL', 'TMPDIR']);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || own.has(name) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    if (/^(npm_|NODE_|VITEST|LC_)/i.test(name)) continue;
    out[name] = value;
  }
  return out;
}
