#!/usr/bin/env bash
# tests/run.sh - runs every registered test suite and prints the closing line.
#
# Usage: tests/run.sh SUITE...   (the Makefile passes $(TEST_SUITES))
# Each suite is the make target `test-SUITE`. A suite reports its counts by
# writing "PASSED FAILED SKIPPED" to build/test-results/SUITE.txt (the helper
# tests/report.sh does that). A suite whose target fails, or that writes no
# counts, is counted as one failure more, so a crash can never look green.
#
# Each summary line gives the suite's wall time and its CPU time (user+sys
# of the suite and every process it waited for, QEMU included), in seconds;
# build/test-results/times.txt keeps them (suite wall user sys).
#
# TEST_JOBS (default: 2 when the machine has 2 cores or more, else 1) runs
# suites two at a time in two lanes, each lane in the order given:
#   kernel lane  the suites of TEST_KERNEL_SUITES (the Makefile's list:
#                they build or boot build/ARCH/, whose jericho.pak the
#                NETSTACK=1 and PORTS=1 builds rewrite, or share build/tlsterm/)
#   host lane    every other suite (build/host/ only)
# after a prebuild (`make -jN test-prebuild`: both kernels and jwasm, the
# products both lanes use). Each suite's output goes to
# build/test-results/SUITE.log and is printed whole, in the order given,
# once it and every suite before it are done. TEST_JOBS=1 runs them one by
# one with the output as it comes, as before.
set -u
cd "$(dirname "$0")/.."
R=build/test-results
mkdir -p "$R"
tp=0; tf=0; ts=0
declare -a lines
times_file=$R/times.txt
: > "$times_file"
TIMEFORMAT='%3R %3U %3S'
start=$SECONDS

jobs=${TEST_JOBS:-$(n=$(nproc 2> /dev/null || echo 1); [ "$n" -ge 2 ] && echo 2 || echo 1)}

# run_suite SUITE: the suite's make target, timed into $R/SUITE.time.
run_suite() {
    rm -f "$R/$1.txt" "$R/$1.time" "$R/$1.rc"
    { time make --no-print-directory "test-$1" 2>&3; } 3>&2 2> "$R/$1.time"
    echo $? > "$R/$1.rc"
}

# report SUITE: add its counts and time to the totals and the summary.
report() {
    local s=$1 f="$R/$1.txt" rc wall usr sys cpu p=0 x=0 k=0
    read -r rc < "$R/$s.rc" || rc=1
    read -r wall usr sys < "$R/$s.time" || { wall=0; usr=0; sys=0; }
    echo "$s $wall $usr $sys" >> "$times_file"
    cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
    if [ -f "$f" ]; then read -r p x k < "$f"; fi
    if [ "$rc" -ne 0 ] && [ "$x" -eq 0 ]; then x=1; fi
    if [ ! -f "$f" ] && [ "$rc" -eq 0 ]; then x=1; echo "suite $s reported no counts"; fi
    tp=$((tp + p)); tf=$((tf + x)); ts=$((ts + k))
    lines+=("$(printf '%-22s %7d passed %5d failed %6d skipped %8.1f s wall %8s s cpu' \
        "$s" "$p" "$x" "$k" "$wall" "$cpu")")
}

if [ "$jobs" -le 1 ]; then
    for s in "$@"; do
        echo "=== suite $s ==="
        run_suite "$s"
        report "$s"
    done
else
    echo "=== prebuild (make -j$jobs test-prebuild) ==="
    { time make --no-print-directory -j"$jobs" test-prebuild > "$R/prebuild.log" 2>&1; } 2> "$R/prebuild.time"
    rc=$?
    read -r wall usr sys < "$R/prebuild.time"
    # A failed prebuild is the suites' to report: each builds what it needs.
    [ "$rc" -eq 0 ] || { cat "$R/prebuild.log"; echo "prebuild failed (status $rc)"; }
    echo "prebuild $wall $usr $sys" >> "$times_file"
    echo "prebuild: $wall s wall, $(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.1f", u + s }') s cpu"

    declare -A kernel_lane=() done_=()
    for s in ${TEST_KERNEL_SUITES:-}; do kernel_lane[$s]=1; done
    klist=(); hlist=()
    for s in "$@"; do
        rm -f "$R/$s.txt" "$R/$s.time" "$R/$s.rc" "$R/$s.log"
        if [ -n "${kernel_lane[$s]:-}" ]; then klist+=("$s"); else hlist+=("$s"); fi
    done
    # Lanes tell the printer a suite is done through a FIFO (no polling).
    fifo=$(mktemp -u "$R/done.XXXXXX")
    mkfifo "$fifo"
    exec 4<> "$fifo"
    lane() {
        for s in "$@"; do
            run_suite "$s" > "$R/$s.log" 2>&1
            echo "$s" >&4
        done
    }
    lane "${klist[@]}" &
    kpid=$!
    lane "${hlist[@]}" &
    hpid=$!
    trap 'kill $kpid $hpid 2> /dev/null; rm -f "$fifo"' EXIT
    for s in "$@"; do
        while [ -z "${done_[$s]:-}" ]; do
            if read -r -t 60 d <&4; then
                done_[$d]=1
            elif ! kill -0 $kpid 2> /dev/null && ! kill -0 $hpid 2> /dev/null &&
                 ! read -r -t 0 <&4; then
                # both lanes are gone and the suite never ended (a lane
                # was killed): report shows it as failed (no status)
                echo "suite $s did not run to its end" > "$R/$s.log"
                break
            fi
        done
        echo "=== suite $s ==="
        cat "$R/$s.log"
        report "$s"
    done
    wait $kpid $hpid
    trap - EXIT
    exec 4<&-
    rm -f "$fifo"
fi
echo
echo "=== summary ==="
for l in "${lines[@]}"; do echo "$l"; done
echo "all suites: $((SECONDS - start)) s wall ($jobs at a time)"
echo "$tp passed, $tf failed, $ts skipped"
[ "$tf" -eq 0 ]
