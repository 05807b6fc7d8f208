#!/usr/bin/env bash
# tests/run.sh - runs every registered test suite and prints the closing line.
#
# Usage: tests/run.sh SUITE...   (the Makefile passes $(TEST_SUITES))
# Each suite is the make target `test-SUITE`. A suite reports its counts by
# writing "PASSED FAILED SKIPPED" to build/test-results/SUITE.txt (the helper
# tests/report.sh does that). A suite whose target fails, or that writes no
# counts, is counted as one failure more, so a crash can never look green.
# Each summary line gives the suite's wall time and its CPU time (user+sys
# of the suite and every process it waited for, QEMU included), in seconds;
# build/test-results/times.txt keeps them (suite wall user sys).
set -u
cd "$(dirname "$0")/.."
mkdir -p build/test-results
tp=0; tf=0; ts=0
declare -a lines
times_file=build/test-results/times.txt
: > "$times_file"
TIMEFORMAT='%3R %3U %3S'
for s in "$@"; do
    f="build/test-results/$s.txt"
    t="build/test-results/$s.time"
    rm -f "$f" "$t"
    echo "=== suite $s ==="
    { time make --no-print-directory "test-$s" 2>&3; } 3>&2 2> "$t"
    rc=$?
    read -r wall usr sys < "$t" || { wall=0; usr=0; sys=0; }
    echo "$s $wall $usr $sys" >> "$times_file"
    cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
    p=0; x=0; k=0
    if [ -f "$f" ]; then read -r p x k < "$f"; fi
    if [ "$rc" -ne 0 ] && [ "$x" -eq 0 ]; then x=1; fi
    if [ ! -f "$f" ] && [ "$rc" -eq 0 ]; then x=1; echo "suite $s reported no counts"; fi
    tp=$((tp + p)); tf=$((tf + x)); ts=$((ts + k))
    lines+=("$(printf '%-22s %7d passed %5d failed %6d skipped %8.1f s wall %8s s cpu' \
        "$s" "$p" "$x" "$k" "$wall" "$cpu")")
done
echo
echo "=== summary ==="
for l in "${lines[@]}"; do echo "$l"; done
echo "$tp passed, $tf failed, $ts skipped"
[ "$tf" -eq 0 ]
