# INFO after a known workload: the counters a learner can predict (keyspace hits and misses,
# commands processed, connections, errors by type, per-command calls with rejected and failed
# calls, input bytes, keyspace per database), then CONFIG RESETSTAT and the same sections again.
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 SET a 1
redis-cli --no-raw -p $P1 SET b 2 EX 1000
redis-cli --no-raw -p $P1 GET a
redis-cli --no-raw -p $P1 GET a
redis-cli --no-raw -p $P1 GET nosuch
redis-cli --no-raw -p $P1 MGET a b nosuch
redis-cli --no-raw -p $P1 EXISTS a nosuch
redis-cli --no-raw -p $P1 TYPE a
redis-cli --no-raw -p $P1 TTL nosuch
redis-cli --no-raw -p $P1 INCR a
redis-cli --no-raw -p $P1 INCR nosuch2
redis-cli --no-raw -p $P1 RPUSH l x
redis-cli --no-raw -p $P1 LRANGE l 0 -1
redis-cli --no-raw -p $P1 HSET h f v
redis-cli --no-raw -p $P1 HGET h f
redis-cli --no-raw -p $P1 HGET h nosuch
redis-cli --no-raw -p $P1 SADD s 1
redis-cli --no-raw -p $P1 SISMEMBER s 1
redis-cli --no-raw -p $P1 GET l
redis-cli --no-raw -p $P1 INCR l
redis-cli --no-raw -p $P1 NOSUCHCOMMAND
redis-cli --no-raw -p $P1 GET
redis-cli --no-raw -p $P1 SET a 1 NX XX
redis-cli --no-raw -p $P1 CONFIG SET nosuch 1
redis-cli --no-raw -p $P1 -n 3 SET x y
redis-cli --no-raw -p $P1 -n 3 DEL x
redis-cli --no-raw -p $P1 -n 4 SET x y
redis-cli --no-raw -p $P1 DEL nosuch
redis-cli --no-raw -p $P1 <<EOF
MULTI
SET m 1
GET m
EXEC
MULTI
NOSUCH
EXEC
EOF
redis-cli --no-raw -p $P1 PUBLISH ch x
redis-cli --no-raw -p $P1 DBSIZE
redis-cli --no-raw -p $P1 PING
echo "--- INFO stats"
redis-cli --no-raw -p $P1 INFO stats
echo "--- INFO commandstats"
redis-cli --no-raw -p $P1 INFO commandstats
echo "--- INFO errorstats"
redis-cli --no-raw -p $P1 INFO errorstats
echo "--- INFO keyspace"
redis-cli --no-raw -p $P1 INFO keyspace
echo "--- INFO clients"
redis-cli --no-raw -p $P1 INFO clients
echo "--- CONFIG RESETSTAT"
redis-cli --no-raw -p $P1 CONFIG RESETSTAT
redis-cli --no-raw -p $P1 GET a
redis-cli --no-raw -p $P1 GET nosuch
redis-cli --no-raw -p $P1 INFO stats
redis-cli --no-raw -p $P1 INFO commandstats
redis-cli --no-raw -p $P1 INFO errorstats
redis-cli --no-raw -p $P1 INFO persistence | grep -E "rdb_changes|rdb_saves"
echo "--- FLUSHALL"
redis-cli --no-raw -p $P1 FLUSHALL
redis-cli --no-raw -p $P1 INFO keyspace
redis-cli --no-raw -p $P1 INFO persistence | grep -E "rdb_changes|rdb_saves"
kill $pid
sleep 0.5
