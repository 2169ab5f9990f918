# Quorum not reachable (06-failover/no-quorum): of the tutorial's three sentinels only one runs,
# so when the primary is killed it reaches +sdown and nothing more: no +odown, no election, the
# address does not change; SENTINEL ckquorum says why and INFO sentinel shows status=sdown.
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
bind 127.0.0.1
port $P3
daemonize no
logfile "sentinel1.log"
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
sleep 2
redis-cli --no-raw -p $P3 SENTINEL ckquorum myprimary
: > sentinel1.log
kill -9 $ppid; sleep 0.5
sleep 7.5
redis-cli --no-raw -p $P3 SENTINEL get-master-addr-by-name myprimary
redis-cli --no-raw -p $P3 SENTINEL ckquorum myprimary
redis-cli --no-raw -p $P3 INFO sentinel | grep master0
redis-cli -p $P3 SENTINEL master myprimary | head -10 | tail -n 1
cat sentinel1.log
redis-cli --no-raw -p $P2 -a a_strong_password --no-auth-warning ROLE | head -1
kill $s1
sleep 0.5
kill $rpid
sleep 0.5
