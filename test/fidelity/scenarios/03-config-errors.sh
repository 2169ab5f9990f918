# Invalid configuration: the FATAL CONFIG FILE ERROR block (printed before any logging, exit 1)
# for bad config files and bad command-line options, a missing config file, and a port that is
# already taken (fidelity README §5, 04-errors/2-invalid-config-files.txt).
cat > unknown-directive.conf <<EOF
port $P2
foo bar
EOF
redis-server unknown-directive.conf
echo "exit $?"
cat > bad-port.conf <<EOF
port abc
EOF
redis-server bad-port.conf
echo "exit $?"
cat > port-out-of-range.conf <<EOF
port 70000
EOF
redis-server port-out-of-range.conf
echo "exit $?"
cat > replicaof-missing-port.conf <<EOF
port $P2
replicaof 127.0.0.1
EOF
redis-server replicaof-missing-port.conf
echo "exit $?"
cat > bad-yesno.conf <<EOF
port $P2
appendonly maybe
EOF
redis-server bad-yesno.conf
echo "exit $?"
cat > requirepass-no-value.conf <<EOF
port $P2
requirepass
EOF
redis-server requirepass-no-value.conf
echo "exit $?"
cat > unbalanced-quotes.conf <<EOF
port $P2
requirepass "abc
EOF
redis-server unbalanced-quotes.conf
echo "exit $?"
cat > quote-then-text.conf <<EOF
# comments and blank lines count in the line number

port $P2
logfile "r.log"x
EOF
redis-server quote-then-text.conf
echo "exit $?"
cat > sentinel-directive.conf <<EOF
port $P2
sentinel monitor myprimary 127.0.0.1 $P1 2
EOF
redis-server sentinel-directive.conf
echo "exit $?"
cat > bad-enum.conf <<EOF
port $P2
appendfsync sometimes
EOF
redis-server bad-enum.conf
echo "exit $?"
cat > bad-memory.conf <<EOF
port $P2
maxmemory 10zz
EOF
redis-server bad-memory.conf
echo "exit $?"
cat > dbfilename-path.conf <<EOF
port $P2
dbfilename data/dump.rdb
EOF
redis-server dbfilename-path.conf
echo "exit $?"
cat > bad-save.conf <<EOF
port $P2
save 60
EOF
redis-server bad-save.conf
echo "exit $?"
cat > bad-loglevel.conf <<EOF
port $P2
loglevel loud
EOF
redis-server bad-loglevel.conf
echo "exit $?"
echo "--- missing config file"
redis-server does-not-exist.conf
echo "exit $?"
redis-server ./does-not-exist.conf
echo "exit $?"
echo "--- command-line options"
redis-server --port abc
echo "exit $?"
redis-server --nosuchoption 1
echo "exit $?"
redis-server bad-port.conf --port $P2
echo "exit $?"
cat > good.conf <<EOF
bind 127.0.0.1
port $P2
EOF
redis-server good.conf --appendonly maybe
echo "exit $?"
redis-server good.conf --replicaof "127.0.0.1"
echo "exit $?"
echo "--- port already in use"
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
cat > dup.conf <<EOF
bind 127.0.0.1
port $P1
EOF
redis-server dup.conf
echo "exit $?"
kill $pid
sleep 0.5
