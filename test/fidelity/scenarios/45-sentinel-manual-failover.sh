# Manual failover, the tutorial topology (06-failover/kill-1, timeline-manual-failover.md):
# SENTINEL FAILOVER answers OK then INPROG; the sentinel asked leads without asking the others
# (no +sdown, no votes), promotes the replica within ~1.1 s and turns the old primary into its
# replica (a full resync: +slave-reconf-done ~6.3 s, then +failover-end). A client subscribed to
# +switch-master on another sentinel gets the message; the configs are rewritten. Replication
# offsets are not shown: they count the hellos the sentinels published.
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
redis-cli -p $P4 SUBSCRIBE +switch-master > switch.txt &
sub=$!
: > sentinel1.log
: > sentinel2.log
sleep 0.2
redis-cli --no-raw -p $P3 SENTINEL failover myprimary
redis-cli --no-raw -p $P3 SENTINEL failover myprimary
redis-cli --no-raw -p $P3 SENTINEL get-master-addr-by-name myprimary
sleep 2
echo "--- 2 s after SENTINEL FAILOVER"
redis-cli --no-raw -p $P3 SENTINEL get-master-addr-by-name myprimary
redis-cli --no-raw -p $P4 SENTINEL get-master-addr-by-name myprimary
redis-cli --no-raw -p $P2 -a a_strong_password --no-auth-warning ROLE | head -1
redis-cli --no-raw -p $P1 -a a_strong_password --no-auth-warning ROLE | head -1
redis-cli -p $P3 SENTINEL master myprimary | head -10 | tail -n 2
sleep 6
echo "--- 8 s after"
grep -v -E "Sentinel new configuration saved on disk|\+vote-for-leader" sentinel1.log
grep -c -E "\+vote-for-leader [0-9a-f]{40} 1$" sentinel1.log
grep -v "Sentinel new configuration saved on disk" sentinel2.log
cat switch.txt
kill $sub
echo "--- the old primary still says it is a primary (until +convert-to-slave, ~10 s later)"
redis-cli --no-raw -p $P1 -a a_strong_password --no-auth-warning ROLE | head -1
cat sentinel1.conf | grep -E "^sentinel (monitor|known-replica|config-epoch|leader-epoch|current-epoch)"
cat primary.conf
kill $s1 $s2 $s3
sleep 0.5
kill $rpid $ppid
sleep 0.5
# requires: redis-sentinel
