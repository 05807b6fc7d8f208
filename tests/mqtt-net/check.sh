#!/usr/bin/env bash
# tests/mqtt-net/check.sh ARCH - the broker task on TCP and TLS in QEMU
# (mqttnet/README.md) with real clients (suite mqtt-net-ARCH): builds with
# NETSTACK=1 (lwIP and mbedTLS fetched with apt-get source: skipped
# offline, a failure under CI), boots serve=mqtt-net on QEMU's user network
# with two free TCP ports of 127.0.0.1 forwarded to the guest's 1883 and
# 8883 (nothing else forwarded), the serial line fed from a FIFO, and runs
# tests/mqtt-net/mqtt_net_host.py against it (mosquitto_pub/sub and paho;
# it types `stats` and finally `stop` on the serial line). Then checks
# each of the host's checks, the runner's verdicts of the group, no
# panic, no CPU fault, exit status 0.
set -u
arch=$1
suite=mqtt-net-$arch
cd "$(dirname "$0")/../.."
pass=0; fail=0
. tests/demos/table_checks.sh
out=build/$arch/mqtt-net
mkdir -p "$out"
log=$out/qemu.log
clean=$out/qemu.clean.log
churn=${MQTT_NET_CHURN:-1000}

fetched_build "$out/build.log" "lwIP and mbedTLS" make --no-print-directory ARCH="$arch" NETSTACK=1 kernel
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port); tls_port=$(free_port)
fifo=$out/console.fifo
rm -f "$fifo"; mkfifo "$fifo"
exec 3<>"$fifo"     # held open: the serial line never sees an end of input
: > "$log"
t0=$(date +%s.%N)
QEMU_STDIN=inherit make --no-print-directory ARCH="$arch" NETSTACK=1 qemu CMDLINE=serve=mqtt-net \
    QEMU_LOG="$log" NET=user NET_PORT= NET_TCP_PORT= NET_MQTT_PORT="$port" NET_MQTTS_PORT="$tls_port" \
    QEMU_TIMEOUT="${QEMU_MQTT_NET_TIMEOUT:-900}" < "$fifo" > "$out/make.log" 2>&1 &
qpid=$!
timeout 870 /usr/bin/python3 tests/mqtt-net/mqtt_net_host.py "$port" "$tls_port" "$log" "$fifo" \
    build/tlsterm/cert/ca.pem "$churn" > "$out/host.log" 2>&1
hrc=$?
echo stop >&3       # in case the host side ended early
wait "$qpid"
rc=$?
exec 3>&-
wall=$(echo "$(date +%s.%N) - $t0" | bc)
tr -d '\r' < "$log" > "$clean" 2>/dev/null || : > "$clean"
host_checks "$out/host.log" "$hrc"
for m in mqtt-net mqtt-net-echo mqtt-netbroker tlsterm; do
    check "runner: $m PASS" "$(grep -qE "^demo $m +PASS" "$clean"; echo $?)"
done
check "runner: 'serve: mqtt-net: 4 passed, 0 failed'" "$(grep -qx 'serve: mqtt-net: 4 passed, 0 failed' "$clean"; echo $?)"
boot_checks "$clean" "$rc"
printf '%s mqtt-net: wall %.1f s (boot included)\n' "$arch" "$wall"
[ "$fail" -ne 0 ] && { echo "--- last lines of $log:"; tail -n 40 "$clean"; }
bash tests/report.sh "$suite" "$pass" "$fail" 0
[ "$fail" -eq 0 ]
