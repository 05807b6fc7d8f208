#!/usr/bin/env bash
# tests/fuzz/run.sh MODE FZDIR SECONDS TARGET... - run libFuzzer targets.
#
# MODE fuzz:  run each target FZDIR/fuzz_TARGET for SECONDS, print its
#             executions, rate and crashes; exit 1 if any target crashed.
# MODE suite: the same, then replay tests/regress/* (every *.wasm through
#             fuzz_decode and fuzz_run, every diff-*.bin through fuzz_diff)
#             and report through tests/report.sh fuzz: one pass per target
#             that ran clean and per regression input that replays clean,
#             one failure per crash.
# Corpora live in FZDIR/corpus/TARGET (kept between runs); crash inputs
# are written to FZDIR/crashes/. Leak detection is off for fuzz_run only
# (docs/fuzzing.md says why).
set -u
cd "$(dirname "$0")/../.."
mode=$1; fz=$2; secs=$3; shift 3
pass=0; fail=0
mkdir -p "$fz/crashes" "$fz/logs"

opts_for() {
    case "$1" in
        run) echo "-detect_leaks=0" ;;
        *) echo "" ;;
    esac
}
seeds_for() {
    case "$1" in
        decode|run) echo "$fz/corpus/seed-wasm" ;;
        *) echo "" ;;
    esac
}

for t in "$@"; do
    bin=$fz/fuzz_$t
    corpus=$fz/corpus/$t
    log=$fz/logs/$t.log
    mkdir -p "$corpus"
    # shellcheck disable=SC2046
    timeout -k 5 $((secs + 120)) "$bin" -max_total_time="$secs" -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$fz/crashes/$t-" $(opts_for "$t") \
        "$corpus" $(seeds_for "$t") > "$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    ncorp=$(find "$corpus" -type f | wc -l)
    if [ "$rc" -eq 0 ]; then
        pass=$((pass + 1))
        printf 'fuzz_%-7s %10s execs %7s/s  %s  corpus %s  crashes 0\n' \
            "$t" "${execs:-?}" "${rate:-?}" "${cov:-cov: ?}" "$ncorp"
    else
        fail=$((fail + 1))
        art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        printf 'fuzz_%-7s CRASHED (exit %d) after %s execs; input: %s\n' \
            "$t" "$rc" "${execs:-?}" "${art:-none written}"
        grep -m1 -E 'ERROR: (AddressSanitizer|libFuzzer)|runtime error:|deadly signal' "$log" |
            sed 's/^/    /'
        grep -m6 -E '^ +#[0-9]+ ' "$log" | sed 's/^/    /'
        echo "    full log: $log"
    fi
done

[ "$mode" = fuzz ] && { [ "$fail" -eq 0 ]; exit; }

# Replay the regression inputs: each one must run clean.
replay() { # TARGET FILE
    if "$fz/fuzz_$1" $(opts_for "$1") -runs=1 "$2" > "$fz/logs/replay.log" 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "regress: $2 fails under fuzz_$1 (log: $fz/logs/replay-$1-$(basename "$2").log)"
        cp "$fz/logs/replay.log" "$fz/logs/replay-$1-$(basename "$2").log"
    fi
}
nreg=0
for f in tests/regress/*.wasm; do
    [ -f "$f" ] || continue
    nreg=$((nreg + 1))
    replay decode "$f"
    replay run "$f"
done
for f in tests/regress/diff-*.bin; do
    [ -f "$f" ] || continue
    nreg=$((nreg + 1))
    replay diff "$f"
done
echo "regress: $nreg inputs replayed"
bash tests/report.sh fuzz "$pass" "$fail" 0
[ "$fail" -eq 0 ]
