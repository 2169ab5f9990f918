# Restarting a replica (README §2 "Restarting a replica", ../shared/fidelity/01-replication
# 6a/6b): with appendonly yes it loads its AOF, which does not keep the replication ID, and
# needs a full resync (~5 s); with RDB only (--appendonly no) it loads the RDB it saved at
# shutdown, synthesises a cached master from it and continues partially.
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
appendonly yes
appendfilename "replica.aof"
logfile "replica.log"
dbfilename "replica.rdb"
EOF
redis-server primary.conf &
ppid=$!
sleep 0.5
redis-server replica.conf &
rpid=$!
sleep 7
redis-cli --no-raw -p $P1 SET k v
echo "--- restart with appendonly yes"
kill $rpid
sleep 0.5
redis-cli --no-raw -p $P1 SET while-down 1
redis-server replica.conf &
rpid=$!
sleep 0.5
redis-cli --no-raw -p $P2 ROLE
sleep 6.5
redis-cli --no-raw -p $P2 ROLE
redis-cli --no-raw -p $P2 GET while-down
grep -c "Partial resynchronization not possible (no cached master)" replica.log
echo "--- restart with --appendonly no"
kill $rpid
sleep 0.5
redis-cli --no-raw -p $P1 SET while-down-2 2
redis-server replica.conf --appendonly no &
rpid=$!
sleep 0.5
redis-cli --no-raw -p $P2 ROLE
redis-cli --no-raw -p $P2 GET while-down-2
grep -E "cached master|Partial|partial" replica.log
redis-cli --no-raw -p $P1 INFO stats | grep -E "^sync_(full|partial_ok|partial_err):"
kill $rpid
sleep 0.5
kill $ppid
sleep 0.5
