# Partial resynchronisation (README §2, ../shared/fidelity/01-replication/5-partial-resync):
# CLIENT KILL TYPE master on the replica drops its link; it reconnects at once and continues
# from the primary's backlog (+CONTINUE), as both logs and INFO stats show.
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
redis-cli --no-raw -p $P1 SET before-kill 1
redis-cli --no-raw -p $P1 INCR counter
sleep 0.2
redis-cli --no-raw -p $P2 CLIENT KILL TYPE master
sleep 0.5
redis-cli --no-raw -p $P2 INFO replication | grep -E "^(master_link_status|slave_repl_offset|master_repl_offset):"
redis-cli --no-raw -p $P2 GET before-kill
redis-cli --no-raw -p $P1 INFO stats | grep -E "^sync_(full|partial_ok|partial_err):"
redis-cli --no-raw -p $P1 SET after-kill 2
sleep 0.2
redis-cli --no-raw -p $P2 GET after-kill
echo "--- primary log"
grep -E "Replica|replica|resync|backlog" primary.log
echo "--- replica log"
grep -E "Partial|partial|master|MASTER" replica.log
kill $rpid
sleep 0.5
kill $ppid
sleep 0.5
