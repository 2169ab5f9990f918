# Issue 4's "Done when": the tutorial's setup (primary with requirepass, replica with
# masterauth, three sentinels from the tutorial's sentinel.conf), kill the primary, sleep, and
# SENTINEL get-master-addr-by-name myprimary answers the replica's port at the same point in
# time as real Sentinel (06-failover/one-replica: +switch-master ~6.1 s after the kill).
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
cat > sentinel1.conf <<EOF
# Sentinel 1
bind 127.0.0.1
port $P3
daemonize no
logfile "sentinel1.log"
sentinel monitor myprimary 127.0.0.1 $P1 2
sentinel down-after-milliseconds myprimary 5000
sentinel failover-timeout myprimary 60000
sentinel auth-pass myprimary a_strong_password
EOF
cat > sentinel2.conf <<EOF
# Sentinel 2
bind 127.0.0.1
port $P4
daemonize no
logfile "sentinel2.log"
sentinel monitor myprimary 127.0.0.1 $P1 2
sentinel down-after-milliseconds myprimary 5000
sentinel failover-timeout myprimary 60000
sentinel auth-pass myprimary a_strong_password
EOF
cat > sentinel3.conf <<EOF
# Sentinel 3
bind 127.0.0.1
port $P5
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
rpid=$!
sleep 6
redis-server sentinel1.conf --sentinel &
s1=$!
sleep 0.5
redis-sentinel sentinel2.conf &
s2=$!
sleep 0.5
redis-server sentinel3.conf --sentinel &
s3=$!
sleep 5
redis-cli --no-raw -p $P3 SENTINEL get-master-addr-by-name myprimary
kill -9 $ppid; sleep 0.5
sleep 6.5
redis-cli --no-raw -p $P3 SENTINEL get-master-addr-by-name myprimary
redis-cli --no-raw -p $P4 SENTINEL get-master-addr-by-name myprimary
redis-cli --no-raw -p $P5 SENTINEL get-master-addr-by-name myprimary
redis-cli --no-raw -p $P2 -a a_strong_password --no-auth-warning ROLE | head -1
kill $s1 $s2 $s3
sleep 0.5
kill $rpid
sleep 0.5
# requires: redis-sentinel
