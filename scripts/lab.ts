/**
 * `npm run lab -- [--sim] [--seed N] [--limit SECONDS] [FILE]`: runs a shell script (FILE, or
 * standard input) in the headless lab and prints exactly what a terminal would show, then exits
 * with the script's status. See src/headless/run-lab.ts.
 */
import { readFileSync } from 'node:fs';
import { callerEnvironment, runLabScript, runLabScriptOnHost } from '../src/headless/run-lab.ts';
import { createNodeRuntime } from '../src/runtime/node.ts';

const HELP = `Usage: npm run lab -- [--sim] [--speed X] [--seed N] [--limit SECONDS] [FILE]

Runs FILE (or the script on standard input) in the lab's shell — a bash subset with
redis-server, redis-sentinel and redis-cli — and prints what a terminal would show.
The script sees the caller's environment variables (\`P1=7701 npm run lab -- x.sh\`), except
the ones that describe this machine (HOME, PATH, USER, PWD, npm_*, NODE_*…): those are the
lab's own. As under bash, programs see whether standard output is a terminal: redis-cli
prints raw replies into a pipe or a file (\`npm run lab -- x.sh > out.txt\` prints what
\`bash x.sh > out.txt\` prints), and the human format on a terminal.

  --sim          Run on the deterministic simulator with virtual time (sleep 10 costs
                 milliseconds): the same script, seed and variables give the same run. Without it, every node runs in a worker thread of its own
                 on a real clock (the lab's runtime, as in the browser).
  --speed X      Worker threads only: the clock's speed, 0.25 to 10 (default 1).
  --seed N       The root seed (default 1): pids, run ids and ports; on the simulator the
                 same seed gives the same run.
  --limit S      Stop a script still running after S seconds of lab time (default 600);
                 the exit status is then 124.
  --help         Show this help.
`;

function main(argv: string[]): Promise<number> | number {
  let seed = 1;
  let limitMs = 600_000;
  let file: string | null = null;
  let sim = false;
  let speed = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sim') {
      sim = true;
      continue;
    }
    if (a === '--speed') {
      speed = Number(argv[++i]);
      if (!(speed >= 0.25 && speed <= 10)) {
        process.stderr.write(`lab: --speed takes a number from 0.25 to 10\n${HELP}`);
        return 2;
      }
      continue;
    }
    if (a === '--help' || a === '-h') {
      process.stdout.write(HELP);
      return 0;
    }
    if (a === '--seed' || a === '--limit') {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v)) {
        process.stderr.write(`lab: ${a} needs a number\n${HELP}`);
        return 2;
      }
      if (a === '--seed') seed = v;
      else limitMs = v * 1000;
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      process.stderr.write(`lab: unknown option ${a}\n${HELP}`);
      return 2;
    }
    if (file !== null) {
      process.stderr.write(`lab: one script at a time\n${HELP}`);
      return 2;
    }
    file = a;
  }
  let script: string;
  try {
    script = readFileSync(file === null || file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    process.stderr.write(`bash: ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : String(e)}\n`);
    return 127;
  }
  const scriptName = file === null || file === '-' ? null : file;
  const onOutput = (text: string) => process.stdout.write(text);
  const env = callerEnvironment(process.env);
  // Like bash: the script's stdout is a terminal only when ours is (redis-cli's format follows).
  const tty = process.stdout.isTTY === true;
  if (sim) return runLabScript(script, { seed, limitMs, scriptName, onOutput, env, tty }).then((r) => r.status);
  const runtime = createNodeRuntime({ seed, speed });
  return runLabScriptOnHost(runtime, script, { limitMs, scriptName, onOutput, env, tty }).then((r) => r.status).finally(() => runtime.teardown());
}

const status = await main(process.argv.slice(2));
process.exitCode = status;
