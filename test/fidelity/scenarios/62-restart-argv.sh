# Servers started from the command line and restarted: `redis-server --port N --save ""` and
# other argv forms (no config file), a server without a logfile whose log goes to a redirected
# file, BGSAVE then restart (DBSIZE, DEBUG DIGEST equal before and after, DEBUG RELOAD),
# SHUTDOWN with and without save points, a maxmemory under 1 MB at startup.
redis-server --port $P1 --bind 127.0.0.1 --save "" --enable-debug-command yes > out.log 2>&1 &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 CONFIG GET save
redis-cli --no-raw -p $P1 CONFIG GET logfile
redis-cli --no-raw -p $P1 MSET a 1 b 2 c 3
redis-cli --no-raw -p $P1 RPUSH l x y z
redis-cli --no-raw -p $P1 HSET h f v
redis-cli --no-raw -p $P1 SADD s 1 2 3
redis-cli --no-raw -p $P1 SET e v EX 1000
redis-cli --no-raw -p $P1 DEBUG DIGEST-VALUE a l h s
redis-cli --no-raw -p $P1 DEBUG DIGEST-VALUE nosuch
redis-cli -p $P1 DEBUG DIGEST > digest1.txt
redis-cli --no-raw -p $P1 DEBUG RELOAD
redis-cli -p $P1 DEBUG DIGEST > digest2.txt
cat digest1.txt digest2.txt | grep -c .
redis-cli --no-raw -p $P1 DBSIZE
redis-cli --no-raw -p $P1 DEBUG SLEEP 0
redis-cli --no-raw -p $P1 DEBUG JMAP
redis-cli --no-raw -p $P1 BGSAVE
sleep 0.5
redis-cli --no-raw -p $P1 INFO persistence | grep -E "rdb_bgsave_in_progress|rdb_last_bgsave_status|rdb_changes_since_last_save"
ls | cat
echo "--- SHUTDOWN without save points (no final save)"
redis-cli --no-raw -p $P1 SET after-bgsave 1
redis-cli --no-raw -p $P1 SHUTDOWN
sleep 0.5
cat out.log
echo "--- restart: the BGSAVE snapshot"
redis-server --port $P1 --bind 127.0.0.1 --enable-debug-command yes --logfile r.log &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 DBSIZE
redis-cli --no-raw -p $P1 GET after-bgsave
# (the TTL survived the restart: its exact value depends on how long the restart took)
redis-cli -p $P1 TTL e | grep -c "^99[0-9]$"
redis-cli -p $P1 DEBUG DIGEST > digest3.txt
cat digest1.txt digest3.txt | grep -c .
redis-cli --no-raw -p $P1 CONFIG GET save
redis-cli --no-raw -p $P1 INFO persistence | grep -E "rdb_last_load_keys|rdb_changes_since_last_save"
redis-cli --no-raw -p $P1 DEL a
echo "--- SHUTDOWN with the default save points (final save)"
redis-cli --no-raw -p $P1 SHUTDOWN
sleep 0.5
redis-server --port $P1 --bind 127.0.0.1 --logfile r.log --maxmemory 100000 --save "" &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 EXISTS a b
redis-cli --no-raw -p $P1 CONFIG GET maxmemory
redis-cli --no-raw -p $P1 SET new v
redis-cli --no-raw -p $P1 SHUTDOWN NOSAVE
sleep 0.5
echo "--- other argv forms"
redis-server --port $P1 --bind 127.0.0.1 --logfile r2.log --save 60 1 --appendonly yes --databases 4 &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 CONFIG GET save
redis-cli --no-raw -p $P1 CONFIG GET databases
redis-cli --no-raw -p $P1 SELECT 4
redis-cli --no-raw -p $P1 INFO server | grep -E "config_file|tcp_port"
kill $pid
sleep 0.5
redis-server --port
echo "exit $?"
ls | cat
cat r.log
cat r2.log
