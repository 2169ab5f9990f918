/**
 * Goal: a lesson-like script prints the same on the live runtime (a worker per node, real
 * clock) as on the deterministic simulator — DESIGN.md §1's promise that `npm run lab` and
 * `npm run lab -- --sim` agree.
 * Method: the same script through the headless lab on both hosts (runLabScript on a Sim,
 * runLabScriptOnHost on the worker_threads runtime at 4× speed), with what is random by nature
 * normalised away: log timestamps and pids (the simulator draws its own pid for a node instead
 * of the one the shell reserved). The sleeps are as short as the simulator needs plus a little:
 * lab time holds while a loaded machine starves the workers (the watermark rule,
 * src/runtime/clock.ts), so the whole suite running in parallel does not eat into them.
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

/**
 * Three sentinels watch a primary and its replica; the primary goes away; 7902 is promoted.
 * The sentinels start once the replica is synced: they learn replicas from the primary's INFO,
 * sent when they connect and then every 10 s, and a replica that attached just after that
 * first INFO — as the live host's timing allows — would stay unknown until the primary is gone
 * (no failover).
 *
 * Margins: 3 s to settle (the sentinels meet through hellos every 2 s), down-after 3 s, and
 * 15 s for the failover — it takes ~5 s; the rest leaves room for one split vote, which is
 * random by nature (the retry comes after twice the failover-timeout, 10 s). A loaded machine
 * no longer eats into them: lab time holds while the workers are starved.
 */
const FAILOVER = [
  "cat > p.conf <<EOF",
  "port 7901",
  "repl-diskless-sync-delay 0",
  "logfile \"p.log\"",
  "EOF",
  "cat > r.conf <<EOF",
  "port 7902",
  "replicaof 127.0.0.1 7901",
  "logfile \"r.log\"",
  "EOF",
  "cat > s1.conf <<EOF",
  "port 7951",
  "sentinel monitor mymaster 127.0.0.1 7901 2",
  "sentinel down-after-milliseconds mymaster 3000",
  "sentinel failover-timeout mymaster 5000",
  "logfile \"s1.log\"",
  "EOF",
  "cat > s2.conf <<EOF",
  "port 7952",
  "sentinel monitor mymaster 127.0.0.1 7901 2",
  "sentinel down-after-milliseconds mymaster 3000",
  "sentinel failover-timeout mymaster 5000",
  "logfile \"s2.log\"",
  "EOF",
  "cat > s3.conf <<EOF",
  "port 7953",
  "sentinel monitor mymaster 127.0.0.1 7901 2",
  "sentinel down-after-milliseconds mymaster 3000",
  "sentinel failover-timeout mymaster 5000",
  "logfile \"s3.log\"",
  "EOF",
  "redis-server p.conf &",
  "redis-server r.conf &",
  // The sentinels learn the replica from the primary's INFO (every 10 s): let it attach first.
  "until redis-cli -p 7902 INFO replication | grep -q master_link_status:up; do sleep 0.1; done",
  "redis-sentinel s1.conf &",
  "redis-sentinel s2.conf &",
  "redis-sentinel s3.conf &",
  "sleep 3",
  "redis-cli -p 7951 SENTINEL get-master-addr-by-name mymaster",
  "redis-cli -p 7901 SHUTDOWN NOSAVE",
  "sleep 15",
  "redis-cli -p 7951 SENTINEL get-master-addr-by-name mymaster",
  "redis-cli -p 7902 ROLE | head -1",
  "grep -c switch-master s1.log",
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

  it('a Sentinel failover', async () => {
    const opts = { cwd: '/home/learner', scriptName: 'failover.sh', tty: true };
    const sim = await runLabScript(FAILOVER, { ...opts, seed: 3 });
    const rt = runtime({ seed: 3, speed: 8 });
    const live = await runLabScriptOnHost(rt, FAILOVER, opts);
    expect(sim.output).toBe('1) "127.0.0.1"\n2) "7901"\n1) "127.0.0.1"\n2) "7902"\nmaster\n1\n');
    expect(live.output).toBe(sim.output);
  });
});
