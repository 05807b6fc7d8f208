#!/usr/bin/env bash
# tests/qemu-demos/check.sh ARCH - boots ARCH's kernel in demo mode (no
# command line: the demo runner starts every embedded demo) and checks the
# serial log independently of the kernel's own verdicts:
#   - every expect / expect-not / expect-kernel line of every demo
#     (tests/demos/check_output.py on the parse of every demo: .wat, .c, .cpp,
#     .rs, .manifest; pack.py --dir demos): one check
#     each;
#   - the runner's table: one "demo NAME PASS" row per demo, and its
#     closing "demos: N passed, 0 failed" with N = the number of demos;
#   - no PANIC, no timeout, and an exit status that agrees with the rest;
#   - the committed bytes of the wtask self-test modules match their .wat.
# Reports counts for tests/run.sh as suite demos-ARCH.
set -u
arch=$1
suite=demos-$arch
cd "$(dirname "$0")/../.."
log=build/$arch/demos.log
parse=build/$arch/demos-parse.json
make --no-print-directory ARCH="$arch" qemu CMDLINE= QEMU_LOG="$log" \
    QEMU_TIMEOUT=${QEMU_DEMO_TIMEOUT:-120} > /dev/null 2>&1
rc=$?
pass=0; fail=0
. tests/demos/table_checks.sh
clean=build/$arch/demos.clean.log
tr -d '\r' < "$log" > "$clean" 2>/dev/null || : > "$clean"

if ! check_table "$parse" "$clean" --dir demos; then
    bash tests/report.sh "$suite" 0 1 0
    exit 1
fi
gen=build/$arch/wtask_test_mods.c
bash src/selftest/wasm/gen.sh "$gen" 2>/dev/null
check "src/selftest/test_wtask_mods.c matches its .wat files" \
    "$(cmp -s "$gen" src/selftest/test_wtask_mods.c; echo $?)"
check "summary 'demos: $n passed, 0 failed'" "$(grep -qx "demos: $n passed, 0 failed" "$clean"; echo $?)"
check "no panic" "$(grep -q 'PANIC' "$clean"; [ $? -ne 0 ]; echo $?)"
# (make turns any QEMU status into 2: the timeout is known by the line
# tests/qemu-run.sh writes to the log)
check "finished in time" "$(grep -q '^qemu-run: TIMEOUT' "$clean"; [ $? -ne 0 ]; echo $?)"
if [ "$fail" -eq 0 ]; then check "exit status 0" "$([ "$rc" -eq 0 ]; echo $?)"
else check "exit status reports failure" "$([ "$rc" -ne 0 ]; echo $?)"; fi
[ "$fail" -ne 0 ] && { echo "--- last lines of $log:"; tail -n 40 "$clean"; }
bash tests/report.sh "$suite" "$pass" "$fail" 0
[ "$fail" -eq 0 ]
