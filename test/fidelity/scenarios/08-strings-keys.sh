# Strings and keys: SET and its options, GET/MGET/MSET, the INCR family, APPEND, STRLEN,
# GETDEL; DEL, EXISTS, TYPE, KEYS, SCAN, EXPIRE/TTL/PERSIST, RENAME, DBSIZE, SELECT (-n),
# RANDOMKEY, FLUSHDB, FLUSHALL; and expiry on the clock (SET PX, then sleep past it).
# (Replies that list several keys come from a hash table with a per-process random seed:
# those commands run where one key matches.)
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 SET greeting "hello world"
redis-cli --no-raw -p $P1 GET greeting
redis-cli --no-raw -p $P1 GET nosuchkey
redis-cli --no-raw -p $P1 SET greeting other NX
redis-cli --no-raw -p $P1 SET newkey v XX
redis-cli --no-raw -p $P1 SET greeting "hi" GET
redis-cli --no-raw -p $P1 SET fresh v NX GET
redis-cli --no-raw -p $P1 MSET a 1 b 2 c 3
redis-cli --no-raw -p $P1 MGET a b nosuch c
redis-cli --no-raw -p $P1 INCR a
redis-cli --no-raw -p $P1 INCR counter
redis-cli --no-raw -p $P1 DECR counter
redis-cli --no-raw -p $P1 DECR counter
redis-cli --no-raw -p $P1 INCRBY counter 100
redis-cli --no-raw -p $P1 DECRBY counter 1
redis-cli --no-raw -p $P1 INCRBYFLOAT counter 0.5
redis-cli --no-raw -p $P1 APPEND greeting " there"
redis-cli --no-raw -p $P1 APPEND newstr abc
redis-cli --no-raw -p $P1 STRLEN greeting
redis-cli --no-raw -p $P1 STRLEN nosuchkey
redis-cli --no-raw -p $P1 GETDEL b
redis-cli --no-raw -p $P1 GETDEL b
redis-cli --no-raw -p $P1 SET quoted 'say "hi"\n'
redis-cli --no-raw -p $P1 GET quoted
echo "--- keys"
redis-cli --no-raw -p $P1 EXISTS a b c nosuch a
redis-cli --no-raw -p $P1 TYPE a
redis-cli --no-raw -p $P1 TYPE nosuchkey
redis-cli --no-raw -p $P1 KEYS 'gree*'
redis-cli --no-raw -p $P1 KEYS 'nomatch*'
redis-cli --no-raw -p $P1 SCAN 0 MATCH 'gree*'
redis-cli --no-raw -p $P1 DBSIZE
redis-cli --no-raw -p $P1 DEL a c nosuch
redis-cli --no-raw -p $P1 RENAME greeting salutation
redis-cli --no-raw -p $P1 GET salutation
redis-cli --no-raw -p $P1 RENAME salutation salutation
echo "--- expiry"
redis-cli --no-raw -p $P1 TTL salutation
redis-cli --no-raw -p $P1 TTL nosuchkey
redis-cli --no-raw -p $P1 PTTL salutation
redis-cli --no-raw -p $P1 EXPIRE salutation 100
redis-cli --no-raw -p $P1 TTL salutation
redis-cli --no-raw -p $P1 EXPIRE salutation 100 NX
redis-cli --no-raw -p $P1 EXPIRE salutation 200 GT
redis-cli --no-raw -p $P1 TTL salutation
redis-cli --no-raw -p $P1 PERSIST salutation
redis-cli --no-raw -p $P1 PERSIST salutation
redis-cli --no-raw -p $P1 TTL salutation
redis-cli --no-raw -p $P1 EXPIRE nosuchkey 10
redis-cli --no-raw -p $P1 SET session abc EX 100
redis-cli --no-raw -p $P1 SET session def KEEPTTL
redis-cli --no-raw -p $P1 TTL session
redis-cli --no-raw -p $P1 SET session ghi
redis-cli --no-raw -p $P1 TTL session
redis-cli --no-raw -p $P1 SET short v PX 300
redis-cli --no-raw -p $P1 PEXPIRE counter 300
redis-cli --no-raw -p $P1 EXISTS short counter
sleep 0.6
redis-cli --no-raw -p $P1 GET short
redis-cli --no-raw -p $P1 EXISTS short counter
redis-cli --no-raw -p $P1 TTL short
redis-cli --no-raw -p $P1 EXPIRE session -1
redis-cli --no-raw -p $P1 GET session
echo "--- databases"
redis-cli --no-raw -p $P1 -n 3 SET indb3 v
redis-cli --no-raw -p $P1 -n 3 DBSIZE
redis-cli --no-raw -p $P1 -n 3 RANDOMKEY
redis-cli --no-raw -p $P1 -n 4 RANDOMKEY
redis-cli --no-raw -p $P1 GET indb3
redis-cli --no-raw -p $P1 SELECT 3
redis-cli --no-raw -p $P1 -n 3 FLUSHDB
redis-cli --no-raw -p $P1 -n 3 DBSIZE
redis-cli --no-raw -p $P1 DBSIZE
redis-cli --no-raw -p $P1 FLUSHALL
redis-cli --no-raw -p $P1 DBSIZE
kill $pid
sleep 0.5
