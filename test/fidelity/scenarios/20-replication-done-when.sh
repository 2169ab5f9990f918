# Issue 3's "Done when": a primary and a replica started from config files, the initial full
# sync (~5 s: diskless delay), a write read back on the replica, a write refused there
# (READONLY), WAIT 1 0, the replica killed and restarted (it loads the RDB of its full sync
# and continues partially), then INFO replication and ROLE. Follows
# ../shared/fidelity/01-replication (README §2) and 02-wait.
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
redis-cli --no-raw -p $P1 SET greeting hello
sleep 0.1
redis-cli --no-raw -p $P2 GET greeting
redis-cli --no-raw -p $P2 SET greeting bye
redis-cli --no-raw -p $P1 WAIT 1 0
echo "--- kill -9 the replica and start it again"
kill -9 $rpid; sleep 0.5
redis-server replica.conf &
rpid=$!
# past the replica's first once-a-second REPLCONF ACK, which the primary's ROLE shows
sleep 1.5
redis-cli --no-raw -p $P2 GET greeting
redis-cli --no-raw -p $P2 INFO replication | grep -v -E "^master_last_io_seconds_ago:"
redis-cli --no-raw -p $P2 ROLE
redis-cli --no-raw -p $P1 ROLE
kill $rpid
sleep 0.5
kill $ppid
sleep 0.5
cat replica.log
