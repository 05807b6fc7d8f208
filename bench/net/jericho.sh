#!/usr/bin/env bash
# bench/net/jericho.sh ARCH OUTDIR TIMEOUT - JerichoOS's side of the network
# benchmark (`make bench-net`, bench/net/bench.mk; docs/bench.md, "The
# broker against mosquitto").
#
# Builds the kernel with NETSTACK=1 (lwIP and mbedTLS from Debian's source
# packages, as `make qemu NET=user` does), picks two free ports of 127.0.0.1
# forwarded to the guest's 1883 (the broker) and 7 (net-echo), and boots
# serve=mqtt-net twice: under -icount shift=0,align=off,sleep=off (guest
# instructions per message: the tasks' CPU time, mqtt-net's `cpu`), then in
# plain TCG (wall-clock rates and latencies); bench/net/netbench.py drives
# both boots with bench/net/loadgen.c. Writes OUTDIR/net-ARCH.json; work
# files and logs go to build/ARCH/bench-net/. Exits non-zero on any failure.
set -u
cd "$(dirname "$0")/../.."
arch=$1 out=$2 timeout_s=$3
dir=build/$arch/bench-net
mkdir -p "$dir" "$out"
ICOUNT=(-icount shift=0,align=off,sleep=off)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port) tport=$(free_port)
mk=(make --no-print-directory ARCH="$arch" NETSTACK=1 NET=user NET_PORT= NET_MQTTS_PORT=
    NET_MQTT_PORT="$port" NET_TCP_PORT="$tport" CMDLINE=serve=mqtt-net)
"${mk[@]}" kernel >"$dir/build.log" 2>&1 || { tail -20 "$dir/build.log" >&2;
    echo "bench-net: $arch: the NETSTACK=1 build failed ($dir/build.log)" >&2; exit 1; }
make --no-print-directory build/host/bench/loadgen >/dev/null || exit 1
read -r -a qemu < <("${mk[@]}" -s bench-net-qemu-cmd)
rc=0
for mode in icount plain; do
    extra=()
    [ "$mode" = icount ] && extra=("${ICOUNT[@]}")
    echo "bench-net: $arch, JerichoOS, $mode"
    QEMU_STDIN=inherit python3 bench/net/netbench.py run --log "$dir/$mode.log" \
        --ready 'netstack: from the host: mosquitto_sub' --ready 'echo: listen on tcp port 7 -> ok' \
        --mqtt-port "$port" --tcp-port "$tport" --loadgen build/host/bench/loadgen \
        --out "$dir/$mode.json" -- \
        bash tests/qemu-run.sh "$arch" "$timeout_s" serve=mqtt-net "$dir/$mode.serial.log" -- \
        "${qemu[@]}" "${extra[@]}" || { rc=1; break; }
done
[ "$rc" -eq 0 ] || exit 1
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git status --porcelain -- . ':!bench/results' 2>/dev/null)" ] && commit="$commit-dirty"
python3 bench/net/netbench.py merge --system jericho --arch "$arch" \
    --meta "commit=${BENCH_COMMIT:-$commit}" --meta "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --meta "qemu=$("${qemu[0]}" --version | head -1)" --meta "qemu_args=${qemu[*]}" \
    --out "$out/net-$arch.json" "$dir/icount.json" "$dir/plain.json" || exit 1
echo "bench-net: wrote $out/net-$arch.json"
