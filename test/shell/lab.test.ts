// Goal: the headless lab runs scripts end to end on the simulator with the real engine and
// prints what a terminal shows under real bash with real Redis: the example script
// byte for byte (recorded from redis-server/redis-cli 7.0.15), redis-server in the foreground
// and in the background, its exit statuses, Ctrl+C, `$!`, and determinism of a seed.
// Method: runLabScript on scripts; expected texts come from real runs (the example was run
// under `bash` with the real binaries on a free port, output recorded with `od -c`).
import { describe, expect, it } from 'vitest';
import { runLabScript } from '../../src/headless/run-lab.ts';

const EXAMPLE = `cat > r.conf <<EOF
port 6379
requirepass s3cret
appendonly yes
logfile "r.log"
EOF
redis-server r.conf &
sleep 1
redis-cli --no-raw -p 6379 SET k v
redis-cli --no-raw -p 6379 -a s3cret --no-auth-warning SET k v
redis-cli --no-raw -p 6379 -a s3cret --no-auth-warning INFO persistence | grep aof_enabled
grep -c "Ready to accept connections" r.log
`;

describe('the headless lab on the simulator', () => {
  it("prints the issue's example exactly as real bash and Redis 7.0.15 do", async () => {
    const r = await runLabScript(EXAMPLE);
    // INFO lines end with \r\n and redis-cli prints INFO verbatim: grep keeps the \r.
    expect(r.output).toBe('(error) NOAUTH Authentication required.\nOK\naof_enabled:1\r\n1\n');
    expect(r.status).toBe(0);
  });

  it('is deterministic for a seed, and a second of sleep costs no real second', async () => {
    const script = 'redis-server --port 6380 &\nsleep 30\necho $!\nredis-cli -p 6380 INFO server | grep -E "^(process_id|run_id|uptime_in_seconds)"\n';
    const started = performance.now();
    const a = await runLabScript(script, { seed: 7 });
    const b = await runLabScript(script, { seed: 7 });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(a.output).toBe(b.output);
    const pid = a.output.split('\n').find((l) => /^\d+$/.test(l));
    expect(a.output).toContain(`process_id:${pid}\r\n`);
    expect(a.output).toContain('uptime_in_seconds:30\r\n');
  });

  it('a FATAL CONFIG FILE ERROR: the block on the terminal, exit status 1', async () => {
    const r = await runLabScript("printf 'port 6390\\nfoo bar\\n' > bad.conf\nredis-server bad.conf; echo \"status $?\"\n");
    expect(r.output).toBe("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 2\n>>> 'foo bar'\nBad directive or wrong number of arguments\nstatus 1\n");
  });

  it('a foreground server streams its log until Ctrl+C, shuts down as on SIGINT and exits 0', async () => {
    const r = await runLabScript('redis-server --port 6381 --save ""\necho "status $?"\nredis-cli -p 6381 PING\n', {
      onStart: (shell, sim) => void sim.sleep(2_000).then(() => shell.interrupt()),
    });
    const lines = r.output.split('\n');
    expect(lines).toContain(lines.find((l) => /Ready to accept connections$/.test(l)));
    expect(r.output).toMatch(/:signal-handler \(\d+\) Received SIGINT scheduling shutdown\.\.\.\n/);
    expect(r.output).toMatch(/# Redis is now ready to exit, bye bye\.\.\.\nstatus 0\nCould not connect to Redis at 127\.0\.0\.1:6381: Connection refused\n$/);
  });

  it('a server redirected to a file gets no logo (stdout not a terminal); the terminal one does', async () => {
    const r = await runLabScript('redis-server --port 6382 > out.txt &\nredis-server --port 6383 &\nsleep 1\ngrep -c "Redis Community\\|_._" out.txt\n');
    expect(r.output).toContain('Running in standalone mode');
    expect(r.output.trimEnd().endsWith('0')).toBe(true);
  });

  it('kill -9 of a background server: bash reports it after the next waited command, status 137', async () => {
    const r = await runLabScript('redis-server --port 6384 --logfile s.log &\nP=$!\nsleep 1\nkill -9 $P\nsleep 1\nwait $P; echo "status $?"\nredis-cli -p 6384 PING\n');
    expect(r.output).toMatch(/^script\.sh: line 5: +\d+ Killed {18}redis-server --port 6384 --logfile s\.log\nstatus 137\nCould not connect to Redis at 127\.0\.0\.1:6384: Connection refused\n$/);
  });

  // Real bash 5.2 (checked on this machine): a script's foreground command killed by a signal is
  // reported with the script's line, its pid and the command; SIGTERM as `Terminated` alone.
  it('a foreground server killed by kill -9 or crashed by DEBUG SEGFAULT: bash reports it with its line', async () => {
    const r = await runLabScript([
      '(sleep 1; kill -9 $(cat pid)) &',
      'redis-server --port 6385 --logfile k.log --pidfile pid',
      'echo "status $?"',
      '(sleep 1; redis-cli -p 6386 DEBUG SEGFAULT > /dev/null 2>&1) &',
      'redis-server --port 6386 --logfile s.log --enable-debug-command yes',
      'echo "status $?"',
      '',
    ].join('\n'));
    expect(r.output).toMatch(/^script\.sh: line 2: +\d+ Killed {18}redis-server --port 6385 --logfile k\.log --pidfile pid\nstatus 137\nscript\.sh: line 5: +\d+ Segmentation fault {6}redis-server --port 6386 --logfile s\.log --enable-debug-command yes\nstatus 139\n$/);
  });

  it('a script that never ends is stopped at the virtual time limit with status 124', async () => {
    const r = await runLabScript('touch f\ntail -f f\n', { limitMs: 5_000 });
    expect(r.status).toBe(124);
    expect(r.output).toBe('lab: stopped after 5 s of virtual time\n');
  });
});

describe('a learner script with functions, case, [[ ]] and read on the simulator', () => {
  it('reads redis-cli output line by line and decides on it', async () => {
    const script = `redis-server --port 6390 --save "" > /dev/null &
redis-server --port 6391 --save "" --replicaof 127.0.0.1 6390 > /dev/null &
sleep 7
role_of() {
  local port=$1
  redis-cli -p "$port" INFO replication | tr -d '\\r' | while IFS=: read -r key value; do
    case $key in
      role) echo "$port is $value" ;;
      master_link_status) [[ $value == up ]] && echo "$port link up" ;;
    esac
  done
}
for p in {6390..6391}; do role_of $p; done
redis-cli -p 6390 SET k v > /dev/null; redis-cli -p 6391 GET k | { read -r v; echo "replica has k=$v"; }
`;
    const r = await runLabScript(script);
    expect(r.output).toBe('6390 is master\n6391 is slave\n6391 link up\nreplica has k=v\n');
  });
});
