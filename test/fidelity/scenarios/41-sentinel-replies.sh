# Sentinel replies (05-sentinel transcript): SENTINEL master / replicas / sentinels (fields and
# their order; times since the last PING, INFO or hello and replication offsets are volatile),
# get-master-addr-by-name, ckquorum, myid's format, is-master-down-by-addr, masters, ROLE, and
# the errors for unknown masters, wrong arities and unknown subcommands. The tutorial's setup:
# primary with requirepass, one replica with masterauth, three sentinels.
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
echo "--- SENTINEL master"
redis-cli --no-raw -p $P3 SENTINEL master myprimary
echo "--- SENTINEL masters (raw)"
redis-cli -p $P4 SENTINEL masters
echo "--- SENTINEL replicas"
redis-cli --no-raw -p $P3 SENTINEL replicas myprimary
redis-cli --no-raw -p $P5 SENTINEL slaves myprimary | grep -c slave-repl-offset
echo "--- SENTINEL sentinels"
redis-cli --no-raw -p $P3 SENTINEL sentinels myprimary
echo "--- get-master-addr-by-name, ckquorum, myid"
redis-cli --no-raw -p $P3 SENTINEL get-master-addr-by-name myprimary
redis-cli --no-raw -p $P4 SENTINEL get-master-addr-by-name nosuch
redis-cli --no-raw -p $P5 SENTINEL ckquorum myprimary
redis-cli --no-raw -p $P5 SENTINEL ckquorum nosuch
redis-cli -p $P3 SENTINEL myid | grep -c -E "^[0-9a-f]{40}$"
redis-cli -p $P3 SENTINEL myid | wc -c
echo "--- is-master-down-by-addr (no vote requested)"
redis-cli --no-raw -p $P3 SENTINEL is-master-down-by-addr 127.0.0.1 $P1 0 "*"
redis-cli --no-raw -p $P3 SENTINEL is-master-down-by-addr 127.0.0.1 $P2 0 "*"
redis-cli --no-raw -p $P3 SENTINEL is-master-down-by-addr 127.0.0.1 notaport 0 "*"
echo "--- ROLE, errors"
redis-cli --no-raw -p $P4 ROLE
redis-cli --no-raw -p $P3 SENTINEL master nosuch
redis-cli --no-raw -p $P3 SENTINEL replicas nosuch
redis-cli --no-raw -p $P3 SENTINEL master
redis-cli --no-raw -p $P3 SENTINEL get-master-addr-by-name
redis-cli --no-raw -p $P3 SENTINEL nosuchcommand
redis-cli --no-raw -p $P3 SENTINEL failover nosuch
redis-cli --no-raw -p $P3 SENTINEL monitor myprimary 127.0.0.1 $P1 2
redis-cli --no-raw -p $P3 SENTINEL set myprimary nosuchoption 1
redis-cli --no-raw -p $P3 SENTINEL config get resolve-hostnames
redis-cli --no-raw -p $P3 SENTINEL info-cache nosuch
redis-cli --no-raw -p $P3 SENTINEL reset nosuch
kill $s1 $s2 $s3
sleep 0.5
kill $rpid $ppid
sleep 0.5
# requires: redis-sentinel
