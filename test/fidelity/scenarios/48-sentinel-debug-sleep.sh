# A frozen primary (06-failover/debug-sleep, 07-data-loss): DEBUG SLEEP on the primary keeps its
# TCP links open, so the sentinels count from their oldest unanswered PING; they fail over while
# it sleeps. A client then writes to the frozen primary: the write waits in the socket and is
# answered OK when the primary wakes up, still a primary (nobody has told it yet) - the write the
# failover will lose. down-after-milliseconds is 3000 and the sleep 9 s to keep the script short.
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
enable-debug-command yes
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
enable-debug-command yes
EOF
cat > sentinel1.conf <<EOF
bind 127.0.0.1
port $P3
daemonize no
logfile "sentinel1.log"
sentinel monitor myprimary 127.0.0.1 $P1 2
sentinel down-after-milliseconds myprimary 3000
sentinel failover-timeout myprimary 60000
sentinel auth-pass myprimary a_strong_password
EOF
cat > sentinel2.conf <<EOF
bind 127.0.0.1
port $P4
daemonize no
logfile "sentinel2.log"
sentinel monitor myprimary 127.0.0.1 $P1 2
sentinel down-after-milliseconds myprimary 3000
sentinel failover-timeout myprimary 60000
sentinel auth-pass myprimary a_strong_password
EOF
cat > sentinel3.conf <<EOF
bind 127.0.0.1
port $P5
daemonize no
logfile "sentinel3.log"
sentinel monitor myprimary 127.0.0.1 $P1 2
sentinel down-after-milliseconds myprimary 3000
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
: > sentinel1.log
: > sentinel2.log
: > sentinel3.log
redis-cli -p $P1 -a a_strong_password --no-auth-warning DEBUG SLEEP 9 > sleep.txt &
sleep 2.5
echo "--- 2.5 s into the sleep"
redis-cli -p $P3 SENTINEL get-master-addr-by-name myprimary | tail -n 1
sleep 4.5
echo "--- 7 s into the sleep"
redis-cli -p $P3 SENTINEL get-master-addr-by-name myprimary | tail -n 1
redis-cli -p $P4 SENTINEL get-master-addr-by-name myprimary | tail -n 1
redis-cli -p $P5 SENTINEL get-master-addr-by-name myprimary | tail -n 1
redis-cli -p $P1 -a a_strong_password --no-auth-warning SET written-to-frozen-primary 1 > set.txt &
sleep 3
echo "--- after the wake-up"
cat sleep.txt
cat set.txt
redis-cli --no-raw -p $P1 -a a_strong_password --no-auth-warning ROLE | head -1
redis-cli --no-raw -p $P1 -a a_strong_password --no-auth-warning GET written-to-frozen-primary
redis-cli --no-raw -p $P2 -a a_strong_password --no-auth-warning GET written-to-frozen-primary
redis-cli --no-raw -p $P2 -a a_strong_password --no-auth-warning ROLE | head -1
cat sentinel1.log sentinel2.log sentinel3.log | grep -c "+sdown master"
cat sentinel1.log sentinel2.log sentinel3.log | grep -c "+elected-leader"
cat sentinel1.log sentinel2.log sentinel3.log | grep -c "+switch-master myprimary 127.0.0.1 $P1 127.0.0.1 $P2$"
cat sentinel1.log sentinel2.log sentinel3.log | grep -c "+convert-to-slave"
kill $s1 $s2 $s3
sleep 0.5
kill $rpid $ppid
sleep 0.5
# requires: redis-sentinel
