/**
 * Goal: a lesson-like script prints the same on the live runtime (a worker per node, real
 * clock) as on the deterministic simulator — DESIGN.md §1's promise that `npm run lab` and
 * `npm run lab -- --sim` agree.
 * Method: the same script through the headless lab on both hosts (runLabScript on a Sim,
 * runLabScriptOnHost on the worker_threads runtime at 4× speed), with what is random by nature
 * normalised away: log timestamps and pids (the simulator draws its own pid for a node instead
 * of the one the shell reserved).
 */
import { describe, expect, it } from 'vitest';
import { runLabScript, runLabScriptOnHost } from '../../src/headless/index.ts';
import { runtime } from './support.ts';

const SCRIPT = [
  "cat > primary.conf <<EOF",
  "port 7601",
  "repl-diskless-sync-delay 0",
  "logfile \"primary.log\"",
  "EOF",
  "cat > replica.conf <<EOF",
  "port 7602",
  "replicaof 127.0.0.1 7601",
  "logfile \"replica.log\"",
  "EOF",
  "redis-server primary.conf &",
  "redis-server replica.conf &",
  "sleep 1",
  "redis-cli -p 7601 SET foo bar",
  "sleep 0.5",
  "redis-cli -p 7602 GET foo",
  "redis-cli -p 7602 SET x 1",
  "redis-cli -p 7602 INFO replication | grep -E \"^(role|master_link_status|connected_slaves)\"",
  "redis-cli -p 7601 INFO replication | grep -E \"^(role|connected_slaves)\"",
  "redis-cli -p 7603 PING",
  "echo \"status $?\"",
  "grep -c \"MASTER <-> REPLICA sync: Finished with success\" replica.log",
  "ls",
  "redis-cli -p 7602 SHUTDOWN NOSAVE",
  "redis-cli -p 7601 SHUTDOWN NOSAVE",
  "sleep 0.5",
  "ps | grep -c redis-server",
  "tail -n 1 primary.log",
].join('\n') + '\n';

function normalise(text: string): string {
  return text
    .replace(/\d\d \w\w\w \d{4} \d\d:\d\d:\d\d\.\d{3}/g, 'DATE')
    .replace(/\b[1-4]\d{4}\b/g, 'PID');
}

describe('runtime: the same script prints the same as on the simulator', () => {
  it('a primary, a replica, redis-cli, logs and shutdown', async () => {
    const opts = { cwd: '/home/learner', scriptName: 'lesson.sh', tty: false };
    const sim = await runLabScript(SCRIPT, { ...opts, seed: 7 });
    const rt = runtime({ seed: 7, speed: 4 });
    const live = await runLabScriptOnHost(rt, SCRIPT, opts);
    expect(sim.output).toContain('OK\nbar\n');
    expect(sim.output).toContain('Could not connect to Redis at 127.0.0.1:7603: Connection refused');
    expect(normalise(live.output)).toBe(normalise(sim.output));
    expect(live.status).toBe(sim.status);
  });
});
