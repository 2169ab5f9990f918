# Keys across databases and the clients of a server: RENAME/RENAMENX (TTL kept), COPY with DB and
# REPLACE, MOVE, SELECT inside a batch and redis-cli -n; CLIENT SETNAME/GETNAME, CLIENT LIST
# with ID and TYPE, CLIENT KILL by ID, TYPE, USER, LADDR and ADDR with SKIPME, and what a killed
# subscriber prints. Client ids count connections, so they are deterministic here.
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
echo "--- RENAME / RENAMENX"
redis-cli --no-raw -p $P1 SET a 1 EX 100
redis-cli --no-raw -p $P1 RENAME a b
redis-cli --no-raw -p $P1 TTL b
redis-cli --no-raw -p $P1 SET c 3
redis-cli --no-raw -p $P1 RENAMENX b c
redis-cli --no-raw -p $P1 RENAMENX b d
redis-cli --no-raw -p $P1 RENAMENX nosuch e
redis-cli --no-raw -p $P1 RENAME d c
redis-cli --no-raw -p $P1 GET c
redis-cli --no-raw -p $P1 TTL c
redis-cli --no-raw -p $P1 RENAMENX c c
echo "--- COPY"
redis-cli --no-raw -p $P1 RPUSH list x y
redis-cli --no-raw -p $P1 COPY list list2
redis-cli --no-raw -p $P1 COPY list list2
redis-cli --no-raw -p $P1 COPY list list2 REPLACE
redis-cli --no-raw -p $P1 COPY list list DB 0
redis-cli --no-raw -p $P1 COPY list list DB 1
redis-cli --no-raw -p $P1 -n 1 LRANGE list 0 -1
redis-cli --no-raw -p $P1 EXPIRE c 100
redis-cli --no-raw -p $P1 COPY c c2 DB 2
redis-cli --no-raw -p $P1 -n 2 TTL c2
redis-cli --no-raw -p $P1 COPY nosuch x
redis-cli --no-raw -p $P1 COPY list x DB 16
redis-cli --no-raw -p $P1 COPY list x DB abc
redis-cli --no-raw -p $P1 COPY list x FOO
redis-cli --no-raw -p $P1 COPY list x REPLACE REPLACE
echo "--- MOVE"
redis-cli --no-raw -p $P1 MOVE list2 3
redis-cli --no-raw -p $P1 EXISTS list2
redis-cli --no-raw -p $P1 -n 3 LRANGE list2 0 -1
redis-cli --no-raw -p $P1 MOVE list 1
redis-cli --no-raw -p $P1 MOVE nosuch 1
redis-cli --no-raw -p $P1 MOVE list 0
redis-cli --no-raw -p $P1 MOVE list 16
redis-cli --no-raw -p $P1 MOVE list abc
redis-cli --no-raw -p $P1 MOVE list -1
echo "--- SELECT in one connection"
redis-cli --no-raw -p $P1 <<EOF
SELECT 5
SET five 5
DBSIZE
SELECT 15
DBSIZE
SELECT 16
SELECT -1
GET five
SELECT 5
GET five
EOF
redis-cli --no-raw -p $P1 -n 5 GET five
redis-cli --no-raw -p $P1 -n 16 PING
redis-cli --no-raw -p $P1 -n abc PING
redis-cli --no-raw -p $P1 INFO keyspace
echo "--- CLIENT"
redis-cli --no-raw -p $P1 CLIENT GETNAME
redis-cli --no-raw -p $P1 CLIENT SETNAME ""
redis-cli --no-raw -p $P1 CLIENT SETNAME "a
b"
redis-cli --no-raw -p $P1 CLIENT SETNAME é
redis-cli --no-raw -p $P1 <<EOF
CLIENT SETNAME worker-1
CLIENT GETNAME
CLIENT INFO
CLIENT SETNAME ""
CLIENT GETNAME
CLIENT ID
CLIENT LIST ID 1 2 1000000
CLIENT LIST TYPE normal
CLIENT LIST TYPE pubsub
CLIENT LIST TYPE replica
CLIENT LIST TYPE master
CLIENT LIST TYPE nosuch
CLIENT LIST ID abc
CLIENT LIST ID 0
CLIENT LIST FOO
CLIENT NO-EVICT on
CLIENT NO-EVICT maybe
CLIENT REPLY maybe
EOF
# (one at a time: started together, they would connect in a random order)
redis-cli --no-raw -p $P1 SUBSCRIBE ch > sub1.out 2>&1 &
sub1=$!
sleep 0.2
redis-cli --no-raw -p $P1 SUBSCRIBE ch > sub2.out 2>&1 &
sub2=$!
sleep 0.2
redis-cli --no-raw -p $P1 PSUBSCRIBE 'c*' > sub3.out 2>&1 &
sub3=$!
sleep 0.3
redis-cli --no-raw -p $P1 CLIENT LIST TYPE pubsub
redis-cli -p $P1 CLIENT LIST | grep -c cmd=
redis-cli --no-raw -p $P1 PUBLISH ch hello
# (client ids: the subscribers are 48, 49 and 50; the third CLIENT KILL below is client 56 itself)
redis-cli --no-raw -p $P1 CLIENT KILL ID 48
redis-cli --no-raw -p $P1 CLIENT KILL ID 48
redis-cli --no-raw -p $P1 CLIENT KILL ID 56 SKIPME no
redis-cli --no-raw -p $P1 CLIENT KILL TYPE pubsub SKIPME maybe
redis-cli --no-raw -p $P1 CLIENT KILL TYPE nosuch
redis-cli --no-raw -p $P1 CLIENT KILL USER nosuch
redis-cli --no-raw -p $P1 CLIENT KILL ADDR 127.0.0.1:1
redis-cli --no-raw -p $P1 CLIENT KILL 127.0.0.1:1
redis-cli --no-raw -p $P1 CLIENT KILL FOO bar
redis-cli --no-raw -p $P1 CLIENT KILL ID
sleep 0.2
wait $sub1
echo "sub1 exit $?"
echo "--- subscribers left"
redis-cli --no-raw -p $P1 PUBSUB NUMSUB ch
redis-cli --no-raw -p $P1 PUBLISH ch again
redis-cli --no-raw -p $P1 CLIENT KILL TYPE pubsub
sleep 0.5
wait $sub2
echo "sub2 exit $?"
wait $sub3
echo "sub3 exit $?"
redis-cli --no-raw -p $P1 PUBSUB NUMSUB ch
redis-cli --no-raw -p $P1 PUBSUB NUMPAT
echo "--- killed subscribers"
cat sub1.out
cat sub2.out
cat sub3.out
echo "--- LADDR / USER / SKIPME"
redis-cli --no-raw -p $P1 CLIENT KILL LADDR 127.0.0.1:$P1
redis-cli --no-raw -p $P1 CLIENT KILL LADDR 127.0.0.1:$P1 SKIPME no
redis-cli --no-raw -p $P1 CLIENT KILL USER default SKIPME yes
redis-cli --no-raw -p $P1 INFO stats | grep total_connections_received
kill $pid
sleep 0.5
