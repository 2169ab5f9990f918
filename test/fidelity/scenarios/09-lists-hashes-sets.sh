# Lists, hashes and sets: the commands of issue 2 and their replies. Small hashes keep insertion
# order and sets of integers are sorted in Redis 7.0, so those replies are deterministic; sets of
# strings are checked with SISMEMBER/SCARD (their SMEMBERS order is a random hash-table order).
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
echo "--- lists"
redis-cli --no-raw -p $P1 RPUSH list a b c
redis-cli --no-raw -p $P1 LPUSH list z y
redis-cli --no-raw -p $P1 LRANGE list 0 -1
redis-cli --no-raw -p $P1 LRANGE list 1 2
redis-cli --no-raw -p $P1 LRANGE list 10 20
redis-cli --no-raw -p $P1 LRANGE nosuch 0 -1
redis-cli --no-raw -p $P1 LLEN list
redis-cli --no-raw -p $P1 LLEN nosuch
redis-cli --no-raw -p $P1 LPOP list
redis-cli --no-raw -p $P1 RPOP list
redis-cli --no-raw -p $P1 LPOP list 2
redis-cli --no-raw -p $P1 RPOP list 5
redis-cli --no-raw -p $P1 LPOP list
redis-cli --no-raw -p $P1 LPOP list 2
redis-cli --no-raw -p $P1 EXISTS list
redis-cli --no-raw -p $P1 RPUSH numbers 1 2 3 4 5 6 7 8 9 10 11 12
redis-cli --no-raw -p $P1 LRANGE numbers 0 -1
redis-cli --no-raw -p $P1 TYPE numbers
echo "--- hashes"
redis-cli --no-raw -p $P1 HSET user:1 name Ada lang en
redis-cli --no-raw -p $P1 HSET user:1 name "Ada L." year 1815
redis-cli --no-raw -p $P1 HGET user:1 name
redis-cli --no-raw -p $P1 HGET user:1 nosuch
redis-cli --no-raw -p $P1 HGET nosuch f
redis-cli --no-raw -p $P1 HGETALL user:1
redis-cli --no-raw -p $P1 HGETALL nosuch
redis-cli --no-raw -p $P1 HLEN user:1
redis-cli --no-raw -p $P1 HDEL user:1 lang nosuch
redis-cli --no-raw -p $P1 HGETALL user:1
redis-cli --no-raw -p $P1 HDEL user:1 name year
redis-cli --no-raw -p $P1 EXISTS user:1
redis-cli --no-raw -p $P1 TYPE user:1
echo "--- sets"
redis-cli --no-raw -p $P1 SADD nums 3 1 2
redis-cli --no-raw -p $P1 SADD nums 2 4
redis-cli --no-raw -p $P1 SMEMBERS nums
redis-cli --no-raw -p $P1 SCARD nums
redis-cli --no-raw -p $P1 SISMEMBER nums 4
redis-cli --no-raw -p $P1 SISMEMBER nums 9
redis-cli --no-raw -p $P1 SREM nums 1 9
redis-cli --no-raw -p $P1 SMEMBERS nums
redis-cli --no-raw -p $P1 SADD tags redis ha redis
redis-cli --no-raw -p $P1 SCARD tags
redis-cli --no-raw -p $P1 SISMEMBER tags ha
redis-cli --no-raw -p $P1 SREM tags ha
redis-cli --no-raw -p $P1 SMEMBERS tags
redis-cli --no-raw -p $P1 SMEMBERS nosuch
redis-cli --no-raw -p $P1 TYPE tags
redis-cli --no-raw -p $P1 SREM tags redis
redis-cli --no-raw -p $P1 TYPE tags
kill $pid
sleep 0.5
