#!/usr/bin/env bash
# bench/net/linux.sh ARCH OUTDIR TIMEOUT - mosquitto's side of the network
# benchmark (run by `make bench-linux`; docs/bench.md, "The broker against
# mosquitto").
#
# The Debian kernel of bench/linux (fetch-kernel.sh: vmlinuz and the
# virtio-net modules) boots an initramfs of bench/net/linux-init.c (static),
# the host's Debian mosquitto (/usr/sbin/mosquitto) with the shared
# libraries ldd names, a mosquitto.conf (listener 1883, anonymous, user root, no
# persistence, no log) and the modules; QEMU as JerichoOS's NET=user boot:
# the same machine, CPU, memory, virtio-net-pci on a user network, two free
# ports of 127.0.0.1 forwarded to the guest's 1883 and 7 (linux-init's
# echo). Two boots, icount then plain TCG, driven by bench/net/netbench.py
# with bench/net/loadgen.c as for JerichoOS. Writes OUTDIR/net-linux-ARCH.json.
# x86-64 only: the host's mosquitto and libraries are amd64 (arm64 would
# need the arm64 packages of mosquitto and its 20 libraries: not done).
set -u
cd "$(dirname "$0")/../.."
arch=$1 out=$2 timeout_s=$3
dir=build/linux/$arch
[ "$arch" = x86_64 ] || { echo "bench-linux: mosquitto: x86-64 only (the host's packages)"; exit 0; }
[ -x /usr/sbin/mosquitto ] || { echo "bench-linux: /usr/sbin/mosquitto missing (./build.sh deps)" >&2; exit 1; }
mkdir -p "$dir/net" "$out"
bash bench/linux/fetch-kernel.sh "$arch" "$dir" || exit 1
gcc -static -O2 -Wall -Wextra -Werror -o "$dir/net/init" bench/net/linux-init.c || exit 1
make --no-print-directory build/host/bench/loadgen >/dev/null || exit 1
cat >"$dir/net/mosquitto.conf" <<'CONF'
listener 1883 0.0.0.0
allow_anonymous true
persistence false
log_dest none
user root
CONF
files=("$dir/net/mosquitto.conf=etc/mosquitto.conf" "/usr/sbin/mosquitto=usr/sbin/mosquitto")
while read -r lib; do
    files+=("$lib=${lib#/}")
done < <(ldd /usr/sbin/mosquitto | awk '/=> \// { print $3 } /^\t\/.*ld-linux/ { print $1 }')
while read -r m; do
    files+=("$dir/modules/$m=modules/$m")
done <"$dir/modules/order"
files+=("$dir/modules/order=modules/order")
python3 bench/linux/mkinitramfs.py "$dir/net/init" "$dir/net/initramfs.cpio" "${files[@]}" || exit 1
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port) tport=$(free_port)
qemu=(qemu-system-x86_64 -M q35 -accel tcg -cpu max -m 256M -smp 1 -display none -serial stdio
      -no-reboot -nic none -device virtio-net-pci,netdev=n0
      -netdev "user,id=n0,restrict=off,hostfwd=tcp:127.0.0.1:$port-10.0.2.15:1883,hostfwd=tcp:127.0.0.1:$tport-10.0.2.15:7"
      -kernel "$dir/vmlinuz" -initrd "$dir/net/initramfs.cpio" -append "console=ttyS0 quiet")
for mode in icount plain; do
    extra=()
    [ "$mode" = icount ] && extra=(-icount shift=0,align=off,sleep=off)
    echo "bench-linux: $arch, mosquitto, $mode"
    python3 bench/net/netbench.py run --log "$dir/net/$mode.log" --ready '^\[netbench\] ready' \
        --mqtt-port "$port" --tcp-port "$tport" --loadgen build/host/bench/loadgen \
        --out "$dir/net/$mode.json" -- timeout -k 5 "$timeout_s" "${qemu[@]}" "${extra[@]}" || exit 1
done
python3 bench/net/netbench.py merge --system linux --arch "$arch" \
    --meta "kernel=$(cat "$dir/version")" --meta "mosquitto=$(dpkg-query -W -f '${Version}' mosquitto)" \
    --meta "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)" --meta "qemu=$("${qemu[0]}" --version | head -1)" \
    --meta "qemu_args=${qemu[*]}" \
    --out "$out/net-linux-$arch.json" "$dir/net/icount.json" "$dir/net/plain.json" || exit 1
echo "bench-linux: wrote $out/net-linux-$arch.json"
