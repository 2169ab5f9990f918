# Edge cases a learner meets with counters and collections: INCR/DECR/INCRBY overflow and
# non-integers, INCRBYFLOAT's formatting (trailing zeros, exponents, huge and tiny values, inf);
# LPOS, LINSERT, LSET, LINDEX, LTRIM, LREM, negative LRANGE indexes; HINCRBY, HINCRBYFLOAT,
# HSETNX, HMGET, HSTRLEN; SPOP/SRANDMEMBER with a count, SINTER/SUNION/SDIFF and their STORE
# forms, SMOVE, SMISMEMBER. Sets hold integers (an intset: its replies are sorted).
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
echo "--- INCR family"
redis-cli --no-raw -p $P1 SET max 9223372036854775807
redis-cli --no-raw -p $P1 INCR max
redis-cli --no-raw -p $P1 INCRBY max 0
redis-cli --no-raw -p $P1 SET min -9223372036854775808
redis-cli --no-raw -p $P1 DECR min
redis-cli --no-raw -p $P1 DECRBY min -9223372036854775808
redis-cli --no-raw -p $P1 DECRBY x -9223372036854775808
redis-cli --no-raw -p $P1 DECRBY x 9223372036854775807
redis-cli --no-raw -p $P1 INCRBY y -9223372036854775808
redis-cli --no-raw -p $P1 INCRBY y 9223372036854775808
redis-cli --no-raw -p $P1 SET sp " 1"
redis-cli --no-raw -p $P1 INCR sp
redis-cli --no-raw -p $P1 SET plus +1
redis-cli --no-raw -p $P1 INCR plus
redis-cli --no-raw -p $P1 SET zero 00
redis-cli --no-raw -p $P1 INCR zero
redis-cli --no-raw -p $P1 SET neg -0
redis-cli --no-raw -p $P1 INCR neg
redis-cli --no-raw -p $P1 SET flt 1.0
redis-cli --no-raw -p $P1 INCR flt
redis-cli --no-raw -p $P1 RPUSH alist a
redis-cli --no-raw -p $P1 INCR alist
redis-cli --no-raw -p $P1 INCRBY c 10
redis-cli --no-raw -p $P1 GET c
redis-cli --no-raw -p $P1 INCRBY c abc
redis-cli --no-raw -p $P1 INCRBY c ""
echo "--- INCRBYFLOAT"
redis-cli --no-raw -p $P1 SET f 10.50
redis-cli --no-raw -p $P1 INCRBYFLOAT f 0.1
redis-cli --no-raw -p $P1 INCRBYFLOAT f -5
redis-cli --no-raw -p $P1 INCRBYFLOAT f 5.0e3
redis-cli --no-raw -p $P1 INCRBYFLOAT f 2.0e-2
redis-cli --no-raw -p $P1 INCRBYFLOAT f -5005.62
redis-cli --no-raw -p $P1 INCRBYFLOAT f 0
redis-cli --no-raw -p $P1 INCRBYFLOAT g 3
redis-cli --no-raw -p $P1 INCRBYFLOAT g 1e20
redis-cli --no-raw -p $P1 INCRBYFLOAT g 1e300
redis-cli --no-raw -p $P1 INCRBYFLOAT h 0.1
redis-cli --no-raw -p $P1 INCRBYFLOAT h 0.2
redis-cli --no-raw -p $P1 INCRBYFLOAT h 1e-20
redis-cli --no-raw -p $P1 INCRBYFLOAT i 1.7976931348623157e308
redis-cli --no-raw -p $P1 INCRBYFLOAT i 1.7976931348623157e308
redis-cli --no-raw -p $P1 INCRBYFLOAT i inf
redis-cli --no-raw -p $P1 INCRBYFLOAT i nan
redis-cli --no-raw -p $P1 INCRBYFLOAT i abc
redis-cli --no-raw -p $P1 INCRBYFLOAT i " 1"
redis-cli --no-raw -p $P1 INCRBYFLOAT i 0x10
redis-cli --no-raw -p $P1 INCRBYFLOAT alist 1
redis-cli --no-raw -p $P1 SET j 5
redis-cli --no-raw -p $P1 INCRBYFLOAT j 1
redis-cli --no-raw -p $P1 OBJECT ENCODING j
redis-cli --no-raw -p $P1 INCR j
redis-cli --no-raw -p $P1 SET k 1.5
redis-cli --no-raw -p $P1 INCRBYFLOAT k -1.5
redis-cli --no-raw -p $P1 INCRBYFLOAT k -0.0
redis-cli --no-raw -p $P1 SET k -0
redis-cli --no-raw -p $P1 INCRBYFLOAT k 0
echo "--- lists"
redis-cli --no-raw -p $P1 RPUSH l a b c a b c a
redis-cli --no-raw -p $P1 LRANGE l -3 -1
redis-cli --no-raw -p $P1 LRANGE l -100 1
redis-cli --no-raw -p $P1 LRANGE l 5 2
redis-cli --no-raw -p $P1 LRANGE l -1 -3
redis-cli --no-raw -p $P1 LINDEX l -1
redis-cli --no-raw -p $P1 LINDEX l 7
redis-cli --no-raw -p $P1 LPOS l a
redis-cli --no-raw -p $P1 LPOS l a RANK 2
redis-cli --no-raw -p $P1 LPOS l a RANK -1
redis-cli --no-raw -p $P1 LPOS l a COUNT 0
redis-cli --no-raw -p $P1 LPOS l a COUNT 2 RANK -1
redis-cli --no-raw -p $P1 LPOS l a COUNT 0 MAXLEN 4
redis-cli --no-raw -p $P1 LPOS l z
redis-cli --no-raw -p $P1 LPOS l z COUNT 1
redis-cli --no-raw -p $P1 LPOS l a RANK 0
redis-cli --no-raw -p $P1 LPOS l a COUNT -1
redis-cli --no-raw -p $P1 LPOS l a MAXLEN -1
redis-cli --no-raw -p $P1 LPOS nosuch a
redis-cli --no-raw -p $P1 LINSERT l BEFORE b x
redis-cli --no-raw -p $P1 LINSERT l after c y
redis-cli --no-raw -p $P1 LINSERT l BEFORE nosuch x
redis-cli --no-raw -p $P1 LINSERT nosuch BEFORE a x
redis-cli --no-raw -p $P1 LINSERT l MIDDLE a x
redis-cli --no-raw -p $P1 LRANGE l 0 -1
redis-cli --no-raw -p $P1 LSET l 0 first
redis-cli --no-raw -p $P1 LSET l -1 last
redis-cli --no-raw -p $P1 LSET l 100 x
redis-cli --no-raw -p $P1 LSET nosuch 0 x
redis-cli --no-raw -p $P1 LREM l 0 b
redis-cli --no-raw -p $P1 LREM l -1 c
redis-cli --no-raw -p $P1 LREM l 1 nosuch
redis-cli --no-raw -p $P1 LRANGE l 0 -1
redis-cli --no-raw -p $P1 LTRIM l 1 -2
redis-cli --no-raw -p $P1 LRANGE l 0 -1
redis-cli --no-raw -p $P1 LTRIM l 5 1
redis-cli --no-raw -p $P1 EXISTS l
redis-cli --no-raw -p $P1 LPUSHX l a
redis-cli --no-raw -p $P1 RPUSHX nosuch a
redis-cli --no-raw -p $P1 RPOP nosuch 2
redis-cli --no-raw -p $P1 LPOP nosuch
redis-cli --no-raw -p $P1 RPUSH l2 a
redis-cli --no-raw -p $P1 LPOP l2 0
redis-cli --no-raw -p $P1 RPOP l2 0
redis-cli --no-raw -p $P1 LLEN l2
echo "--- hashes"
redis-cli --no-raw -p $P1 HINCRBY h n 5
redis-cli --no-raw -p $P1 HINCRBY h n -10
redis-cli --no-raw -p $P1 HSET h big 9223372036854775807 s hello fl 1.5
redis-cli --no-raw -p $P1 HINCRBY h big 1
redis-cli --no-raw -p $P1 HINCRBY h s 1
redis-cli --no-raw -p $P1 HINCRBY h fl 1
redis-cli --no-raw -p $P1 HINCRBY h n 1.5
redis-cli --no-raw -p $P1 HINCRBYFLOAT h fl 0.25
redis-cli --no-raw -p $P1 HINCRBYFLOAT h fl 2.0e2
redis-cli --no-raw -p $P1 HINCRBYFLOAT h new 1e3
redis-cli --no-raw -p $P1 HINCRBYFLOAT h s 1
redis-cli --no-raw -p $P1 HINCRBYFLOAT h fl abc
redis-cli --no-raw -p $P1 HINCRBYFLOAT h fl inf
redis-cli --no-raw -p $P1 HSETNX h n 100
redis-cli --no-raw -p $P1 HSETNX h m 100
redis-cli --no-raw -p $P1 HMGET h n m nosuch s
redis-cli --no-raw -p $P1 HMGET nosuch a b
redis-cli --no-raw -p $P1 HSTRLEN h s
redis-cli --no-raw -p $P1 HSTRLEN h nosuch
redis-cli --no-raw -p $P1 HEXISTS h s
redis-cli --no-raw -p $P1 HEXISTS h nosuch
redis-cli --no-raw -p $P1 HKEYS h
redis-cli --no-raw -p $P1 HVALS h
redis-cli --no-raw -p $P1 HMSET h a 1 b 2
redis-cli --no-raw -p $P1 HLEN h
redis-cli --no-raw -p $P1 HGETALL h
redis-cli --no-raw -p $P1 HINCRBY alist f 1
echo "--- sets"
redis-cli --no-raw -p $P1 SADD s1 1 2 3 4 5
redis-cli --no-raw -p $P1 SADD s2 4 5 6 7
redis-cli --no-raw -p $P1 SADD s3 5 7 9
redis-cli --no-raw -p $P1 SINTER s1 s2
redis-cli --no-raw -p $P1 SINTER s1 s2 s3
redis-cli --no-raw -p $P1 SINTER s1 nosuch
redis-cli --no-raw -p $P1 SUNION s1 s2 s3
redis-cli --no-raw -p $P1 SDIFF s1 s2
redis-cli --no-raw -p $P1 SDIFF s1 s2 s3 nosuch
redis-cli --no-raw -p $P1 SINTERSTORE dst s1 s2
redis-cli --no-raw -p $P1 SMEMBERS dst
redis-cli --no-raw -p $P1 SINTERSTORE dst s1 nosuch
redis-cli --no-raw -p $P1 EXISTS dst
redis-cli --no-raw -p $P1 SUNIONSTORE dst s1 s3
redis-cli --no-raw -p $P1 SMEMBERS dst
redis-cli --no-raw -p $P1 SDIFFSTORE dst s1 s1
redis-cli --no-raw -p $P1 EXISTS dst
redis-cli --no-raw -p $P1 SET str v
redis-cli --no-raw -p $P1 SINTERSTORE str s1 s2
redis-cli --no-raw -p $P1 TYPE str
redis-cli --no-raw -p $P1 SINTER s1 alist
redis-cli --no-raw -p $P1 SINTER nosuch alist
redis-cli --no-raw -p $P1 SMOVE s1 s2 1
redis-cli --no-raw -p $P1 SMOVE s1 s2 1
redis-cli --no-raw -p $P1 SMOVE s1 s2 4
redis-cli --no-raw -p $P1 SMOVE s1 nosuch 2
redis-cli --no-raw -p $P1 SMOVE s1 alist 3
redis-cli --no-raw -p $P1 SMOVE s1 s1 3
redis-cli --no-raw -p $P1 SMOVE s1 s1 99
redis-cli --no-raw -p $P1 SMEMBERS s1
redis-cli --no-raw -p $P1 SMEMBERS s2
redis-cli --no-raw -p $P1 SMEMBERS nosuch
redis-cli --no-raw -p $P1 SMISMEMBER s2 1 2 4
redis-cli --no-raw -p $P1 SRANDMEMBER s3 10
redis-cli --no-raw -p $P1 SRANDMEMBER s3 0
redis-cli --no-raw -p $P1 SRANDMEMBER nosuch 2
redis-cli --no-raw -p $P1 SRANDMEMBER nosuch
redis-cli --no-raw -p $P1 SPOP s3 0
redis-cli --no-raw -p $P1 SPOP s3 10
redis-cli --no-raw -p $P1 EXISTS s3
redis-cli --no-raw -p $P1 SPOP s3
redis-cli --no-raw -p $P1 SPOP s3 2
redis-cli --no-raw -p $P1 SPOP s1 -1
redis-cli --no-raw -p $P1 SPOP s1 abc
redis-cli --no-raw -p $P1 SADD one 42
redis-cli --no-raw -p $P1 SPOP one
# (a negative count allows repeats, picked at random: only the count is deterministic)
redis-cli -p $P1 SRANDMEMBER s1 -3 | wc -l
kill $pid
sleep 0.5
