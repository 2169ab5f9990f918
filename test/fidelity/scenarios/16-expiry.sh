# Expiry in all its forms: SET with EX/PX/EXAT/PXAT/KEEPTTL/GET, SETEX/PSETEX/GETEX, EXPIRE and
# PEXPIRE with NX/XX/GT/LT, EXPIREAT/PEXPIREAT in the past and the future, EXPIRETIME and
# PEXPIRETIME, TTL/PTTL on missing keys and keys without a TTL, PERSIST, and keys seen to expire
# after `sleep`. Fixed absolute times (4102444800 is 2100-01-01) keep the replies deterministic;
# TTLs are read right after being set, far from a rounding boundary.
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
echo "--- no TTL / no key"
redis-cli --no-raw -p $P1 SET plain v
redis-cli --no-raw -p $P1 TTL plain
redis-cli --no-raw -p $P1 PTTL plain
redis-cli --no-raw -p $P1 TTL nosuch
redis-cli --no-raw -p $P1 PTTL nosuch
redis-cli --no-raw -p $P1 EXPIRETIME plain
redis-cli --no-raw -p $P1 EXPIRETIME nosuch
redis-cli --no-raw -p $P1 PEXPIRETIME nosuch
redis-cli --no-raw -p $P1 PERSIST plain
redis-cli --no-raw -p $P1 PERSIST nosuch
echo "--- SET options"
redis-cli --no-raw -p $P1 SET a v EX 100
redis-cli --no-raw -p $P1 TTL a
redis-cli --no-raw -p $P1 SET b v PX 100000
redis-cli --no-raw -p $P1 TTL b
redis-cli --no-raw -p $P1 SET c v EXAT 4102444800
redis-cli --no-raw -p $P1 EXPIRETIME c
redis-cli --no-raw -p $P1 PEXPIRETIME c
redis-cli --no-raw -p $P1 SET d v PXAT 4102444800123
redis-cli --no-raw -p $P1 PEXPIRETIME d
redis-cli --no-raw -p $P1 EXPIRETIME d
redis-cli --no-raw -p $P1 SET c w KEEPTTL
redis-cli --no-raw -p $P1 EXPIRETIME c
redis-cli --no-raw -p $P1 SET c x KEEPTTL GET
redis-cli --no-raw -p $P1 SET c y GET
redis-cli --no-raw -p $P1 EXPIRETIME c
redis-cli --no-raw -p $P1 SET c z EX 100 GET
redis-cli --no-raw -p $P1 SET past v EXAT 1000000000
redis-cli --no-raw -p $P1 EXISTS past
redis-cli --no-raw -p $P1 SET past v PXAT 1
redis-cli --no-raw -p $P1 GET past
redis-cli --no-raw -p $P1 SET big v EX 9223372036854775807
redis-cli --no-raw -p $P1 SET big v PX 9223372036854775807
redis-cli --no-raw -p $P1 SET big v EXAT 0
redis-cli --no-raw -p $P1 SET big v ex 100 nx
redis-cli --no-raw -p $P1 TTL big
redis-cli --no-raw -p $P1 SET big v2 XX KEEPTTL
redis-cli --no-raw -p $P1 TTL big
echo "--- SETEX / PSETEX / GETEX"
redis-cli --no-raw -p $P1 SETEX s 100 v
redis-cli --no-raw -p $P1 TTL s
redis-cli --no-raw -p $P1 SETEX s 0 v
redis-cli --no-raw -p $P1 SETEX s -5 v
redis-cli --no-raw -p $P1 SETEX s abc v
redis-cli --no-raw -p $P1 PSETEX s 100000 v
redis-cli --no-raw -p $P1 TTL s
redis-cli --no-raw -p $P1 GETEX s PERSIST
redis-cli --no-raw -p $P1 TTL s
redis-cli --no-raw -p $P1 GETEX s EX 50
redis-cli --no-raw -p $P1 TTL s
redis-cli --no-raw -p $P1 GETEX s EXAT 4102444800
redis-cli --no-raw -p $P1 EXPIRETIME s
redis-cli --no-raw -p $P1 GETEX s
redis-cli --no-raw -p $P1 GETEX nosuch EX 10
redis-cli --no-raw -p $P1 GETEX s EX 10 PX 10
redis-cli --no-raw -p $P1 GETEX s KEEPTTL
redis-cli --no-raw -p $P1 GETEX s EX 0
redis-cli --no-raw -p $P1 GETEX s PXAT 1
redis-cli --no-raw -p $P1 EXISTS s
echo "--- EXPIRE NX / XX / GT / LT"
redis-cli --no-raw -p $P1 SET e v
redis-cli --no-raw -p $P1 EXPIRE e 100 XX
redis-cli --no-raw -p $P1 EXPIRE e 100 GT
redis-cli --no-raw -p $P1 EXPIRE e 100 LT
redis-cli --no-raw -p $P1 TTL e
redis-cli --no-raw -p $P1 EXPIRE e 200 NX
redis-cli --no-raw -p $P1 EXPIRE e 200 XX
redis-cli --no-raw -p $P1 TTL e
redis-cli --no-raw -p $P1 EXPIRE e 150 GT
redis-cli --no-raw -p $P1 EXPIRE e 300 GT
redis-cli --no-raw -p $P1 TTL e
redis-cli --no-raw -p $P1 EXPIRE e 400 LT
redis-cli --no-raw -p $P1 EXPIRE e 120 LT
redis-cli --no-raw -p $P1 TTL e
redis-cli --no-raw -p $P1 EXPIRE e 100 XX GT
redis-cli --no-raw -p $P1 EXPIRE e 100 GT LT
redis-cli --no-raw -p $P1 EXPIRE e 100 NX GT
redis-cli --no-raw -p $P1 PEXPIRE e 90000 lt
redis-cli --no-raw -p $P1 TTL e
redis-cli --no-raw -p $P1 EXPIRE e 9223372036854775807
redis-cli --no-raw -p $P1 PEXPIRE e 9223372036854775807
redis-cli --no-raw -p $P1 EXPIRE e -9223372036854775808
redis-cli --no-raw -p $P1 EXPIREAT e 4102444800
redis-cli --no-raw -p $P1 EXPIRETIME e
redis-cli --no-raw -p $P1 PEXPIREAT e 4102444800999
redis-cli --no-raw -p $P1 EXPIRETIME e
redis-cli --no-raw -p $P1 PEXPIRETIME e
redis-cli --no-raw -p $P1 EXPIREAT e 4102444900 LT
redis-cli --no-raw -p $P1 EXPIREAT e 100
redis-cli --no-raw -p $P1 EXISTS e
redis-cli --no-raw -p $P1 EXPIREAT nosuch 100
redis-cli --no-raw -p $P1 SET e v
redis-cli --no-raw -p $P1 EXPIRE e 0
redis-cli --no-raw -p $P1 EXISTS e
redis-cli --no-raw -p $P1 SET e v
redis-cli --no-raw -p $P1 PEXPIRE e -1
redis-cli --no-raw -p $P1 GET e
echo "--- expiry on the clock"
# (every read is at least a quarter second away from an expiry or a TTL rounding boundary,
# on a machine that may be slow: reads after a sleep check existence, not TTLs)
redis-cli --no-raw -p $P1 SET soon v PX 400
redis-cli --no-raw -p $P1 SET later v EX 100
redis-cli --no-raw -p $P1 RPUSH list a b
redis-cli --no-raw -p $P1 PEXPIRE list 400
redis-cli --no-raw -p $P1 HSET hash f v
redis-cli --no-raw -p $P1 EXPIRE hash 2
redis-cli --no-raw -p $P1 DBSIZE
sleep 0.75
redis-cli --no-raw -p $P1 GET soon
redis-cli --no-raw -p $P1 LRANGE list 0 -1
redis-cli --no-raw -p $P1 TTL soon
redis-cli --no-raw -p $P1 EXISTS later hash
redis-cli --no-raw -p $P1 TTL later
sleep 1.5
redis-cli --no-raw -p $P1 HGETALL hash
redis-cli --no-raw -p $P1 TYPE hash
redis-cli --no-raw -p $P1 PERSIST later
redis-cli --no-raw -p $P1 TTL later
redis-cli --no-raw -p $P1 INFO keyspace
kill $pid
sleep 0.5
