# FAILOVER (Redis 7.0's coordinated failover, replication.c failoverCommand): the argument and
# state errors, then FAILOVER TO the replica: it takes over with a partial resync (PSYNC …
# FAILOVER), the old primary becomes its replica and refuses writes; both logs show it.
cat > primary.conf <<EOF
bind 127.0.0.1
port $P1
logfile "primary.log"
dbfilename "primary.rdb"
EOF
cat > replica.conf <<EOF
bind 127.0.0.1
port $P2
replicaof 127.0.0.1 $P1
logfile "replica.log"
dbfilename "replica.rdb"
EOF
redis-server primary.conf &
ppid=$!
sleep 0.5
redis-server replica.conf &
rpid=$!
sleep 6
redis-cli --no-raw -p $P1 SET a 1
redis-cli --no-raw -p $P1 FAILOVER ABORT
redis-cli --no-raw -p $P1 FAILOVER TO 127.0.0.1
redis-cli --no-raw -p $P1 FAILOVER TO 127.0.0.1 notaport
redis-cli --no-raw -p $P1 FAILOVER TIMEOUT 0
redis-cli --no-raw -p $P1 FAILOVER FORCE
redis-cli --no-raw -p $P1 FAILOVER TO 127.0.0.1 1
redis-cli --no-raw -p $P1 FAILOVER foo
redis-cli --no-raw -p $P2 FAILOVER
redis-cli --no-raw -p $P1 INFO replication | grep master_failover_state
echo "--- FAILOVER TO the replica"
redis-cli --no-raw -p $P1 FAILOVER TO 127.0.0.1 $P2
sleep 1.5
redis-cli --no-raw -p $P1 INFO replication | grep -E "^(role|master_link_status|master_failover_state):"
redis-cli --no-raw -p $P2 INFO replication | grep -E "^(role|connected_slaves|master_failover_state):"
redis-cli --no-raw -p $P1 SET b 2
redis-cli --no-raw -p $P2 SET b 3
sleep 0.2
redis-cli --no-raw -p $P1 GET b
echo "--- logs"
# (not the offsets: while writes are paused a PING may or may not go out before the replica's ACK)
grep -E "FAILOVER|Failover|MASTER MODE|Successful|Master accepted" primary.log
grep -E "FAILOVER|Failover|MASTER MODE|Successful|Master accepted" replica.log
kill $rpid
sleep 0.5
kill $ppid
sleep 0.5
