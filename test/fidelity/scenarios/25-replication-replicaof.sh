# REPLICAOF at run time (README §2 "REPLICAOF replies", ../shared/fidelity/01-replication/4):
# the replies and errors, REPLICAOF NO ONE (ROLE, INFO fields, the promotion's log lines),
# a write on the detached node, then REPLICAOF back: the node has a new replication ID, so the
# primary refuses a partial resync, a full resync follows and the local write is gone.
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
redis-cli --no-raw -p $P1 SET a 1
sleep 0.2
redis-cli --no-raw -p $P2 REPLICAOF 127.0.0.1 $P1
redis-cli --no-raw -p $P2 SLAVEOF 127.0.0.1 $P1
redis-cli --no-raw -p $P2 REPLICAOF 127.0.0.1
redis-cli --no-raw -p $P2 REPLICAOF 127.0.0.1 notaport
redis-cli --no-raw -p $P1 REPLICAOF NO ONE
echo "--- detach"
redis-cli --no-raw -p $P2 REPLICAOF NO ONE
redis-cli --no-raw -p $P2 ROLE
redis-cli --no-raw -p $P2 INFO replication | grep -E "^(role|connected_slaves|master_repl_offset|second_repl_offset):"
redis-cli --no-raw -p $P2 SET written-while-detached 1
redis-cli --no-raw -p $P1 SET written-on-primary 1
echo "--- attach again"
redis-cli --no-raw -p $P2 REPLICAOF 127.0.0.1 $P1
sleep 6
redis-cli --no-raw -p $P2 ROLE
redis-cli --no-raw -p $P2 GET written-while-detached
redis-cli --no-raw -p $P2 GET written-on-primary
echo "--- replica log"
grep -E "MASTER MODE|secondary replication ID|REPLICAOF|Discarding|cached master|Full resync" replica.log
echo "--- primary log"
grep -E "mismatch|Full resync" primary.log
kill $rpid
sleep 0.5
kill $ppid
sleep 0.5
