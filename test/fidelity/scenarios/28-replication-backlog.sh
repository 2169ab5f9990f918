# The backlog's shape (README §2 "backlog too small"; replication.c feedReplicationBuffer and
# incrementalTrimReplicationBacklog): Redis 7 keeps the stream in blocks of at least 16 KiB
# (jemalloc's usable size) and frees only whole blocks while the rest still exceeds
# repl-backlog-size, so repl_backlog_histlen may pass the setting; shrinking it trims at once.
cat > primary.conf <<EOF
bind 127.0.0.1
port $P1
repl-backlog-size 16kb
repl-diskless-sync-delay 0
logfile "primary.log"
save ""
EOF
cat > replica.conf <<EOF
bind 127.0.0.1
port $P2
replicaof 127.0.0.1 $P1
logfile "replica.log"
save ""
EOF
redis-server primary.conf &
redis-server replica.conf &
sleep 1
V=value-of-a-key-that-is-long-enough-to-fill-the-replication-backlog-with-a-few-hundred-commands-rather-than-thousands-0123456789
redis-cli --no-raw -p $P1 INFO replication | grep -E "^(repl_backlog_size|repl_backlog_first_byte_offset|repl_backlog_histlen):"
redis-cli -p $P1 -r 100 INCR c > /dev/null
sleep 0.2
redis-cli --no-raw -p $P1 INFO replication | grep -E "^(master_repl_offset|repl_backlog_first_byte_offset|repl_backlog_histlen):"
redis-cli -p $P1 -r 150 SET k $V > /dev/null
sleep 0.2
redis-cli --no-raw -p $P1 INFO replication | grep -E "^(master_repl_offset|repl_backlog_first_byte_offset|repl_backlog_histlen):"
redis-cli -p $P1 -r 400 SET k $V > /dev/null
sleep 0.2
redis-cli --no-raw -p $P1 INFO replication | grep -E "^(master_repl_offset|repl_backlog_first_byte_offset|repl_backlog_histlen):"
redis-cli --no-raw -p $P1 CONFIG SET repl-backlog-size 1mb
redis-cli -p $P1 -r 3000 SET k $V > /dev/null
sleep 0.2
redis-cli --no-raw -p $P1 INFO replication | grep -E "^(master_repl_offset|repl_backlog_first_byte_offset|repl_backlog_histlen):"
redis-cli --no-raw -p $P1 CONFIG SET repl-backlog-size 16kb
redis-cli --no-raw -p $P1 INFO replication | grep -E "^(master_repl_offset|repl_backlog_first_byte_offset|repl_backlog_histlen):"
redis-cli --no-raw -p $P2 SHUTDOWN NOSAVE
redis-cli --no-raw -p $P1 SHUTDOWN NOSAVE
sleep 0.5
