# The "Done when" example of issue 2: a password, AOF on, a logfile; a refused write without
# the password, an accepted one with it, one INFO field, and the startup log.
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
requirepass s3cret
appendonly yes
logfile "r.log"
EOF
redis-server r.conf &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 SET k v
redis-cli --no-raw -p $P1 -a s3cret --no-auth-warning SET k v
redis-cli --no-raw -p $P1 -a s3cret --no-auth-warning INFO persistence | grep aof_enabled
grep -c "Ready to accept connections" r.log
kill $pid
sleep 0.5
cat r.log
