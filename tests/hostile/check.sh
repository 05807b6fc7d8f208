#!/usr/bin/env bash
# tests/hostile/check.sh ARCH - boots ARCH's kernel with the command line
# `hostile` (every group of tests/hostile/ and tests/regress/ in the
# hostile table) and checks the serial log independently of the kernel's
# own verdicts (docs/hardening.md):
#   - every expect / expect-not / expect-kernel line of every module
#     (tests/demos/check_output.py), one check each;
#   - the runner's table: one "demo NAME PASS" row per module, and its
#     closing "hostile: N passed, 0 failed";
#   - every "task NAME killed: CAUSE" line names a cause, none of them the
#     group time limit (that would be a hang the runner cut short);
#   - after each group the kernel heap holds at most 1 MiB more than before
#     it (runner/hostile.c prints it, after walking the heap for damage);
#   - no CPU fault while a wasm task ran (the sandbox would have leaked),
#     no PANIC, no timeout, exit status 0.
# Prints the kills and traps with their causes. Suite hostile-ARCH.
set -u
arch=$1
suite=hostile-$arch
cd "$(dirname "$0")/../.."
log=build/$arch/hostile.log
parse=build/$arch/hostile-parse.json
t0=$(date +%s.%N)
make --no-print-directory ARCH="$arch" qemu "CMDLINE=hostile irqstorm=100" QEMU_LOG="$log" \
    QEMU_TIMEOUT=${QEMU_HOSTILE_TIMEOUT:-180} > /dev/null 2>&1
rc=$?
wall=$(echo "$(date +%s.%N) - $t0" | bc)
clean=build/$arch/hostile.clean.log
tr -d '\r' < "$log" > "$clean" 2>/dev/null || : > "$clean"
pass=0; fail=0
. tests/demos/table_checks.sh
# The modules the kernel runs: tests/hostile/ and the regression modules
# of a hostile group (as demos/demos.mk packs them).
regress=$(grep -l '^;; group: hostile-' tests/regress/*.wat 2>/dev/null)
# shellcheck disable=SC2086
# (tests/hostile/harness-*.wat are not of this run: tests/hostile/harness.sh)
if ! check_table "$parse" "$clean" tests/hostile/hostile-*.wat $regress; then
    bash tests/report.sh "$suite" 0 1 0
    exit 1
fi
check "summary 'hostile: $n passed, 0 failed'" "$(grep -qx "hostile: $n passed, 0 failed" "$clean"; echo $?)"
check "every kill names its cause" "$(grep -E '^task [^ ]+ killed:' "$clean" | grep -qvE '^task [^ ]+ killed: .+'; [ $? -ne 0 ]; echo $?)"
check "no task cut short by the group time limit" "$(grep -q 'killed: demo time limit' "$clean"; [ $? -ne 0 ]; echo $?)"
# A CPU fault while a wasm task runs means the sandbox leaked (the kernel
# kills the task with "killed: FAULT at pc ..."); one in the kernel itself
# halts with a failure status (checked below).
check "no CPU fault in a wasm task" "$(grep -qE '^task .* killed: .* at pc ' "$clean"; [ $? -ne 0 ]; echo $?)"
check "no panic" "$(grep -q 'PANIC' "$clean"; [ $? -ne 0 ]; echo $?)"
# hostile-dev-rng's interrupt storm (irqstorm=100 on the command line):
# masked and logged once, by the kernel
storms=$(grep -cE "^device virtio-rng: interrupt [0-9]+ fired more than 100 times in 10 ms: masked until the next bind$" "$clean")
check "virtio-rng's interrupt storm masked and logged once ($storms)" "$([ "$storms" -eq 1 ]; echo $?)"
# (make turns any QEMU status into 2: the timeout is known by the line
# tests/qemu-run.sh writes to the log)
check "finished in time" "$(grep -q '^qemu-run: TIMEOUT' "$clean"; [ $? -ne 0 ]; echo $?)"
check "exit status 0" "$([ "$rc" -eq 0 ]; echo $?)"
# The heap after each group (src/runner/hostile.c walks and checks it):
# a group may leave at most 1 MiB more in use than before it (kill storms
# leaked tens of MiB before wasm_rt_atomic_begin); one line per group.
groups=$(python3 -c 'import json,sys; print(len({d["group"] for d in json.load(open(sys.argv[1])) if d["group"].startswith("hostile")}))' "$parse")
heaplines=$(grep -cE '^hostile: heap after [^:]+: [0-9]+ KiB used' "$clean")
check "a heap line after each of the $groups groups" "$([ "$heaplines" -eq "$groups" ]; echo $?)"
while read -r g d; do
    check "heap after $g: ${d} KiB more in use (at most 1024)" "$([ "$d" -le 1024 ]; echo $?)"
done < <(sed -nE 's/^hostile: heap after ([^:]+): [0-9]+ KiB used \(\+?(-?[0-9]+) KiB\).*/\1 \2/p' "$clean")
echo "$arch: kills and traps:"
grep -E '^task [^ ]+ (killed|trapped|failed to start)' "$clean" | sort | uniq -c | sed 's/^/  /'
printf '%s hostile: %d modules, wall %.1f s (boot included)\n' "$arch" "$n" "$wall"
[ "$fail" -ne 0 ] && { echo "--- last lines of $log:"; tail -n 30 "$clean"; }
bash tests/report.sh "$suite" "$pass" "$fail" 0
[ "$fail" -eq 0 ]
