# Sentinel's run-time configuration (05-sentinel): SENTINEL SET (one and several options, bad
# values), SENTINEL CONFIG GET/SET, MONITOR / REMOVE / RESET / FLUSHCONFIG, SENTINEL DEBUG, HELP
# and SIMULATE-FAILURE, with the events they log and sentinel.conf rewritten after each change.
# One primary with requirepass and one sentinel (no replica: nothing to wait for).
cat > primary.conf <<EOF
bind 127.0.0.1
port $P1
daemonize no
logfile "primary.log"
dbfilename "primary.rdb"
requirepass a_strong_password
EOF
cat > sentinel.conf <<EOF
bind 127.0.0.1
port $P2
daemonize no
logfile "sentinel.log"
sentinel monitor myprimary 127.0.0.1 $P1 2
sentinel down-after-milliseconds myprimary 5000
sentinel failover-timeout myprimary 60000
sentinel auth-pass myprimary a_strong_password
EOF
redis-server primary.conf &
ppid=$!
sleep 0.5
redis-sentinel sentinel.conf &
spid=$!
sleep 1
echo "--- SENTINEL SET"
redis-cli --no-raw -p $P2 SENTINEL set myprimary down-after-milliseconds 3000
redis-cli --no-raw -p $P2 SENTINEL set myprimary quorum 1
redis-cli --no-raw -p $P2 SENTINEL set myprimary parallel-syncs 2 failover-timeout 30000
redis-cli --no-raw -p $P2 SENTINEL set myprimary quorum 0
redis-cli --no-raw -p $P2 SENTINEL set myprimary down-after-milliseconds abc
redis-cli --no-raw -p $P2 SENTINEL set myprimary parallel-syncs
redis-cli --no-raw -p $P2 SENTINEL set nosuch quorum 1
redis-cli --no-raw -p $P2 SENTINEL set myprimary notify-script ./notify.sh
redis-cli --no-raw -p $P2 SENTINEL set myprimary master-reboot-down-after-period 1000
redis-cli --no-raw -p $P2 SENTINEL master myprimary | grep -E -v "^ *[0-9]+\) \"?[0-9]+\"?$" | tail -n 8
redis-cli -p $P2 SENTINEL master myprimary | tail -n 12
echo "--- SENTINEL CONFIG"
redis-cli --no-raw -p $P2 SENTINEL config get resolve-hostnames
redis-cli --no-raw -p $P2 SENTINEL config get announce-port
redis-cli --no-raw -p $P2 SENTINEL config set resolve-hostnames yes
redis-cli --no-raw -p $P2 SENTINEL config set announce-port 7777
redis-cli --no-raw -p $P2 SENTINEL config set announce-port notanumber
redis-cli --no-raw -p $P2 SENTINEL config set nosuch 1
redis-cli --no-raw -p $P2 SENTINEL config get announce-port
redis-cli --no-raw -p $P2 SENTINEL config set announce-port 0
echo "--- MONITOR / REMOVE / RESET / FLUSHCONFIG"
redis-cli --no-raw -p $P2 SENTINEL monitor other 127.0.0.1 $P3 1
redis-cli --no-raw -p $P2 SENTINEL monitor other 127.0.0.1 $P3 1
redis-cli --no-raw -p $P2 SENTINEL monitor third 127.0.0.1 $P3 0
redis-cli --no-raw -p $P2 SENTINEL monitor third 127.0.0.1 notaport 1
redis-cli --no-raw -p $P2 SENTINEL monitor third 127.0.0.1 99999 1
redis-cli --no-raw -p $P2 SENTINEL monitor third 127.0.0.1 $P3
redis-cli -p $P2 SENTINEL masters | grep -c -E "^(myprimary|other)$"
redis-cli --no-raw -p $P2 SENTINEL remove other
redis-cli --no-raw -p $P2 SENTINEL remove other
redis-cli --no-raw -p $P2 SENTINEL reset "*"
redis-cli --no-raw -p $P2 SENTINEL reset nomatch
redis-cli --no-raw -p $P2 SENTINEL flushconfig
redis-cli --no-raw -p $P2 SENTINEL flushconfig extra
echo "--- DEBUG, HELP, SIMULATE-FAILURE"
redis-cli --no-raw -p $P2 SENTINEL debug
redis-cli --no-raw -p $P2 SENTINEL debug ping-period 2000
redis-cli --no-raw -p $P2 SENTINEL debug ping-period
redis-cli --no-raw -p $P2 SENTINEL help
redis-cli --no-raw -p $P2 SENTINEL simulate-failure help
redis-cli --no-raw -p $P2 SENTINEL simulate-failure crash-after-election
redis-cli --no-raw -p $P2 SENTINEL simulate-failure nonsense
redis-cli --no-raw -p $P2 INFO sentinel | grep -E "simulate|master"
sleep 0.5
echo "--- sentinel.log"
grep -v "Sentinel new configuration saved on disk" sentinel.log
grep -c "Sentinel new configuration saved on disk" sentinel.log
echo "--- sentinel.conf"
cat sentinel.conf
kill $spid
sleep 0.5
kill $ppid
sleep 0.5
# requires: redis-sentinel
