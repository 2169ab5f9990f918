/**
 * Process utilities: `sleep` (on the host's clock, virtual in the simulator) and `ps`.
 *
 * Counterpart: coreutils sleep.c and procps `ps` (default and `-ef`/`aux` formats; CMD is the
 * command name, `-ef`/`aux` show the process title, where Redis shows `redis-server 127.0.0.1:6379`).
 */
import { parseDuration, type Program } from '../process.ts';
import { curly } from './files.ts';

const sleep: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    ctx.stderr.write(`sleep: missing operand\nTry 'sleep --help' for more information.\n`);
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const ms = parseDuration(a);
    if (ms === null) {
      ctx.stderr.write(`sleep: invalid time interval ${curly(a)}\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    total += ms;
  }
  await ctx.signals.race(ctx.host.sleep(total));
  return 0;
};

/** `ps`: the shell, its own processes and the host's nodes. */
const ps: Program = async (ctx, sh) => {
  const args = ctx.argv.slice(1).join(' ');
  const full = /(^|\s)-\w*f/.test(args) || /(^|\s)a?u?x/.test(args) || /(^|\s)-\w*e/.test(args);
  const entries = new Map<number, { pid: number; comm: string; title: string }>();
  entries.set(sh.pid, { pid: sh.pid, comm: 'bash', title: sh.scriptName === null ? '-bash' : `bash ${sh.scriptName}` });
  for (const p of ctx.host.processes()) entries.set(p.pid, { pid: p.pid, comm: p.title.split(' ')[0], title: p.title });
  for (const p of sh.procs.values()) if (!entries.has(p.pid)) entries.set(p.pid, { pid: p.pid, comm: p.name, title: p.name });
  entries.set(ctx.pid, { pid: ctx.pid, comm: 'ps', title: ctx.argv.join(' ') });
  const list = [...entries.values()].sort((a, b) => a.pid - b.pid);
  let out: string;
  if (!full) {
    out = '    PID TTY          TIME CMD\n' + list.map((e) => `${String(e.pid).padStart(7)} pts/0    00:00:00 ${e.comm.slice(0, 15)}\n`).join('');
  } else if (/(^|\s)-/.test(args)) {
    out = 'UID          PID    PPID  C STIME TTY          TIME CMD\n' + list.map((e) => `learner  ${String(e.pid).padStart(7)} ${String(e.pid === sh.pid ? 1 : sh.pid).padStart(7)}  0 00:00 pts/0    00:00:00 ${e.title}\n`).join('');
  } else {
    out = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n' + list.map((e) => `learner  ${String(e.pid).padStart(7)}  0.0  0.0      0     0 pts/0    S    00:00   0:00 ${e.title}\n`).join('');
  }
  ctx.stdout.write(out);
  return 0;
};

export const PROC_PROGRAMS: Record<string, Program> = { sleep, ps };
