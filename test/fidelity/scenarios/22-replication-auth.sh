# A password-protected primary and replicas without the right masterauth (README §4,
# ../shared/fidelity/03-security): one without masterauth stays in `handshake` and loops
# (the lab tames the loop: only the first attempt's lines are compared), one with a wrong
# masterauth retries once a second with WRONGPASS; INFO link status and ROLE on both;
# CONFIG SET masterauth fixes it (a full sync: the diskless delay).
cat > primary.conf <<EOF
bind 127.0.0.1
port $P1
requirepass a_strong_password
logfile "primary.log"
dbfilename "primary.rdb"
EOF
cat > nopass.conf <<EOF
bind 127.0.0.1
port $P2
replicaof 127.0.0.1 $P1
logfile "nopass.log"
dbfilename "nopass.rdb"
EOF
cat > wrongpass.conf <<EOF
bind 127.0.0.1
port $P3
replicaof 127.0.0.1 $P1
masterauth wrong_password
logfile "wrongpass.log"
dbfilename "wrongpass.rdb"
EOF
redis-server primary.conf &
ppid=$!
sleep 0.5
redis-server nopass.conf &
npid=$!
redis-server wrongpass.conf &
wpid=$!
sleep 2.5
# The looping replica is caught either connecting or in the handshake (both occur in real
# runs): its state word is left out.
redis-cli --no-raw -p $P2 ROLE | head -n 3
# (master_sync_in_progress of the looping replica flips between 0 and 1 as well: left out)
redis-cli --no-raw -p $P2 INFO replication | grep -E "^(role|master_link_status|master_last_io_seconds_ago|master_link_down_since_seconds|slave_repl_offset):"
redis-cli --no-raw -p $P3 ROLE
redis-cli --no-raw -p $P3 INFO replication | grep -E "^(role|master_link_status|master_last_io_seconds_ago|master_sync_in_progress|master_link_down_since_seconds|slave_repl_offset):"
redis-cli --no-raw -p $P1 -a a_strong_password --no-auth-warning INFO replication | grep connected_slaves
echo "--- the first attempts of the replica without masterauth"
grep -v -E "starting|version=|Configuration loaded|monotonic|Running mode|Server initialized|Ready to accept|WARNING" nopass.log | head -n 11
echo "--- the replica with a wrong masterauth"
grep -c "Unable to AUTH to MASTER: -WRONGPASS invalid username-password pair or user is disabled." wrongpass.log
grep -v -E "starting|version=|Configuration loaded|monotonic|Running mode|Server initialized|Ready to accept|WARNING" wrongpass.log | head -n 5
echo "--- fixed at run time"
redis-cli --no-raw -p $P3 CONFIG SET masterauth a_strong_password
# the next retry (within a second), then the diskless delay (4-6 s on a whole-second clock)
sleep 8
redis-cli --no-raw -p $P3 ROLE
redis-cli --no-raw -p $P3 INFO replication | grep master_link_status
kill $npid
kill $wpid
sleep 0.5
kill $ppid
sleep 0.5
