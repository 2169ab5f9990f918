# Pub/sub with background subscribers (their output goes to files, read afterwards): SUBSCRIBE
# and PSUBSCRIBE message formats, PUBLISH receiver counts, PUBSUB introspection.
cat > r.conf <<EOF
bind 127.0.0.1
port $P1
logfile "r.log"
save ""
EOF
redis-server r.conf &
pid=$!
sleep 0.5
redis-cli --no-raw -p $P1 SUBSCRIBE news > sub.out &
sub=$!
redis-cli --no-raw -p $P1 PSUBSCRIBE 'n*' > psub.out &
psub=$!
sleep 0.5
redis-cli --no-raw -p $P1 PUBLISH news "first message"
redis-cli --no-raw -p $P1 PUBLISH nothing-here x
redis-cli --no-raw -p $P1 PUBLISH other x
redis-cli --no-raw -p $P1 PUBSUB CHANNELS
redis-cli --no-raw -p $P1 PUBSUB NUMSUB news other
redis-cli --no-raw -p $P1 PUBSUB NUMPAT
redis-cli --no-raw -p $P1 INFO stats | grep pubsub_
redis-cli --no-raw -p $P1 CLIENT LIST | grep -c "sub=1"
sleep 0.2
kill $sub
kill $psub
sleep 0.2
redis-cli --no-raw -p $P1 PUBLISH news "nobody listens"
echo "--- subscriber"
cat sub.out
echo "--- pattern subscriber"
cat psub.out
kill $pid
sleep 0.5
