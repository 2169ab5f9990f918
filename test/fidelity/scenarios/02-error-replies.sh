# Error replies, byte for byte: every text of the reference (fidelity README §5 and
# 04-errors/1-error-replies.txt), then more argument errors of the commands in issue 2.
# Each reply follows a "# COMMAND" line so that a diff names the command.
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 RPUSH mylist a b c
redis-cli --no-raw -p $P1 SET greeting hello
echo "# FOO"
redis-cli --no-raw -p $P1 FOO
echo "# FOO bar baz"
redis-cli --no-raw -p $P1 FOO bar baz
echo "# foo bar"
redis-cli --no-raw -p $P1 foo bar
echo "# GET"
redis-cli --no-raw -p $P1 GET
echo "# GET a b"
redis-cli --no-raw -p $P1 GET a b
echo "# SET onlykey"
redis-cli --no-raw -p $P1 SET onlykey
echo "# GET mylist"
redis-cli --no-raw -p $P1 GET mylist
echo "# LPUSH greeting x"
redis-cli --no-raw -p $P1 LPUSH greeting x
echo "# SET k v XX NX"
redis-cli --no-raw -p $P1 SET k v XX NX
echo "# SET k v EX"
redis-cli --no-raw -p $P1 SET k v EX
echo "# SET k v EX -1"
redis-cli --no-raw -p $P1 SET k v EX -1
echo "# SET k v EX abc"
redis-cli --no-raw -p $P1 SET k v EX abc
echo "# INCR greeting"
redis-cli --no-raw -p $P1 INCR greeting
echo "# INCRBY counter 1.5"
redis-cli --no-raw -p $P1 INCRBY counter 1.5
echo "# EXPIRE greeting abc"
redis-cli --no-raw -p $P1 EXPIRE greeting abc
echo "# SELECT 99"
redis-cli --no-raw -p $P1 SELECT 99
echo "# SELECT abc"
redis-cli --no-raw -p $P1 SELECT abc
echo "# EXEC"
redis-cli --no-raw -p $P1 EXEC
echo "# DISCARD"
redis-cli --no-raw -p $P1 DISCARD
echo "# CLIENT FOO"
redis-cli --no-raw -p $P1 CLIENT FOO
echo "# CLIENT KILL 1.2.3.4:5"
redis-cli --no-raw -p $P1 CLIENT KILL 1.2.3.4:5
echo "# CONFIG SET nosuchparam 1"
redis-cli --no-raw -p $P1 CONFIG SET nosuchparam 1
echo "# CONFIG SET maxmemory abc"
redis-cli --no-raw -p $P1 CONFIG SET maxmemory abc
echo "# CONFIG SET appendonly maybe"
redis-cli --no-raw -p $P1 CONFIG SET appendonly maybe
echo "# CONFIG SET enable-debug-command yes"
redis-cli --no-raw -p $P1 CONFIG SET enable-debug-command yes
echo "# CONFIG GET nosuchparam"
redis-cli --no-raw -p $P1 CONFIG GET nosuchparam
echo "# OBJECT ENCODING nosuchkey"
redis-cli --no-raw -p $P1 OBJECT ENCODING nosuchkey
echo "# SENTINEL masters"
redis-cli --no-raw -p $P1 SENTINEL masters
echo "# LINDEX mylist notanumber"
redis-cli --no-raw -p $P1 LINDEX mylist notanumber
echo "# HSET h f"
redis-cli --no-raw -p $P1 HSET h f
echo "# XADD s '*' onlyfield"
redis-cli --no-raw -p $P1 XADD s '*' onlyfield
echo "# DEBUG SLEEP 0 (enable-debug-command no)"
redis-cli --no-raw -p $P1 DEBUG SLEEP 0
echo "# WAIT / WAIT 1 / WAIT a 0 / WAIT 1 a / WAIT 1 1.5 / WAIT 1 -1"
redis-cli --no-raw -p $P1 WAIT
redis-cli --no-raw -p $P1 WAIT 1
redis-cli --no-raw -p $P1 WAIT a 0
redis-cli --no-raw -p $P1 WAIT 1 a
redis-cli --no-raw -p $P1 WAIT 1 1.5
redis-cli --no-raw -p $P1 WAIT 1 -1
echo "# more argument errors"
redis-cli --no-raw -p $P1 SET k v PX 0
redis-cli --no-raw -p $P1 SET k v EX 10 PX 10
redis-cli --no-raw -p $P1 SET k v KEEPTTL EX 10
redis-cli --no-raw -p $P1 SET k v GET NX
redis-cli --no-raw -p $P1 SET k v EXAT abc
redis-cli --no-raw -p $P1 SET big 9223372036854775807
redis-cli --no-raw -p $P1 INCR big
redis-cli --no-raw -p $P1 DECRBY big -1
redis-cli --no-raw -p $P1 INCRBY greeting 1
redis-cli --no-raw -p $P1 APPEND mylist x
redis-cli --no-raw -p $P1 MSET a
redis-cli --no-raw -p $P1 MSET a 1 b
redis-cli --no-raw -p $P1 MGET
redis-cli --no-raw -p $P1 GETDEL mylist
redis-cli --no-raw -p $P1 RENAME nosuchkey other
redis-cli --no-raw -p $P1 EXPIRE greeting 10 NX XX
redis-cli --no-raw -p $P1 EXPIRE greeting 10 FOO
redis-cli --no-raw -p $P1 PEXPIRE greeting 1.5
redis-cli --no-raw -p $P1 SCAN abc
redis-cli --no-raw -p $P1 SCAN 0 COUNT 0
redis-cli --no-raw -p $P1 SCAN 0 FOO
redis-cli --no-raw -p $P1 FLUSHALL FOO
redis-cli --no-raw -p $P1 FLUSHDB SYNC extra
redis-cli --no-raw -p $P1 LPOP mylist -1
redis-cli --no-raw -p $P1 LPOP mylist abc
redis-cli --no-raw -p $P1 LRANGE mylist a 1
redis-cli --no-raw -p $P1 LPUSH mylist
redis-cli --no-raw -p $P1 HSET h f v extra
redis-cli --no-raw -p $P1 HGET greeting f
redis-cli --no-raw -p $P1 SADD greeting x
redis-cli --no-raw -p $P1 SISMEMBER mylist a
redis-cli --no-raw -p $P1 PING a b
redis-cli --no-raw -p $P1 ECHO
redis-cli --no-raw -p $P1 CLIENT
redis-cli --no-raw -p $P1 CLIENT SETNAME "a b"
redis-cli --no-raw -p $P1 CLIENT KILL ID abc
redis-cli --no-raw -p $P1 CLIENT KILL ID 999
redis-cli --no-raw -p $P1 CONFIG
redis-cli --no-raw -p $P1 CONFIG GET
redis-cli --no-raw -p $P1 CONFIG FOO
redis-cli --no-raw -p $P1 CONFIG SET port
redis-cli --no-raw -p $P1 CONFIG SET maxmemory 1mb maxmemory 2mb
redis-cli --no-raw -p $P1 INFO a b c
redis-cli --no-raw -p $P1 SHUTDOWN FOO
redis-cli --no-raw -p $P1 SHUTDOWN ABORT
redis-cli --no-raw -p $P1 COMMAND FOO
redis-cli --no-raw -p $P1 PUBLISH ch
redis-cli --no-raw -p $P1 SUBSCRIBE
redis-cli --no-raw -p $P1 MULTI extra
kill $pid
sleep 0.5
