# Sentinel: the tutorial's setup (05-sentinel, conf/sentinelN.conf): a primary with requirepass
# and masterauth, one replica, three sentinels started as the tutorial says (two with
# `redis-server sentinelN.conf --sentinel`, one with `redis-sentinel`). Checks the startup logs
# (myid, +monitor, +slave, +sentinel), the sentinel.conf Sentinel rewrote at startup, INFO
# sentinel, and the data commands a sentinel refuses.
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
echo "--- sentinel1.log"
cat sentinel1.log
echo "--- sentinel2.log"
cat sentinel2.log
echo "--- sentinel1.conf after startup"
cat sentinel1.conf
echo "--- sentinel3.conf after startup"
cat sentinel3.conf
echo "--- INFO sentinel"
redis-cli --no-raw -p $P3 INFO sentinel
redis-cli --no-raw -p $P4 INFO server | grep -E "^(redis_mode|tcp_port|executable|config_file):"
redis-cli --no-raw -p $P3 PING
redis-cli --no-raw -p $P3 ROLE
redis-cli --no-raw -p $P3 SENTINEL get-master-addr-by-name myprimary
echo "--- data commands are refused"
redis-cli --no-raw -p $P3 SET greeting hello
redis-cli --no-raw -p $P3 GET greeting
redis-cli --no-raw -p $P3 CONFIG GET port
redis-cli --no-raw -p $P3 KEYS "*"
redis-cli --no-raw -p $P3 DBSIZE
kill $s1 $s2 $s3
sleep 0.5
kill $rpid $ppid
sleep 0.5
# requires: redis-sentinel
