# redis-cli's output formats (fidelity README §1, 08-interactive-cli/one-shot-vs-tty.txt): the
# human format (--no-raw, what a terminal shows) against raw (--raw, or any pipe) for every
# reply type; index alignment from 10 items; nested arrays; CLIENT LIST; connection refused;
# -n, -h.
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 SET greeting "hello world"
redis-cli --no-raw -p $P1 SET quoted 'tab	quote" backslash\ end'
redis-cli --no-raw -p $P1 RPUSH mylist a b c
redis-cli --no-raw -p $P1 HSET myhash field1 v1 field2 v2
redis-cli --no-raw -p $P1 RPUSH long 1 2 3 4 5 6 7 8 9 10
echo "--- status"
redis-cli --no-raw -p $P1 PING
redis-cli --raw -p $P1 PING
redis-cli -p $P1 PING | cat
echo "--- bulk"
redis-cli --no-raw -p $P1 GET greeting
redis-cli --raw -p $P1 GET greeting
redis-cli -p $P1 GET greeting | cat
redis-cli --no-raw -p $P1 GET quoted
redis-cli --raw -p $P1 GET quoted
echo "--- nil"
redis-cli --no-raw -p $P1 GET nosuchkey
redis-cli --raw -p $P1 GET nosuchkey
redis-cli -p $P1 GET nosuchkey | cat
echo "--- integer"
redis-cli --no-raw -p $P1 INCR counter
redis-cli --raw -p $P1 INCR counter
redis-cli -p $P1 INCR counter | cat
echo "--- array"
redis-cli --no-raw -p $P1 LRANGE mylist 0 -1
redis-cli --raw -p $P1 LRANGE mylist 0 -1
redis-cli -p $P1 HGETALL myhash | cat
redis-cli --no-raw -p $P1 LRANGE long 0 -1
echo "--- empty array"
redis-cli --no-raw -p $P1 KEYS 'nomatch*'
redis-cli --raw -p $P1 KEYS 'nomatch*'
redis-cli -p $P1 KEYS 'nomatch*' | cat
echo "--- nested arrays"
redis-cli --no-raw -p $P1 ROLE
redis-cli --raw -p $P1 ROLE
redis-cli --no-raw -p $P1 SCAN 0 MATCH 'greet*'
redis-cli --no-raw -p $P1 CONFIG GET maxmemory
echo "--- errors"
redis-cli --no-raw -p $P1 FOO
redis-cli --raw -p $P1 FOO
redis-cli -p $P1 GET mylist | cat
echo "--- verbatim text"
redis-cli --no-raw -p $P1 CLIENT LIST
redis-cli -p $P1 CLIENT LIST | cat
redis-cli --no-raw -p $P1 CLIENT INFO
redis-cli --no-raw -p $P1 INFO keyspace
redis-cli --raw -p $P1 INFO keyspace
echo "--- options"
redis-cli --no-raw -h 127.0.0.1 -p $P1 -n 0 ECHO "from db 0"
redis-cli --no-raw -p $P1 -n 5 CLIENT LIST | grep -c "db=5"
redis-cli --no-raw -p $P1 CLIENT SETNAME learner
redis-cli --no-raw -p $P1 CLIENT GETNAME
redis-cli --no-raw -p $P1 CLIENT ID
echo "--- connection refused"
redis-cli --no-raw -p $P2 PING
echo "exit $?"
redis-cli -p $P2 PING | cat
kill $pid
sleep 0.5
