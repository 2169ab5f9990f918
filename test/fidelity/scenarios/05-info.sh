# INFO: the sections, their field names and order, and the values that are deterministic
# (the harness's INFO table says which values are compared). Default INFO, one section at a
# time, several sections at once, `all`, `everything`, and an unknown section.
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 SET k v
redis-cli --no-raw -p $P1 SET t v EX 100
redis-cli --no-raw -p $P1 RPUSH l a b
redis-cli --no-raw -p $P1 GET nosuchkey
redis-cli --no-raw -p $P1 GET k
redis-cli --no-raw -p $P1 GET l
redis-cli --no-raw -p $P1 -n 2 SET other v
echo "--- INFO"
redis-cli --no-raw -p $P1 INFO
echo "--- INFO server"
redis-cli --no-raw -p $P1 INFO server
echo "--- INFO clients"
redis-cli --no-raw -p $P1 INFO clients
echo "--- INFO memory"
redis-cli --no-raw -p $P1 INFO memory
echo "--- INFO persistence"
redis-cli --no-raw -p $P1 INFO persistence
echo "--- INFO stats"
redis-cli --no-raw -p $P1 INFO stats
echo "--- INFO replication"
redis-cli --no-raw -p $P1 INFO replication
echo "--- INFO cpu"
redis-cli --no-raw -p $P1 INFO cpu
echo "--- INFO keyspace"
redis-cli --no-raw -p $P1 INFO keyspace
echo "--- INFO commandstats"
redis-cli --no-raw -p $P1 INFO commandstats
echo "--- INFO errorstats"
redis-cli --no-raw -p $P1 INFO errorstats
echo "--- INFO Server CLIENTS"
redis-cli --no-raw -p $P1 INFO Server CLIENTS
echo "--- INFO all"
redis-cli --no-raw -p $P1 INFO all
echo "--- INFO everything"
redis-cli --no-raw -p $P1 INFO everything
echo "--- INFO nosuchsection"
redis-cli --no-raw -p $P1 INFO nosuchsection
echo "--- INFO piped (raw)"
redis-cli -p $P1 INFO replication | grep role
redis-cli -p $P1 INFO keyspace | grep -c db
kill $pid
sleep 0.5
