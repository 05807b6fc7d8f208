#!/usr/bin/env bash
# tests/net/check.sh ARCH - the network task (netstack/) on ARCH (suite
# net-ARCH): builds the kernel with NETSTACK=1 (lwIP fetched with
# apt-get source: skipped offline, a failure under CI), boots it with
# `hostile=net` on QEMU's user network (NET=user) with a free TCP port of
# 127.0.0.1 forwarded to the guest's port 7 and no other forward, runs
# tests/net/net_host.py against it meanwhile, and checks every expect line
# of the group's modules and the runner's table, each of the host's
# checks, no PANIC, no CPU fault, exit status 0.
set -u
arch=$1
suite=net-$arch
cd "$(dirname "$0")/../.."
pass=0; fail=0
. tests/demos/table_checks.sh
out=build/$arch/net
mkdir -p "$out"
log=$out/qemu.log
clean=$out/qemu.clean.log
parse=$out/parse.json

fetched_build "$out/build.log" lwIP make --no-print-directory ARCH="$arch" NETSTACK=1 kernel
# a free TCP port on 127.0.0.1 for QEMU's forward
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
t0=$(date +%s.%N)
make --no-print-directory ARCH="$arch" NETSTACK=1 qemu CMDLINE=hostile=net QEMU_LOG="$log" \
    NET=user NET_PORT= NET_TCP_PORT="$port" NET_MQTT_PORT= NET_MQTTS_PORT= \
    QEMU_TIMEOUT="${QEMU_NET_TIMEOUT:-240}" > "$out/make.log" 2>&1 &
qpid=$!
timeout 220 python3 tests/net/net_host.py "$port" > "$out/host.log" 2>&1
hrc=$?
wait "$qpid"
rc=$?
wall=$(echo "$(date +%s.%N) - $t0" | bc)
tr -d '\r' < "$log" > "$clean" 2>/dev/null || : > "$clean"
# shellcheck disable=SC2046
if ! check_table "$parse" "$clean" $(make --no-print-directory -s ARCH="$arch" print-net-directives); then
    bash tests/report.sh "$suite" 0 1 0
    exit 1
fi
check "summary 'hostile: $n passed, 0 failed'" "$(grep -qx "hostile: $n passed, 0 failed" "$clean"; echo $?)"
host_checks "$out/host.log" "$hrc"
kills=$(grep -c '^task netstack killed: by task net-test$' "$clean")
check "the network task killed twice (restart, end: $kills)" "$([ "$kills" -eq 2 ]; echo $?)"
leases=$(grep -c '^\[netstack\] netstack: DHCP lease 10.0.2.15 ' "$clean")
check "a DHCP lease for each start of the network task ($leases)" "$([ "$leases" -eq 2 ]; echo $?)"
boot_checks "$clean" "$rc"
grep -E '^\[netstack\] netstack: (DHCP|no DHCP|ping)' "$clean" | sed "s/^/$arch: /"
printf '%s net: %d modules, wall %.1f s (boot included)\n' "$arch" "$n" "$wall"
[ "$fail" -ne 0 ] && { echo "--- last lines of $log:"; tail -n 40 "$clean"; }
bash tests/report.sh "$suite" "$pass" "$fail" 0
[ "$fail" -eq 0 ]
