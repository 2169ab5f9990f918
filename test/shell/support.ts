/**
 * Runs shell scripts on the scripted {@link FakeHost} for tests: the terminal's output, the
 * status, and the shell (to interrupt it at a chosen virtual time).
 */
import { Shell } from '../../src/shell/shell.ts';
import type { Input, Output } from '../../src/shell/streams.ts';
import { FakeHost } from './fake-host.ts';

export interface FakeRun {
  output: string;
  status: number;
}

/** Runs `script`; `during(shell, host)` runs before the script starts (to schedule interrupts). */
export async function runOnFake(
  host: FakeHost,
  script: string,
  opts: { tty?: boolean; stdin?: Input; scriptName?: string | null; during?: (shell: Shell, host: FakeHost) => void } = {},
): Promise<FakeRun> {
  let output = '';
  const terminal: Output = { write: (t) => (output += t), isTty: opts.tty ?? true, broken: false };
  const shell = new Shell({ host, terminal, stdin: opts.stdin, scriptName: opts.scriptName === undefined ? 'script.sh' : opts.scriptName });
  let status: number | null = null;
  let failure: unknown = null;
  opts.during?.(shell, host);
  shell.runScript(script).then(
    (s) => (status = s),
    (e) => (failure = e),
  );
  const outcome = await host.run(() => status !== null || failure !== null);
  if (failure) throw failure;
  if (status === null) throw new Error(`script did not end (${outcome}); output so far:\n${output}`);
  return { output, status };
}

export { FakeHost };
