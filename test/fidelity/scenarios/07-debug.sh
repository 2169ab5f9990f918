# DEBUG gating by enable-debug-command (fidelity README §5, 04-errors/3-debug-sleep.txt): `no`
# (the 7.0 default) refuses every DEBUG subcommand; `yes` and `local` (from 127.0.0.1) allow
# them. Then DEBUG SLEEP, POPULATE, DIGEST, and SEGFAULT (the server dies from the signal).
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 CONFIG GET enable-debug-command
redis-cli --no-raw -p $P1 DEBUG SLEEP 0
redis-cli --no-raw -p $P1 DEBUG HELP
redis-cli --no-raw -p $P1 DEBUG NOSUCH
redis-cli --no-raw -p $P1 DEBUG
kill $pid
sleep 0.5
echo "--- enable-debug-command local"
redis-server r.conf --enable-debug-command local &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 CONFIG GET enable-debug-command
redis-cli --no-raw -p $P1 DEBUG SLEEP 0
kill $pid
sleep 0.5
echo "--- enable-debug-command yes"
cat >> r.conf <<EOF
enable-debug-command yes
EOF
redis-server r.conf &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 CONFIG GET enable-debug-command
redis-cli --no-raw -p $P1 DEBUG SLEEP 0
redis-cli --no-raw -p $P1 DEBUG SLEEP 0.2
redis-cli --no-raw -p $P1 DEBUG DIGEST
redis-cli --no-raw -p $P1 DEBUG POPULATE 3
redis-cli --no-raw -p $P1 DBSIZE
redis-cli --no-raw -p $P1 GET key:1
redis-cli --no-raw -p $P1 DEBUG POPULATE 2 item 5
redis-cli --no-raw -p $P1 GET item:0
redis-cli --no-raw -p $P1 DEBUG DIGEST
redis-cli --no-raw -p $P1 DEBUG DIGEST-VALUE key:0 item:1
redis-cli --no-raw -p $P1 DEBUG POPULATE abc
redis-cli --no-raw -p $P1 DEBUG SLEEP abc
echo "--- DEBUG SEGFAULT"
# (on one line: bash reports the dead job with the line it is on when it notices)
redis-cli --no-raw -p $P1 DEBUG SEGFAULT; sleep 0.5
redis-cli --no-raw -p $P1 PING
grep -c "REDIS BUG REPORT START" r.log
grep "crashed by signal" r.log
