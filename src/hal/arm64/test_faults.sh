#!/usr/bin/env bash
# src/hal/arm64/test_faults.sh - the arm64 fault reports, end to end: boots
# the kernel once per arm64.crash=KIND (crash.c) and checks that the report
# names the exception, decodes the ESR, gives FAR/ELR/registers and a
# backtrace naming the function (the image's symbol table), says it is a
# kernel panic, and that QEMU exits with status 4 (unhandled CPU
# exception). Suite arm64-faults.
set -u
cd "$(dirname "$0")/../../.."
pass=0; fail=0
log=build/arm64/faults.log
run() {   # run KIND PATTERN...   (every pattern must appear in the log)
    local kind=$1; shift
    make --no-print-directory ARCH=arm64 qemu CMDLINE="arm64.crash=$kind" \
        QEMU_LOG="$log" QEMU_TIMEOUT=30 > /dev/null 2>&1
    local ok=1    # make fails on any non-zero status: read it from the log
    for pat in "$@" '^  x30 0x' '^\*\*\* kernel panic: .* in kernel code' '^\*\*\* unhandled CPU exception: stopping' \
        '^qemu-run: kernel exit status 4$'; do
        grep -qE -- "$pat" "$log" || { echo "FAILED: arm64.crash=$kind: no line matching '$pat'"; ok=0; }
    done
    if [ $ok -eq 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); tail -n 25 "$log"; fi
}
make --no-print-directory ARCH=arm64 kernel > /dev/null || { bash tests/report.sh arm64-faults 0 1; exit 1; }
BT='^    #[0-9 ]+ pc 0x[0-9a-f]+ arm64_crash_option\+0x[0-9a-f]+/0x[0-9a-f]+'
run null 'EC 0x25 data abort' 'DFSC 0x06: translation fault at level 2, WnR 0 \(read\)' \
    'FAR 0x0000000000000000' "$BT"
run wtext 'EC 0x25 data abort' 'DFSC 0x0f: permission fault at level 3, WnR 1 \(write\)' \
    'FAR 0x0000000040200000' "$BT"
run xdata 'EC 0x21 instruction abort' 'IFSC 0x0f: permission fault at level 3' \
    '^    #[0-9 ]+ ret 0x[0-9a-f]+ arm64_crash_option\+0x'
run brk 'EC 0x3c BRK instruction' 'immediate 0x42' "$BT"
run undef 'EC 0x00 unknown reason \(undefined instruction\)' "$BT"
run stack 'kernel stack overflow: SP 0x' 'DFSC 0x07: translation fault at level 3, WnR 1 \(write\)' \
    '^    #[0-9 ]+ pc 0x[0-9a-f]+ recurse'
bash tests/report.sh arm64-faults "$pass" "$fail" 0
[ "$fail" -eq 0 ]
