# CONFIG SET and what it changes at run time: requirepass (new connections and the current one),
# maxmemory in its unit forms and a limit below the memory in use (OOM on writes), several
# parameters at once (all or nothing), appendonly switched on and off, dbfilename and save, and
# the log lines these changes write. loglevel verbose is tried while the keyspace is empty:
# with keys, serverCron adds a "DB 0: ..." line every 5 seconds, at a time that depends on timing.
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
echo "--- loglevel verbose"
redis-cli --no-raw -p $P1 CONFIG SET loglevel verbose
redis-cli --no-raw -p $P1 PING
redis-cli --no-raw -p $P1 CLIENT SETNAME verbose-client
redis-cli --no-raw -p $P1 CONFIG SET loglevel notice
echo "--- maxmemory forms"
redis-cli --no-raw -p $P1 CONFIG SET maxmemory 1gb
redis-cli --no-raw -p $P1 CONFIG GET maxmemory
redis-cli --no-raw -p $P1 CONFIG SET maxmemory 100MB
redis-cli --no-raw -p $P1 CONFIG GET maxmemory
redis-cli --no-raw -p $P1 CONFIG SET maxmemory 1k
redis-cli --no-raw -p $P1 CONFIG GET maxmemory
redis-cli --no-raw -p $P1 CONFIG SET maxmemory 1kb
redis-cli --no-raw -p $P1 CONFIG GET maxmemory
redis-cli --no-raw -p $P1 CONFIG SET maxmemory 2G
redis-cli --no-raw -p $P1 CONFIG GET maxmemory
redis-cli --no-raw -p $P1 INFO memory | grep -E "^maxmemory"
redis-cli --no-raw -p $P1 CONFIG SET maxmemory 12345
redis-cli --no-raw -p $P1 INFO memory | grep -E "^maxmemory"
redis-cli --no-raw -p $P1 CONFIG SET maxmemory 1.5gb
redis-cli --no-raw -p $P1 CONFIG SET maxmemory -1
redis-cli --no-raw -p $P1 CONFIG SET maxmemory 1tb
redis-cli --no-raw -p $P1 CONFIG SET maxmemory ""
redis-cli --no-raw -p $P1 CONFIG SET maxmemory 0
redis-cli --no-raw -p $P1 CONFIG GET maxmemory
echo "--- maxmemory below the memory in use"
redis-cli --no-raw -p $P1 SET k v
redis-cli --no-raw -p $P1 CONFIG SET maxmemory 1
redis-cli --no-raw -p $P1 SET k2 v
redis-cli --no-raw -p $P1 GET k
redis-cli --no-raw -p $P1 INCR counter
redis-cli --no-raw -p $P1 EXPIRE k 100
redis-cli --no-raw -p $P1 DEL k
redis-cli --no-raw -p $P1 <<EOF
MULTI
PING
DEL nosuch
EXEC
MULTI
DISCARD
EOF
redis-cli --no-raw -p $P1 INFO stats | grep -E "evicted_keys|total_error_replies"
redis-cli --no-raw -p $P1 INFO errorstats
redis-cli --no-raw -p $P1 INFO commandstats | grep -E "cmdstat_(set|incr|multi|ping|exec):"
redis-cli --no-raw -p $P1 CONFIG SET maxmemory 0
redis-cli --no-raw -p $P1 MSET a 1 b 2 c 3
redis-cli --no-raw -p $P1 SET v1 x EX 100
redis-cli --no-raw -p $P1 SET v2 x EX 200
echo "--- volatile-ttl: the volatile keys go, then OOM"
redis-cli --no-raw -p $P1 CONFIG SET maxmemory-policy volatile-ttl maxmemory 1
redis-cli --no-raw -p $P1 DBSIZE
redis-cli --no-raw -p $P1 SET d 4
redis-cli --no-raw -p $P1 INFO stats | grep evicted_keys
echo "--- allkeys-lru: every key goes"
redis-cli --no-raw -p $P1 CONFIG SET maxmemory-policy allkeys-lru
redis-cli --no-raw -p $P1 DBSIZE
redis-cli --no-raw -p $P1 DBSIZE
redis-cli --no-raw -p $P1 SET d 4
redis-cli --no-raw -p $P1 INFO stats | grep evicted_keys
redis-cli --no-raw -p $P1 CONFIG SET maxmemory-policy nosuch
redis-cli --no-raw -p $P1 CONFIG SET maxmemory 0 maxmemory-policy noeviction
redis-cli --no-raw -p $P1 SET k2 v
echo "--- several at once"
redis-cli --no-raw -p $P1 CONFIG SET hz 50 maxmemory nope
redis-cli --no-raw -p $P1 CONFIG GET hz
redis-cli --no-raw -p $P1 CONFIG SET hz 50 loglevel warning
redis-cli --no-raw -p $P1 CONFIG GET hz
redis-cli --no-raw -p $P1 CONFIG GET loglevel
redis-cli --no-raw -p $P1 CONFIG SET hz 600
redis-cli --no-raw -p $P1 CONFIG GET hz
redis-cli --no-raw -p $P1 CONFIG SET hz 0
redis-cli --no-raw -p $P1 CONFIG GET hz
redis-cli --no-raw -p $P1 CONFIG SET loglevel notice
redis-cli --no-raw -p $P1 CONFIG SET HZ 10
redis-cli --no-raw -p $P1 CONFIG SET save "100 x"
redis-cli --no-raw -p $P1 CONFIG SET save "3600 1 300 100 60 10000"
redis-cli --no-raw -p $P1 CONFIG GET save
redis-cli --no-raw -p $P1 CONFIG SET save ""
redis-cli --no-raw -p $P1 CONFIG GET save
redis-cli --no-raw -p $P1 CONFIG SET dbfilename other.rdb
redis-cli --no-raw -p $P1 SAVE
ls | cat
redis-cli --no-raw -p $P1 CONFIG SET dbfilename ../x.rdb
redis-cli --no-raw -p $P1 CONFIG SET dir /nonexistent
redis-cli --no-raw -p $P1 CONFIG SET bind 127.0.0.1
redis-cli --no-raw -p $P1 CONFIG SET logfile other.log
echo "--- appendonly on and off"
redis-cli --no-raw -p $P1 CONFIG SET appendonly yes
sleep 1
ls appendonlydir | cat
redis-cli --no-raw -p $P1 CONFIG SET appendonly yes
redis-cli --no-raw -p $P1 SET viaaof 1
redis-cli --no-raw -p $P1 CONFIG SET appendonly no
redis-cli --no-raw -p $P1 INFO persistence | grep aof_enabled
redis-cli --no-raw -p $P1 CONFIG SET appendfsync always
redis-cli --no-raw -p $P1 CONFIG SET appendfsync never
echo "--- requirepass at run time"
redis-cli --no-raw -p $P1 <<EOF
CONFIG SET requirepass s3cret
PING
AUTH s3cret
PING
EOF
redis-cli --no-raw -p $P1 PING
redis-cli --no-raw -p $P1 -a s3cret --no-auth-warning CONFIG GET requirepass
redis-cli --no-raw -p $P1 -a s3cret --no-auth-warning INFO errorstats
redis-cli --no-raw -p $P1 -a s3cret --no-auth-warning CONFIG SET requirepass ""
redis-cli --no-raw -p $P1 PING
kill $pid
sleep 0.5
cat r.log
