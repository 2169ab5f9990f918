# Stopping a server: SHUTDOWN (saves when save points are set), SHUTDOWN NOSAVE, SHUTDOWN SAVE
# with no save points, SIGTERM (kill), what redis-cli prints, and the log lines of each.
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
EOF
redis-server r.conf &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 SET k v
echo "--- SHUTDOWN (default save points: saves)"
redis-cli --no-raw -p $P1 SHUTDOWN
sleep 0.5
ls | cat
redis-cli --no-raw -p $P1 PING
rm dump.rdb
redis-server r.conf &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 SET k v
echo "--- SHUTDOWN NOSAVE"
redis-cli --no-raw -p $P1 SHUTDOWN NOSAVE
sleep 0.5
ls | cat
redis-server r.conf --save "" &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 SET k v
echo "--- SHUTDOWN SAVE without save points"
redis-cli --no-raw -p $P1 SHUTDOWN SAVE
sleep 0.5
ls | cat
rm dump.rdb
redis-server r.conf --save "" &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 SET k v
echo "--- kill (SIGTERM) without save points"
kill $pid
sleep 0.5
ls | cat
redis-server r.conf &
pid=$!
sleep 0.5
echo "--- kill (SIGTERM) with save points"
kill $pid
sleep 0.5
ls | cat
grep -v "Redis is starting" r.log
