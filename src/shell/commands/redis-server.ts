/**
 * `redis-server` and `redis-sentinel` as programs of the shell: the host starts a node process
 * (its pid is the one the shell reserved, so `$!` names it); its output streams to the
 * program's stdout/stderr until it exits, and the program's exit status is the process's
 * (1 after a FATAL CONFIG FILE ERROR, 0 after a clean shutdown, 137 after `kill -9`). Signals
 * sent to the program — Ctrl+C in the foreground, `kill` — go to the node, which shuts down on
 * SIGINT and SIGTERM as Redis does.
 *
 * Counterpart in a real system: the fork + exec of the redis-server binary, whose stdout is the
 * terminal (ASCII logo) unless redirected.
 */
import type { Program } from '../process.ts';

export const redisServer: Program = async (ctx) => {
  const program = ctx.argv[0] === 'redis-sentinel' ? 'redis-sentinel' : 'redis-server';
  let exited!: (code: number) => void;
  const done = new Promise<number>((resolve) => (exited = resolve));
  const pid = ctx.host.spawn({
    program,
    argv: ctx.argv.slice(1),
    cwd: ctx.cwd,
    pid: ctx.pid,
    stdoutIsTty: ctx.stdout.isTty,
    stdout: (text) => ctx.stdout.write(text),
    stderr: (text) => ctx.stderr.write(text),
    exit: (code) => exited(code),
  });
  if (pid !== ctx.pid) ctx.setPid(pid);
  ctx.signals.handle((sig) => {
    ctx.host.kill(pid, sig);
    return true;
  });
  return done;
};
