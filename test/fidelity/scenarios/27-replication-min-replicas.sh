# min-replicas-to-write / min-replicas-max-lag (README §8 b, ../shared/fidelity/07-data-loss):
# with the replica connected writes work and INFO shows min_slaves_good_slaves; once it is gone
# every write gets NOREPLICAS (reads still work, MULTI aborts at EXEC); CONFIG SET
# min-replicas-max-lag 0 turns the check off.
cat > primary.conf <<EOF
bind 127.0.0.1
port $P1
min-replicas-to-write 1
min-replicas-max-lag 10
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
redis-cli --no-raw -p $P1 SET k before-replica
redis-server replica.conf &
rpid=$!
sleep 6
redis-cli --no-raw -p $P1 INFO replication | grep -E "^(connected_slaves|min_slaves_good_slaves):"
redis-cli --no-raw -p $P1 SET k v
echo "--- the replica goes away"
kill $rpid
sleep 0.5
redis-cli --no-raw -p $P1 INFO replication | grep -E "^(connected_slaves|min_slaves_good_slaves):"
redis-cli --no-raw -p $P1 SET k v2
redis-cli --no-raw -p $P1 INCR n
redis-cli --no-raw -p $P1 GET k
redis-cli --no-raw -p $P1 <<EOF
MULTI
SET k v3
EXEC
EOF
redis-cli --no-raw -p $P1 CONFIG SET min-replicas-max-lag 0
redis-cli --no-raw -p $P1 SET k v4
kill $ppid
sleep 0.5
grep -E "replica|Replica" primary.log
