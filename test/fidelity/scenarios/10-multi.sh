# Transactions, on one connection (redis-cli reading commands from a heredoc): MULTI/EXEC with
# QUEUED replies, DISCARD, a runtime error inside EXEC, EXECABORT after a queuing error, nested
# MULTI, and EXEC/DISCARD without MULTI.
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 <<EOF
MULTI
SET a 1
INCR a
GET a
EXEC
MULTI
SET b 2
DISCARD
GET b
MULTI
SET s hello
INCR s
GET s
EXEC
MULTI
SET c 3
NOSUCHCOMMAND
GET
MULTI
EXEC
GET c
EXEC
DISCARD
MULTI
EXEC
EOF
kill $pid
sleep 0.5
