# redis-cli beyond one-shot commands, and WATCH with another client's write in between:
# HELP in batch mode (a here-document), -r/-i repeats, a repeat count typed before a command,
# --raw and --no-raw for nested replies, a refused connection in batch mode; MULTI/EXEC/WATCH
# where the watcher waits (WAIT blocks it, not the server) while a second client writes.
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
echo "--- HELP in batch mode"
redis-cli --no-raw -p $P1 <<EOF
HELP
HELP SET
HELP @hash
HELP nosuchcommand
help get
EOF
echo "--- repeats"
redis-cli --no-raw -p $P1 -r 3 INCR counter
redis-cli -p $P1 -r 2 -i 0.1 INCR counter
redis-cli --no-raw -p $P1 -r 0 INCR counter
redis-cli --no-raw -p $P1 <<EOF
3 INCR counter
0 INCR counter
GET counter
EOF
echo "--- nested replies"
redis-cli --no-raw -p $P1 RPUSH l a "b c" ""
redis-cli --no-raw -p $P1 <<EOF
MULTI
LRANGE l 0 -1
GET counter
PING
GET nosuch
LRANGE nosuch 0 -1
INCR l
EXEC
EOF
redis-cli --raw -p $P1 <<EOF
MULTI
LRANGE l 0 -1
GET counter
GET nosuch
INCR l
EXEC
EOF
redis-cli --no-raw -p $P1 PUBSUB NUMSUB a b
redis-cli --raw -p $P1 PUBSUB NUMSUB a b
redis-cli --no-raw -p $P1 SCAN 0 MATCH 'l'
redis-cli --raw -p $P1 SCAN 0 MATCH 'l'
redis-cli --no-raw -p $P1 COMMAND INFO get
redis-cli --raw -p $P1 COMMAND INFO get
redis-cli --no-raw -p $P1 COMMAND GETKEYS SET k v
redis-cli --no-raw -p $P1 CONFIG GET port
redis-cli --raw -p $P1 CONFIG GET port
echo "--- WATCH: another client writes in between"
redis-cli --no-raw -p $P1 SET balance 100
redis-cli --no-raw -p $P1 > watcher.out <<EOF &
WATCH balance
GET balance
WAIT 1 1000
MULTI
SET balance 90
EXEC
GET balance
EOF
watcher=$!
sleep 0.5
redis-cli --no-raw -p $P1 SET balance 50
wait $watcher
cat watcher.out
echo "--- WATCH: nobody writes"
redis-cli --no-raw -p $P1 <<EOF
WATCH balance
GET balance
MULTI
DECRBY balance 10
EXEC
UNWATCH
WATCH nosuch
SET nosuch now
MULTI
GET nosuch
EXEC
WATCH balance
MULTI
WATCH balance
DISCARD
EOF
echo "--- batch mode without a server"
redis-cli --no-raw -p $P2 <<EOF
PING
EOF
echo "exit $?"
kill $pid
sleep 0.5
