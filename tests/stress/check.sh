#!/usr/bin/env bash
# tests/stress/check.sh ARCH [stress|soak] - boots ARCH's kernel with the
# command line `stress[=M]` (suite stress-ARCH) or `soak=S [messages=M]`
# (make soak) and checks the serial log independently of the kernel's
# own verdicts (docs/hardening.md):
#   - every expect / expect-not / expect-kernel line of the stress modules
#     (tests/demos/check_output.py), one check each;
#   - the totals line: sent = received = M x rounds, lost, duplicated,
#     reordered, checksum mismatches, misdelivered, bad replies all 0 (one
#     check each);
#   - 64 exchanging tasks ended with code 0 (56 senders, 8 receivers per
#     round), no task trapped or killed, the table row and summary;
#   - no PANIC, no timeout, exit status 0.
# Environment: STRESS_MESSAGES (default: the module's 1,000,000),
# SOAK_SECONDS (default 300), SOAK_MESSAGES (messages per soak round).
# Prints the guest time of the run and the wall time of the boot.
set -u
arch=$1 mode=${2:-stress}
cd "$(dirname "$0")/../.."
suite=$mode-$arch
log=build/$arch/$mode.log
parse=build/$arch/stress-parse.json
if [ "$mode" = soak ]; then
    secs=${SOAK_SECONDS:-300}
    msgs=${SOAK_MESSAGES:-}
    cmdline="soak=$secs${msgs:+ messages=$msgs}"
    tmo=$((secs * 3 + 200))
else
    msgs=${STRESS_MESSAGES:-}
    cmdline="stress${msgs:+=$msgs}"
    tmo=${STRESS_TIMEOUT:-300}
fi
t0=$(date +%s.%N)
make --no-print-directory ARCH="$arch" qemu CMDLINE="$cmdline" QEMU_LOG="$log" \
    QEMU_TIMEOUT="$tmo" > /dev/null 2>&1
rc=$?
wall=$(echo "$(date +%s.%N) - $t0" | bc)
clean=build/$arch/$mode.clean.log
tr -d '\r' < "$log" > "$clean" 2>/dev/null || : > "$clean"
pass=0; fail=0
check() {   # check NAME RESULT(0 = ok)
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $arch $mode: $1"; fi
}
if ! python3 demos/pack.py --parse tests/stress/*.wat > "$parse"; then
    echo "FAILED: $arch: demos/pack.py --parse tests/stress"
    bash tests/report.sh "$suite" 0 1 0
    exit 1
fi
out=$(python3 tests/demos/check_output.py "$parse" "$clean" stress)
echo "$out" | grep '^FAILED' | sed "s/^/$arch $mode: /"
read -r p f <<< "$(echo "$out" | tail -n 1)"
pass=$((pass + ${p:-0})); fail=$((fail + ${f:-1}))

# The message count the run was asked for: the module's badge unless given.
[ -z "$msgs" ] && msgs=$(python3 -c 'import json,sys
for d in json.load(open(sys.argv[1])):
    for c in d["caps"]:
        if c["object"] == "messages": print(c["badge"])' "$parse")
totals=$(grep -E '^\[stress\] stress: totals: ' "$clean" | tail -n 1)
num() { echo "$totals" | sed -nE "s/.*[ ,]$1 ([0-9]+).*/\1/p"; }
rounds=$(echo "$totals" | sed -nE 's/.*, ([0-9]+) rounds,.*/\1/p')
check "a totals line" "$([ -n "$totals" ]; echo $?)"
want=$(( ${msgs:-0} * ${rounds:-0} ))
check "sent = $msgs x ${rounds:-?} rounds" "$([ "$(num sent)" = "$want" ] && [ "$want" -gt 0 ]; echo $?)"
check "received = sent" "$([ "$(num received)" = "$want" ]; echo $?)"
for k in lost duplicated reordered "checksum mismatches" misdelivered "bad replies"; do
    check "$k 0" "$([ "$(num "$k")" = 0 ]; echo $?)"
done
r=${rounds:-0}
check "$((56 * r)) senders exited with code 0" \
    "$([ "$(grep -cx 'task stress-send exited with code 0' "$clean")" -eq $((56 * r)) ] && [ "$r" -gt 0 ]; echo $?)"
check "$((8 * r)) receivers exited with code 0" \
    "$([ "$(grep -cx 'task stress-recv exited with code 0' "$clean")" -eq $((8 * r)) ] && [ "$r" -gt 0 ]; echo $?)"
check "no task trapped or killed" "$(grep -qE '^task .* (trapped|killed|failed to start)' "$clean"; [ $? -ne 0 ]; echo $?)"
check "table row 'stress PASS'" "$(grep -qE '^demo stress +PASS ' "$clean"; echo $?)"
check "summary '$mode: 3 passed, 0 failed'" "$(grep -qx "$mode: 3 passed, 0 failed" "$clean"; echo $?)"
check "no panic" "$(grep -q 'PANIC' "$clean"; [ $? -ne 0 ]; echo $?)"
# (make turns any QEMU status into 2: the timeout is known by the line
# tests/qemu-run.sh writes to the log)
check "finished in time" "$(grep -q '^qemu-run: TIMEOUT' "$clean"; [ $? -ne 0 ]; echo $?)"
check "exit status 0" "$([ "$rc" -eq 0 ]; echo $?)"
guest=$(echo "$totals" | sed -nE 's/.*guest time ([0-9]+) ms.*/\1/p')
printf '%s %s: %s messages in %s rounds, guest time %s ms, wall %.1f s (boot included)\n' \
    "$arch" "$mode" "$(num received)" "${rounds:-?}" "${guest:-?}" "$wall"
[ "$fail" -ne 0 ] && { echo "--- last lines of $log:"; tail -n 30 "$clean"; }
bash tests/report.sh "$suite" "$pass" "$fail" 0
[ "$fail" -eq 0 ]
