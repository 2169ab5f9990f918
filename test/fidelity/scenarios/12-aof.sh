# AOF persistence: appendonly yes creates the appendonlydir (base RDB, incr AOF, manifest); the
# incr file holds the commands as RESP; after kill -9 a restart replays it (writes reach the
# file before the reply, so a process crash loses nothing); CONFIG SET appendonly on a running
# server; BGREWRITEAOF. The log shows each step.
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
appendonly yes
appendfsync always
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
ls | cat
ls appendonlydir | cat
cat appendonlydir/appendonly.aof.manifest
redis-cli --no-raw -p $P1 SET a 1
redis-cli --no-raw -p $P1 INCR a
redis-cli --no-raw -p $P1 -n 1 RPUSH l x
redis-cli --no-raw -p $P1 SET e v EX 100
redis-cli --no-raw -p $P1 DEL nosuch
cat appendonlydir/appendonly.aof.1.incr.aof
echo "--- kill -9, restart"
# (on one line: bash reports the killed job with the line it is on when it notices)
kill -9 $pid; sleep 0.5
redis-server r.conf &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 GET a
redis-cli --no-raw -p $P1 -n 1 LRANGE l 0 -1
redis-cli --no-raw -p $P1 TTL e
redis-cli --no-raw -p $P1 INFO persistence | grep -E "aof_enabled|aof_rewrites|aof_last_write_status"
echo "--- BGREWRITEAOF"
redis-cli --no-raw -p $P1 BGREWRITEAOF
sleep 1
ls appendonlydir | cat
cat appendonlydir/appendonly.aof.manifest
redis-cli --no-raw -p $P1 SHUTDOWN
sleep 0.5
echo "--- appendonly switched on at runtime"
cat > r2.conf <<EOF
bind 127.0.0.1
port $P2
appendfilename "other.aof"
appenddirname "aofdir"
logfile "r2.log"
save ""
EOF
redis-server r2.conf &
pid2=$!
sleep 0.5
redis-cli --no-raw -p $P2 SET k v
redis-cli --no-raw -p $P2 CONFIG SET appendonly yes
sleep 1
ls aofdir | cat
redis-cli --no-raw -p $P2 INFO persistence | grep -E "aof_enabled|aof_rewrites:"
kill $pid2
sleep 0.5
cat r.log
cat r2.log
