#!/usr/bin/env bash
# tests/drivers/check.sh ARCH - the driver tasks of drivers/ on ARCH
# (suite drivers-ARCH): boots the kernel with `hostile=drv*` (the groups of
# tests/drivers/) and checks every expect line of their modules
# (tests/demos/check_output.py) and the runner's table; no task cut short
# by the group time limit, no PANIC, no CPU fault, exit status 0.
set -u
arch=$1
suite=drivers-$arch
cd "$(dirname "$0")/../.."
pass=0; fail=0
. tests/demos/table_checks.sh
out=build/$arch/drivers
mkdir -p "$out"
log=$out/qemu.log
clean=$out/qemu.clean.log
parse=$out/parse.json
# a free UDP port on 127.0.0.1 for QEMU's forward (NET=user)
port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
t0=$(date +%s.%N)
make --no-print-directory ARCH="$arch" qemu 'CMDLINE=hostile=drv*' QEMU_LOG="$log" \
    NET=user NET_PORT="$port" NET_TCP_PORT= NET_MQTT_PORT= NET_MQTTS_PORT= QEMU_TIMEOUT="${QEMU_DRIVERS_TIMEOUT:-240}" > "$out/make.log" 2>&1 &
qpid=$!
# the host side of drv-net: UDP datagrams through the forward, echoed
timeout 200 python3 tests/drivers/udp_echo.py "$port" 20 > "$out/udp_echo.log" 2>&1
hrc=$?
wait "$qpid"
rc=$?
wall=$(echo "$(date +%s.%N) - $t0" | bc)
tr -d '\r' < "$log" > "$clean" 2>/dev/null || : > "$clean"
# shellcheck disable=SC2046
if ! check_table "$parse" "$clean" $(make --no-print-directory -s ARCH="$arch" print-drv-directives); then
    bash tests/report.sh "$suite" 0 1 0
    exit 1
fi
check "summary 'hostile: $n passed, 0 failed'" "$(grep -qx "hostile: $n passed, 0 failed" "$clean"; echo $?)"
# the kernel quiesces the device when a killed driver's capability goes
# (docs/kernel.md, "Devices"): once per kill of virtio-rng
kills=$(grep -c '^task virtio-rng killed: by task drv-rng-test$' "$clean")
quiet=$(grep -c "^device virtio-rng: its driver's capability is gone: interrupt masked and unbound, device quiesced$" "$clean")
check "virtio-rng killed twice, the device quiesced after each ($kills, $quiet)" "$([ "$kills" -eq 2 ] && [ "$quiet" -eq 2 ]; echo $?)"
# virtio-net: killed with frames in flight, then the new driver at the end
kills=$(grep -c '^task virtio-net killed: by task drv-net-echo$' "$clean")
quiet=$(grep -c "^device virtio-net: its driver's capability is gone: interrupt masked and unbound, device quiesced$" "$clean")
check "virtio-net killed twice, the device quiesced after each ($kills, $quiet)" "$([ "$kills" -eq 2 ] && [ "$quiet" -eq 2 ]; echo $?)"
cat "$out/udp_echo.log" | sed "s/^/$arch: /"
check "host: 20 UDP datagrams through QEMU's forward, each echoed by drv-net-echo" "$hrc"
boot_checks "$clean" "$rc"
grep -E '^\[(drv-rng-client|drv-net-echo)\] (client|echo|restart):' "$clean" | sed "s/^/$arch: /"
printf '%s drivers: %d modules, wall %.1f s (boot included)\n' "$arch" "$n" "$wall"
[ "$fail" -ne 0 ] && { echo "--- last lines of $log:"; tail -n 30 "$clean"; }
bash tests/report.sh "$suite" "$pass" "$fail" 0
[ "$fail" -eq 0 ]
