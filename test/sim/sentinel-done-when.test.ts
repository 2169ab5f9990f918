/**
 * Goal: issue 4's "Done when" with the tutorial's literal ports: `npm run lab -- --sim` runs the
 * tutorial's setup (primary 6379 with requirepass, replica 6380 with masterauth, sentinels
 * 5000-5002 from the tutorial's sentinel.conf, each node started from its own directory), kills
 * the primary, sleeps, and SENTINEL get-master-addr-by-name myprimary answers 6380 at the point
 * in time where real Sentinel does: still 6379 5.5 s after the kill, 6380 on every sentinel at
 * 7 s (real: 06-failover/one-replica, +switch-master 6073-6075 ms; fidelity scenario
 * 43-sentinel-done-when prints the same on real Redis with other ports).
 * Method: the script below through runLabScript (what `npm run lab -- --sim FILE` calls) for
 * several seeds; its transcript is compared whole.
 */
import { describe, expect, it } from 'vitest';
import { runLabScript } from '../../src/headless/run-lab.ts';

const TUTORIAL_FAILOVER_SCRIPT = `mkdir 6379 6380 5000 5001 5002
cat > 6379/primary.conf <<EOF
bind 127.0.0.1
port 6379
daemonize no
logfile "redis.log"
appendonly yes
appendfilename "appendonly-6379.aof"
dbfilename "dump-6379.rdb"
requirepass a_strong_password
masterauth a_strong_password
EOF
cat > 6380/replica.conf <<EOF
bind 127.0.0.1
port 6380
daemonize no
logfile "redis.log"
replicaof 127.0.0.1 6379
appendonly yes
appendfilename "appendonly-6380.aof"
dbfilename "dump-6380.rdb"
requirepass a_strong_password
masterauth a_strong_password
EOF
cat > 5000/sentinel1.conf <<EOF
bind 127.0.0.1
port 5000
daemonize no
logfile "sentinel.log"
sentinel monitor myprimary 127.0.0.1 6379 2
sentinel down-after-milliseconds myprimary 5000
sentinel failover-timeout myprimary 60000
sentinel auth-pass myprimary a_strong_password
EOF
cat 5000/sentinel1.conf | grep -v "^port" > 5001/sentinel2.conf
echo "port 5001" >> 5001/sentinel2.conf
cat 5000/sentinel1.conf | grep -v "^port" > 5002/sentinel3.conf
echo "port 5002" >> 5002/sentinel3.conf
cd 6379
redis-server ./primary.conf &
primary=$!
cd ../6380
redis-server ./replica.conf &
cd ../5000
sleep 6
redis-server ./sentinel1.conf --sentinel &
cd ../5001
redis-sentinel ./sentinel2.conf &
cd ../5002
redis-server ./sentinel3.conf --sentinel &
cd ..
sleep 5
redis-cli -p 5000 SENTINEL get-master-addr-by-name myprimary
kill -9 $primary
sleep 5.5
redis-cli -p 5000 SENTINEL get-master-addr-by-name myprimary
sleep 1.5
redis-cli -p 5000 SENTINEL get-master-addr-by-name myprimary
redis-cli -p 5001 SENTINEL get-master-addr-by-name myprimary
redis-cli -p 5002 SENTINEL get-master-addr-by-name myprimary
`;

const addr = (port: number) => `1) "127.0.0.1"\n2) "${port}"\n`;

describe('sentinel: the done-when script on the simulator (tutorial ports)', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: 6379 before and 5.5 s after the kill, 6380 everywhere at 7 s', async (seed) => {
    const r = await runLabScript(TUTORIAL_FAILOVER_SCRIPT, { seed, scriptName: 'tutorial-failover.sh', cwd: '/home/learner' });
    expect(r.status).toBe(0);
    const out = r.output.replace(/^tutorial-failover\.sh: line \d+: +\d+ Killed +redis-server \.\/primary\.conf\n/m, '');
    expect(out).toBe(addr(6379) + addr(6379) + addr(6380) + addr(6380) + addr(6380));
    const log = r.sim.disk.read('/home/learner/5000/sentinel.log') ?? '';
    expect(log).toContain('+switch-master myprimary 127.0.0.1 6379 127.0.0.1 6380');
  });
});
