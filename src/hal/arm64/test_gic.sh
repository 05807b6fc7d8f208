#!/usr/bin/env bash
# src/hal/arm64/test_gic.sh - the kernel on every interrupt controller and
# entry level QEMU virt offers: boots with the whole in-kernel self-test
# (`test`: timer ticks, preemption, IPC under the timer, faults) on
# GICv3 at EL1, GICv3 at EL2 (virtualization=on: entry.S opens the ICC
# registers to EL1) and GICv2 at EL2, and checks the boot line names the
# controller and level and that every self-test passed. The default
# (GICv2 at EL1) is the qemu-arm64 suite. Suite arm64-gic.
set -u
cd "$(dirname "$0")/../../.."
pass=0; fail=0
log=build/arm64/gic.log
run() {   # run MACHINE GIC EL
    local machine=$1 gic=$2 el=$3
    make --no-print-directory ARCH=arm64 qemu CMDLINE=test ARM64_MACHINE="$machine" \
        QEMU_LOG="$log" QEMU_TIMEOUT=120 > /dev/null 2>&1
    local rc=$? ok=1
    grep -qE "^arm64: entered at EL$el, running at EL1;.* GICv$gic;" "$log" ||
        { echo "FAILED: $machine: no boot line with EL$el and GICv$gic"; ok=0; }
    # all the tests of the sources (as tests/qemu/check.sh counts them)
    grep -qE "^\[test\] plan: $n_src of the $n_src tests in this image" "$log" &&
        grep -qE "^\[test\] done: $n_src passed, 0 failed\b" "$log" ||
        { echo "FAILED: $machine: not all $n_src self-tests ran and passed"; ok=0; }
    [ $rc -eq 0 ] || { echo "FAILED: $machine: make qemu exited $rc"; ok=0; }
    if [ $ok -eq 1 ]; then
        pass=$((pass + 1))
        echo "ok: $machine: $(grep -E '^\[test\] done:' "$log")"
    else
        fail=$((fail + 1)); grep -E 'FAILED|irq:|boot failed' "$log" | head -20; tail -n 15 "$log"
    fi
}
make --no-print-directory ARCH=arm64 kernel > /dev/null || { bash tests/report.sh arm64-gic 0 1; exit 1; }
n_src=$(cat $(grep -rlE '^KTEST\(' src | grep -v '^src/hal/') \
        $(grep -rlE '^KTEST\(' src/hal/arm64) | grep -cE '^KTEST\(')
run virt,gic-version=3 3 1
run virt,gic-version=3,virtualization=on 3 2
run virt,virtualization=on 2 2
bash tests/report.sh arm64-gic "$pass" "$fail" 0
[ "$fail" -eq 0 ]
