#!/usr/bin/env bash
# tests/qemu/check.sh ARCH - boots ARCH's kernel in test mode and checks the
# serial log: the boot lines (banner, cpu, memory, timer ticks), every
# in-kernel self-test line (include/ktest.h protocol), no PANIC, no timeout,
# and an exit status that agrees with the results. Reports counts for
# tests/run.sh as suite qemu-ARCH.
set -u
arch=$1
suite=qemu-$arch
log=build/$arch/test.log
make --no-print-directory ARCH="$arch" qemu CMDLINE=test QEMU_LOG="$log" QEMU_TIMEOUT=${QEMU_TEST_TIMEOUT:-120} > /dev/null
rc=$?
pass=0; fail=0
check() {   # check NAME CONDITION-RESULT
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $arch: $1"; fi
}
have() { grep -qE "$1" "$log" 2>/dev/null; }
check "banner" "$(have '^JerichoOS \('"$arch"'\)'; echo $?)"
check "cpu line" "$(have '^cpu: '; echo $?)"
check "memory line" "$(have '^memory: [1-9][0-9]* MiB'; echo $?)"
check "timer ticks" "$(have '^timer: [1-9][0-9]* ticks'; echo $?)"
check "no panic" "$(have 'PANIC'; [ $? -ne 0 ]; echo $?)"
check "test run finished" "$(have '^\[test\] done: '; echo $?)"
t_ok=$(grep -cE '^\[test\] .* \.\.\. ok' "$log" 2>/dev/null)
t_bad=$(grep -cE '^\[test\] .* \.\.\. FAILED' "$log" 2>/dev/null)
grep -E '^\[test\] .* \.\.\. FAILED' "$log"
pass=$((pass + t_ok)); fail=$((fail + t_bad))
# The exit status must say "success" exactly when nothing failed.
if [ "$fail" -eq 0 ]; then check "exit status 0" "$([ "$rc" -eq 0 ]; echo $?)"
else check "exit status reports failure" "$([ "$rc" -ne 0 ]; echo $?)"; fi
[ "$fail" -ne 0 ] && { echo "--- last lines of $log:"; tail -n 40 "$log"; }
echo "$suite: kernel self-tests: $t_ok ok, $t_bad failed (log: $log)"
bash tests/report.sh "$suite" "$pass" "$fail" 0
[ "$fail" -eq 0 ]
