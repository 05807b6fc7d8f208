#!/usr/bin/env bash
# bench/linux/run.sh ARCH OUTDIR TIMEOUT - the Linux baseline on one
# architecture (`make bench-linux`, bench/linux/bench.mk).
#
# Fetches Debian's kernel (fetch-kernel.sh), builds bench/linux/init.c as a
# static program for ARCH, packs it as the initramfs (mkinitramfs.py),
# boots it single-CPU under -icount shift=0,align=off,sleep=off (the mode
# `make bench` uses), then again in plain TCG for wall time, and writes
# OUTDIR/linux-ARCH.json (bench/kernel/collect.py). Work files and logs go
# to build/linux/ARCH/. Exits non-zero if the icount run or the collection
# failed.
set -u
cd "$(dirname "$0")/../.."
arch=$1 out=$2 timeout_s=$3
dir=build/linux/$arch
ICOUNT=(-icount shift=0,align=off,sleep=off)
case $arch in
    x86_64)
        cc=gcc
        qemu=(qemu-system-x86_64 -M q35 -accel tcg -cpu max -m 256M -smp 1 -display none
              -serial stdio -no-reboot)
        console=ttyS0 ;;
    arm64)
        cc=aarch64-linux-gnu-gcc
        qemu=(qemu-system-aarch64 -M virt -cpu cortex-a72 -m 256M -smp 1 -nographic -no-reboot)
        console=ttyAMA0 ;;
    *) echo "bench-linux: unknown arch '$arch'" >&2; exit 2 ;;
esac
mkdir -p "$dir" "$out"
bash bench/linux/fetch-kernel.sh "$arch" "$dir" || exit 1
$cc -static -O2 -Wall -Wextra -Werror -o "$dir/init" bench/linux/init.c || exit 1
python3 bench/linux/mkinitramfs.py "$dir/init" "$dir/initramfs.cpio" || exit 1
boot=(-kernel "$dir/vmlinuz" -initrd "$dir/initramfs.cpio" -append "console=$console quiet")

# The init powers the machine off (QEMU exits 0) whether it succeeded or
# not; its [bench] lines say which.
run() {
    local log=$1; shift
    timeout -k 5 "$timeout_s" "$@" </dev/null >"$log" 2>&1
    local rc=$?
    [ "$rc" -eq 124 ] && echo "bench-linux: $arch: TIMEOUT after ${timeout_s}s ($log)" >&2
    return "$rc"
}
echo "bench-linux: $arch under icount (instruction counts)"
run "$dir/bench-icount.log" "${qemu[@]}" "${boot[@]}" "${ICOUNT[@]}"
rc=$?
echo "bench-linux: $arch in plain TCG (wall time, for reference)"
run "$dir/bench-plain.log" "${qemu[@]}" "${boot[@]}" || echo "bench-linux: $arch plain-TCG run failed" >&2

python3 bench/kernel/collect.py --system linux --arch "$arch" \
    --icount "$dir/bench-icount.log" --plain "$dir/bench-plain.log" \
    --size "image=$(stat -c %s "$dir/vmlinuz")" \
    --meta "kernel=$(cat "$dir/version")" \
    --meta "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --meta "qemu=$("${qemu[0]}" --version | head -1)" \
    --meta "qemu_args=${qemu[*]} ${ICOUNT[*]} -append console=$console quiet" \
    --out "$out/linux-$arch.json" || rc=1
[ "$rc" -eq 0 ] && echo "bench-linux: wrote $out/linux-$arch.json"
exit "$rc"
