#!/usr/bin/env bash
# tests/qemu-run.sh ARCH TIMEOUT CMDLINE LOG -- QEMU-COMMAND...
#
# Boots a kernel under QEMU (TCG; KVM is never used), serial console on the
# terminal and copied to LOG, the kernel command line passed through fw_cfg
# (opt/jericho/cmdline), killed after TIMEOUT seconds. Exits with the
# kernel's status: 0 = success; 124 = timeout. x86-64's isa-debug-exit turns
# a kernel status s (written as 0x10 + s) into QEMU status ((0x10+s)<<1)|1;
# arm64's semihosting exit passes s through.
set -u
arch=$1 timeout_s=$2 cmdline=$3 log=$4
shift 4
[ "${1:-}" = "--" ] && shift
mkdir -p "$(dirname "$log")"
args=("$@")
[ -n "$cmdline" ] && args+=(-fw_cfg "name=opt/jericho/cmdline,string=$cmdline")
# No stdin for QEMU unless a terminal is there to type on, or the caller
# asks (QEMU_STDIN=inherit: the serial line reads this script's stdin, as
# tests/wasi/drive.py gives it).
if [ "${QEMU_STDIN:-}" = inherit ]; then
    timeout -k 5 "$timeout_s" "${args[@]}" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
elif [ -t 0 ]; then
    timeout --foreground -k 5 "$timeout_s" "${args[@]}" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
else
    timeout -k 5 "$timeout_s" "${args[@]}" < /dev/null 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
fi
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    echo "qemu-run: TIMEOUT: the kernel did not finish within ${timeout_s}s" | tee -a "$log"
    exit 124
fi
status=$rc
if [ "$arch" = x86_64 ]; then
    if [ $((rc & 1)) -eq 1 ] && [ "$rc" -ge 33 ]; then
        status=$(( ((rc - 1) >> 1) - 0x10 ))
    else
        echo "qemu-run: QEMU exited ($rc) without a kernel exit status" | tee -a "$log"
        status=1
    fi
fi
[ "$status" -ne 0 ] && echo "qemu-run: kernel exit status $status" | tee -a "$log"
exit "$status"
