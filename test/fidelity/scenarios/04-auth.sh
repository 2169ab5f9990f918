# Client authentication (fidelity README §4, 03-security/4-client-auth.txt): NOAUTH without a
# password, WRONGPASS, AUTH replies, redis-cli's -a warning (on stderr) and its "AUTH failed"
# line, --no-auth-warning, REDISCLI_AUTH, --user, and AUTH on a server without a password.
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
requirepass s3cret
logfile "r.log"
save ""
EOF
cat > open.conf <<EOF
bind 127.0.0.1
port $P2
logfile "open.log"
save ""
EOF
redis-server r.conf &
pid=$!
redis-server open.conf &
pid2=$!
sleep 0.5
echo "--- no password"
redis-cli --no-raw -p $P1 PING
redis-cli --no-raw -p $P1 GET foo
redis-cli --no-raw -p $P1 SET foo bar
redis-cli --no-raw -p $P1 FOO
redis-cli --no-raw -p $P1 GET
echo "--- wrong password"
redis-cli --no-raw -p $P1 -a wrong_password PING
redis-cli --no-raw -p $P1 -a wrong_password --no-auth-warning PING
echo "--- right password"
redis-cli --no-raw -p $P1 -a s3cret PING
redis-cli --no-raw -p $P1 -a s3cret --no-auth-warning PING
REDISCLI_AUTH=s3cret redis-cli --no-raw -p $P1 PING
redis-cli --no-raw -p $P1 --user default -a s3cret --no-auth-warning PING
redis-cli --no-raw -p $P1 --user nobody -a s3cret --no-auth-warning PING
echo "--- AUTH replies"
redis-cli --no-raw -p $P1 AUTH wrong_password
redis-cli --no-raw -p $P1 AUTH s3cret
redis-cli --no-raw -p $P1 AUTH default s3cret
redis-cli --no-raw -p $P1 AUTH nosuchuser s3cret
redis-cli --no-raw -p $P1 AUTH
redis-cli --no-raw -p $P1 AUTH a b c
echo "--- CONFIG GET requirepass"
redis-cli --no-raw -p $P1 -a s3cret --no-auth-warning CONFIG GET requirepass
echo "--- a server without a password"
redis-cli --no-raw -p $P2 AUTH something
redis-cli --no-raw -p $P2 -a something PING
redis-cli --no-raw -p $P2 CONFIG GET requirepass
echo "--- requirepass set at runtime"
redis-cli --no-raw -p $P2 CONFIG SET requirepass newpass
redis-cli --no-raw -p $P2 PING
redis-cli --no-raw -p $P2 -a newpass --no-auth-warning PING
redis-cli --no-raw -p $P2 -a newpass --no-auth-warning CONFIG SET requirepass ""
redis-cli --no-raw -p $P2 PING
kill $pid
kill $pid2
sleep 0.5
