# OBJECT ENCODING of every type the lab has, on both sides of each threshold (integers, the
# 44-byte embstr limit, listpack entry and value limits for lists and hashes, intset limits for
# sets), set by CONFIG SET and at the defaults; conversions are one-way. Then SCAN with MATCH,
# COUNT and TYPE on a small keyspace: the order of keys is a hash-table order (random seed), so
# replies are counted with grep -c or match one key. (OBJECT IDLETIME and a cursor past the
# table are left out: they depend on the clock and on the hash seed.)
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
echo "--- strings"
redis-cli --no-raw -p $P1 SET n 12345
redis-cli --no-raw -p $P1 OBJECT ENCODING n
redis-cli --no-raw -p $P1 SET n -9223372036854775808
redis-cli --no-raw -p $P1 OBJECT ENCODING n
redis-cli --no-raw -p $P1 SET n 9223372036854775808
redis-cli --no-raw -p $P1 OBJECT ENCODING n
redis-cli --no-raw -p $P1 SET n 007
redis-cli --no-raw -p $P1 OBJECT ENCODING n
redis-cli --no-raw -p $P1 SET n 1.5
redis-cli --no-raw -p $P1 OBJECT ENCODING n
redis-cli --no-raw -p $P1 SET s44 12345678901234567890123456789012345678901234
redis-cli --no-raw -p $P1 OBJECT ENCODING s44
redis-cli --no-raw -p $P1 SET s45 123456789012345678901234567890123456789012345
redis-cli --no-raw -p $P1 OBJECT ENCODING s45
redis-cli --no-raw -p $P1 SET e ""
redis-cli --no-raw -p $P1 OBJECT ENCODING e
redis-cli --no-raw -p $P1 APPEND a x
redis-cli --no-raw -p $P1 OBJECT ENCODING a
redis-cli --no-raw -p $P1 INCR counter
redis-cli --no-raw -p $P1 OBJECT ENCODING counter
redis-cli --no-raw -p $P1 INCRBYFLOAT f 1.5
redis-cli --no-raw -p $P1 OBJECT ENCODING f
redis-cli --no-raw -p $P1 SETRANGE r 0 abc
redis-cli --no-raw -p $P1 OBJECT ENCODING r
redis-cli --no-raw -p $P1 APPEND n 1
redis-cli --no-raw -p $P1 OBJECT ENCODING n
echo "--- lists"
redis-cli --no-raw -p $P1 RPUSH l 1 2 3
redis-cli --no-raw -p $P1 OBJECT ENCODING l
redis-cli --no-raw -p $P1 CONFIG SET list-max-listpack-size 4
redis-cli --no-raw -p $P1 RPUSH l 4
redis-cli --no-raw -p $P1 OBJECT ENCODING l
redis-cli --no-raw -p $P1 RPUSH l 5
redis-cli --no-raw -p $P1 OBJECT ENCODING l
redis-cli --no-raw -p $P1 RPOP l 4
redis-cli --no-raw -p $P1 OBJECT ENCODING l
redis-cli --no-raw -p $P1 CONFIG GET list-max-listpack-size
redis-cli --no-raw -p $P1 CONFIG GET list-max-ziplist-size
redis-cli --no-raw -p $P1 CONFIG SET list-max-listpack-size -2
redis-cli --no-raw -p $P1 RPUSH l2 1234567890123456789012345678901234567890123456789012345678901234
redis-cli --no-raw -p $P1 OBJECT ENCODING l2
echo "--- hashes"
redis-cli --no-raw -p $P1 HSET h f1 v1 f2 v2
redis-cli --no-raw -p $P1 OBJECT ENCODING h
redis-cli --no-raw -p $P1 CONFIG SET hash-max-listpack-entries 3
redis-cli --no-raw -p $P1 HSET h f3 v3
redis-cli --no-raw -p $P1 OBJECT ENCODING h
redis-cli --no-raw -p $P1 HSET h f4 v4
redis-cli --no-raw -p $P1 OBJECT ENCODING h
redis-cli --no-raw -p $P1 HDEL h f1 f2 f3
redis-cli --no-raw -p $P1 OBJECT ENCODING h
redis-cli --no-raw -p $P1 CONFIG GET hash-max-ziplist-entries
redis-cli --no-raw -p $P1 HSET h2 f 1234567890123456789012345678901234567890123456789012345678901234
redis-cli --no-raw -p $P1 OBJECT ENCODING h2
redis-cli --no-raw -p $P1 HSET h3 f 12345678901234567890123456789012345678901234567890123456789012345
redis-cli --no-raw -p $P1 OBJECT ENCODING h3
redis-cli --no-raw -p $P1 CONFIG SET hash-max-listpack-value 4
redis-cli --no-raw -p $P1 HSET h4 abcd 1
redis-cli --no-raw -p $P1 OBJECT ENCODING h4
redis-cli --no-raw -p $P1 HSET h4 abcde 1
redis-cli --no-raw -p $P1 OBJECT ENCODING h4
redis-cli --no-raw -p $P1 HSET h5 f 1
redis-cli --no-raw -p $P1 HINCRBYFLOAT h5 f 0.123456
redis-cli --no-raw -p $P1 OBJECT ENCODING h5
echo "--- sets"
redis-cli --no-raw -p $P1 SADD si 1 2 3
redis-cli --no-raw -p $P1 OBJECT ENCODING si
redis-cli --no-raw -p $P1 SADD si -9223372036854775808
redis-cli --no-raw -p $P1 OBJECT ENCODING si
redis-cli --no-raw -p $P1 SADD si 9223372036854775808
redis-cli --no-raw -p $P1 OBJECT ENCODING si
redis-cli --no-raw -p $P1 SADD ss a
redis-cli --no-raw -p $P1 OBJECT ENCODING ss
redis-cli --no-raw -p $P1 CONFIG SET set-max-intset-entries 3
redis-cli --no-raw -p $P1 SADD si2 1 2 3
redis-cli --no-raw -p $P1 OBJECT ENCODING si2
redis-cli --no-raw -p $P1 SADD si2 4
redis-cli --no-raw -p $P1 OBJECT ENCODING si2
redis-cli --no-raw -p $P1 SREM si2 1 2 3
redis-cli --no-raw -p $P1 OBJECT ENCODING si2
redis-cli --no-raw -p $P1 SADD si3 01
redis-cli --no-raw -p $P1 OBJECT ENCODING si3
redis-cli --no-raw -p $P1 SADD si4 1 2 3 4 5
redis-cli --no-raw -p $P1 OBJECT ENCODING si4
redis-cli --no-raw -p $P1 SINTERSTORE dst si4 si4
redis-cli --no-raw -p $P1 OBJECT ENCODING dst
redis-cli --no-raw -p $P1 CONFIG SET set-max-intset-entries 512
redis-cli --no-raw -p $P1 SUNIONSTORE dst2 si2 si3
redis-cli --no-raw -p $P1 OBJECT ENCODING dst2
echo "--- OBJECT"
redis-cli --no-raw -p $P1 OBJECT ENCODING
redis-cli --no-raw -p $P1 OBJECT encoding n extra
redis-cli --no-raw -p $P1 OBJECT REFCOUNT n
redis-cli --no-raw -p $P1 SET small 100
redis-cli --no-raw -p $P1 OBJECT REFCOUNT small
redis-cli --no-raw -p $P1 OBJECT FREQ n
redis-cli --no-raw -p $P1 OBJECT NOSUCH n
redis-cli --no-raw -p $P1 OBJECT REFCOUNT nosuch
redis-cli --no-raw -p $P1 FLUSHALL
echo "--- SCAN"
redis-cli --no-raw -p $P1 MSET user:1 a user:2 b user:3 c other x
redis-cli --no-raw -p $P1 RPUSH user:list a
redis-cli --no-raw -p $P1 HSET user:hash f v
redis-cli --no-raw -p $P1 SADD user:set 1
redis-cli --no-raw -p $P1 SCAN 0 | head -n 1
redis-cli -p $P1 SCAN 0 | grep -c user
redis-cli -p $P1 SCAN 0 COUNT 100 | grep -c :
redis-cli -p $P1 SCAN 0 MATCH 'user:?' | grep -c user
redis-cli -p $P1 SCAN 0 MATCH 'user:[12]' | grep -c user
redis-cli -p $P1 SCAN 0 MATCH 'user:[^12]*' | grep -c user
redis-cli -p $P1 SCAN 0 MATCH 'user:\*' | grep -c user
redis-cli --no-raw -p $P1 SCAN 0 TYPE list
redis-cli --no-raw -p $P1 SCAN 0 TYPE hash
redis-cli --no-raw -p $P1 SCAN 0 TYPE set MATCH 'user*'
redis-cli --no-raw -p $P1 SCAN 0 TYPE set MATCH 'other*'
redis-cli --no-raw -p $P1 SCAN 0 TYPE string MATCH 'oth*'
redis-cli -p $P1 SCAN 0 type STRING | grep -c :
redis-cli --no-raw -p $P1 SCAN 0 TYPE nosuchtype
redis-cli --no-raw -p $P1 SCAN 0 MATCH 'nomatch*' COUNT 1000
redis-cli --no-raw -p $P1 SCAN 0 COUNT -1
redis-cli --no-raw -p $P1 SCAN 0 COUNT abc
redis-cli --no-raw -p $P1 SCAN 0 MATCH
redis-cli --no-raw -p $P1 SCAN 18446744073709551616
redis-cli --no-raw -p $P1 -n 1 SCAN 0
kill $pid
sleep 0.5
