# WAIT and a read-only replica (README §2 "Reads / writes on the replica", §3 WAIT): reads on
# the replica, READONLY for every kind of write, WAIT with a healthy replica, with more
# replicas than exist (the count at the timeout), WAIT 0 0, inside MULTI, on a replica, and
# the argument errors in Redis's order. Follows ../shared/fidelity/02-wait.
cat > primary.conf <<EOF
bind 127.0.0.1
port $P1
logfile "primary.log"
dbfilename "primary.rdb"
EOF
cat > replica.conf <<EOF
bind 127.0.0.1
port $P2
replicaof 127.0.0.1 $P1
logfile "replica.log"
dbfilename "replica.rdb"
EOF
redis-server primary.conf &
ppid=$!
redis-server replica.conf &
rpid=$!
sleep 6
redis-cli --no-raw -p $P1 SET greeting hello
redis-cli --no-raw -p $P1 RPUSH mylist a b c
redis-cli --no-raw -p $P1 WAIT 1 0
redis-cli --no-raw -p $P2 GET greeting
redis-cli --no-raw -p $P2 LRANGE mylist 0 -1
redis-cli --no-raw -p $P2 DBSIZE
redis-cli --no-raw -p $P2 GET no-such-key
echo "--- writes on the replica"
redis-cli --no-raw -p $P2 SET foo bar
redis-cli --no-raw -p $P2 DEL greeting
redis-cli --no-raw -p $P2 INCR counter
redis-cli --no-raw -p $P2 FLUSHALL
redis-cli --no-raw -p $P2 EXPIRE greeting 100
echo "--- WAIT"
redis-cli --no-raw -p $P1 WAIT 2 250
redis-cli --no-raw -p $P1 WAIT 0 0
redis-cli --no-raw -p $P1 WAIT -1 0
redis-cli --no-raw -p $P2 WAIT 1 0
redis-cli --no-raw -p $P1 WAIT
redis-cli --no-raw -p $P1 WAIT 1
redis-cli --no-raw -p $P1 WAIT 1 0 extra
redis-cli --no-raw -p $P1 WAIT a 0
redis-cli --no-raw -p $P1 WAIT 1 a
redis-cli --no-raw -p $P1 WAIT 1 1.5
redis-cli --no-raw -p $P1 WAIT 1 -1
redis-cli --no-raw -p $P1 WAIT a -1
echo "--- WAIT inside MULTI does not block"
# The replica answers GETACK with the offset before that GETACK (WAIT 2 250 sent one), so
# only its next once-a-second ACK covers everything: wait for it.
sleep 1.1
redis-cli --no-raw -p $P1 <<EOF
MULTI
SET k v
WAIT 5 0
EXEC
EOF
kill $rpid
sleep 0.5
kill $ppid
sleep 0.5
