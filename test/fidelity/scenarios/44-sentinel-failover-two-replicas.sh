# Sentinel failover with two replicas after kill -9 of the primary (06-failover/kill-1..5):
# the leader promotes one replica and reconfigures the other (+slave-reconf-sent/-inprog/-done,
# parallel-syncs 1), then every sentinel switches. Which sentinel leads and which replica is
# promoted (equal priority and offset: the smaller run id) vary between runs of real Redis, so
# the script prints the event names every sentinel logs, the leader's sequence from the logs read
# together, and the final state relative to the promoted port. Timing: the old address 5.5 s
# after the kill, the new one 7 s after it (real: switch 6054-6211 ms, failover end ~7.2 s).
# Real Sentinel can (rarely, more under heavy CPU load) split the first vote three ways: no
# leader for 2 x failover-timeout. That run prints no switch; rerun it.
cat > primary.conf <<EOF
bind 127.0.0.1
port $P1
daemonize no
logfile "primary.log"
dbfilename "primary.rdb"
requirepass a_strong_password
masterauth a_strong_password
EOF
cat > replica.conf <<EOF
bind 127.0.0.1
port $P2
daemonize no
logfile "replica.log"
replicaof 127.0.0.1 $P1
dbfilename "replica.rdb"
requirepass a_strong_password
masterauth a_strong_password
EOF
cat > replica2.conf <<EOF
bind 127.0.0.1
port $P3
daemonize no
logfile "replica2.log"
replicaof 127.0.0.1 $P1
dbfilename "replica2.rdb"
requirepass a_strong_password
masterauth a_strong_password
EOF
cat > sentinel1.conf <<EOF
bind 127.0.0.1
port $P4
daemonize no
logfile "sentinel1.log"
sentinel monitor myprimary 127.0.0.1 $P1 2
sentinel down-after-milliseconds myprimary 5000
sentinel failover-timeout myprimary 60000
sentinel auth-pass myprimary a_strong_password
EOF
cat > sentinel2.conf <<EOF
bind 127.0.0.1
port $P5
daemonize no
logfile "sentinel2.log"
sentinel monitor myprimary 127.0.0.1 $P1 2
sentinel down-after-milliseconds myprimary 5000
sentinel failover-timeout myprimary 60000
sentinel auth-pass myprimary a_strong_password
EOF
cat > sentinel3.conf <<EOF
bind 127.0.0.1
port $P6
daemonize no
logfile "sentinel3.log"
sentinel monitor myprimary 127.0.0.1 $P1 2
sentinel down-after-milliseconds myprimary 5000
sentinel failover-timeout myprimary 60000
sentinel auth-pass myprimary a_strong_password
EOF
redis-server primary.conf &
ppid=$!
sleep 0.5
redis-server replica.conf &
r1=$!
redis-server replica2.conf &
r2=$!
sleep 6
redis-cli -p $P1 -a a_strong_password --no-auth-warning SET greeting hello
redis-server sentinel1.conf --sentinel &
s1=$!
sleep 0.5
redis-sentinel sentinel2.conf &
s2=$!
sleep 0.5
redis-server sentinel3.conf --sentinel &
s3=$!
sleep 5
redis-cli --no-raw -p $P4 INFO sentinel | grep master0
: > sentinel1.log
: > sentinel2.log
: > sentinel3.log
kill -9 $ppid; sleep 0.5
sleep 5
echo "--- 5.5 s after the kill"
redis-cli -p $P4 SENTINEL get-master-addr-by-name myprimary
redis-cli -p $P5 SENTINEL get-master-addr-by-name myprimary
redis-cli -p $P6 SENTINEL get-master-addr-by-name myprimary
sleep 1.5
echo "--- 7 s after the kill"
new=$(redis-cli -p $P4 SENTINEL get-master-addr-by-name myprimary | tail -n 1)
echo $new | grep -c -E "^($P2|$P3)$"
redis-cli -p $P5 SENTINEL get-master-addr-by-name myprimary | grep -c "^$new$"
redis-cli -p $P6 SENTINEL get-master-addr-by-name myprimary | grep -c "^$new$"
sleep 1.5
echo "--- event names every sentinel logs, in order"
grep -E "\+sdown master|\+switch-master|\+slave slave" sentinel1.log | grep -o -E "[#*] [+-][a-z-]+ [a-z]+"
grep -E "\+sdown master|\+switch-master|\+slave slave" sentinel2.log | grep -o -E "[#*] [+-][a-z-]+ [a-z]+"
grep -E "\+sdown master|\+switch-master|\+slave slave" sentinel3.log | grep -o -E "[#*] [+-][a-z-]+ [a-z]+"
echo "--- the leader's sequence"
cat sentinel1.log sentinel2.log sentinel3.log | grep -c "+elected-leader"
cat sentinel1.log sentinel2.log sentinel3.log | grep -E "\+elected-leader|\+failover-state|\+selected-slave|\+promoted-slave|\+slave-reconf|\+failover-end" | grep -o -E "[#*] [+-][a-z-]+ [a-z]+"
cat sentinel1.log sentinel2.log sentinel3.log | grep "+promoted-slave" | grep -c "slave 127.0.0.1:$new 127.0.0.1 $new @ myprimary 127.0.0.1 $P1$"
cat sentinel1.log sentinel2.log sentinel3.log | grep -c "+switch-master myprimary 127.0.0.1 $P1 127.0.0.1 $new$"
cat sentinel1.log sentinel2.log sentinel3.log | grep -c "+config-update-from"
cat sentinel1.log sentinel2.log sentinel3.log | grep -c -E "\+convert-to-slave|-failover-abort|\+tilt|\+fix-slave-config"
echo "--- the replicas"
redis-cli -p $P2 -a a_strong_password --no-auth-warning INFO replication > info.txt
redis-cli -p $P3 -a a_strong_password --no-auth-warning INFO replication >> info.txt
grep -c "^role:master" info.txt
grep -c "^role:slave" info.txt
grep -c "^master_port:$new" info.txt
grep -c "^master_link_status:up" info.txt
grep -c "^connected_slaves:1" info.txt
redis-cli -p $new -a a_strong_password --no-auth-warning GET greeting
redis-cli -p $P5 SENTINEL replicas myprimary | grep -c "^slave$"
kill $s1 $s2 $s3
sleep 0.5
kill $r1 $r2
sleep 0.5
# requires: redis-sentinel
