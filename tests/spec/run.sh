#!/usr/bin/env bash
# tests/spec/run.sh SUITE RUNNER [TIMEOUT] - run the spec test suite.
#
# For each $WASM_TESTSUITE/*.wast (default ../shared/wasm-testsuite from
# the repo root): convert with wast2json into build/host/spec/NAME/ (only
# when the .wast is newer than the JSON), run RUNNER on it (every script,
# SIMD included), and add up the runner's
# "counts P F S" line. A runner that crashes or times out before its counts
# has all the file's commands counted as failed; one that fails after them
# (a sanitizer's leak report at exit) counts as one failure more. Ends with tests/report.sh SUITE P F S
# and exits non-zero when anything failed.
#
# Without the testsuite (or wast2json) the suite is one skip: fine for a
# user, but CI expects the suite, so with CI set (to anything but "",
# "false" or "0": .ci/run sets CI=true, as CI services do) a missing
# testsuite or wast2json is one failure instead.
#
# tests/spec/run.sh --convert-only: only refresh the JSON/.wasm cache.
# SPEC_RUNNER_FLAGS (e.g. --lazy) are passed to RUNNER.
#
# The 3.0 suite (tests/spec3/suite.mk) runs this with: WASM_TESTSUITE,
# SPEC_OUT (the cache), SPEC_CONVERT (a converter called as wast2json is:
# IN.wast -o OUT.json; its "--check" must succeed) and SPEC_KNOWN, a file of "SCRIPT FAILURES"
# lines: a script's failures up to that number are counted apart as known
# (features not implemented yet), shown but not failing the suite; more
# fail it. Runner lines "skip: ..." are collected into SPEC_OUT/skipped.txt,
# each script's counts into SPEC_OUT/counts.txt (counts-san.txt ... for
# the suites SUITE-san, SUITE-switch, which may run beside SUITE).
# SPEC_SCRIPTS: the scripts to run, as names or globs without .wast
# (default: all; spec3-san and spec3-switch run a subset).
set -u
cd "$(dirname "$0")/../.."
convert_only=0
if [ "${1:-}" = --convert-only ]; then convert_only=1; set -- convert x; fi
suite=$1
runner=$2
tmo=${3:-120}
ts=${WASM_TESTSUITE:-../shared/wasm-testsuite}
out=${SPEC_OUT:-build/host/spec}
conv=${SPEC_CONVERT:-wast2json}
known=${SPEC_KNOWN:-}
case "${CI:-}" in ""|false|0) ci=0 ;; *) ci=1 ;; esac
missing() {     # missing WHAT: a skip, or under CI a failure
    if [ "$ci" = 1 ]; then
        echo "FAILED: $1 (CI=$CI: the spec suite is required)"
        [ "$convert_only" = 1 ] || bash tests/report.sh "$suite" 0 1 0
        exit 1
    fi
    echo "skipped: $1"
    [ "$convert_only" = 1 ] || bash tests/report.sh "$suite" 0 0 1
    exit 0
}
if [ ! -d "$ts" ] || ! ls "$ts"/*.wast >/dev/null 2>&1; then
    missing "testsuite not found ($ts)"
fi
if [ "$conv" = wast2json ]; then
    command -v wast2json >/dev/null || missing "wast2json not installed"
else
    why=$($conv --check 2>&1) || missing "converter $conv unavailable: $(printf '%s' "$why" | tail -n 3)"
fi
tp=0; tf=0; tsk=0; tknown=0
label=${suite%-san}
label=${label%-switch}
tag=${suite#"$label"}                 # "", -san or -switch: its own counts
counts=$out/counts$tag.txt
skipped=$out/skipped$tag.txt
rm -f "$skipped.new" "$counts.new"
start=$(date +%s)
# Suites that share the cache (spec, spec-san, spec-switch) may run at once
# (make -j): one converts a script while the others wait on the lock.
mkdir -p "$out"
exec 9>"$out/.convert.lock"
scripts=()
declare -A seen=()
read -ra globs <<<"${SPEC_SCRIPTS:-*}"    # (read: no globbing in the cwd)
for g in "${globs[@]}"; do
    for w in "$ts"/$g.wast; do
        [ -f "$w" ] && [ -z "${seen[$w]:-}" ] && scripts+=("$w") && seen[$w]=1
    done
done
for w in "${scripts[@]}"; do
    n=$(basename "$w" .wast)
    d=$out/$n
    j=$d/$n.json
    if [ ! -f "$j" ] || [ "$w" -nt "$j" ]; then
        flock 9
        if [ ! -f "$j" ] || [ "$w" -nt "$j" ]; then
            # converted aside, then renamed: a reader never sees half a file
            tmp=$out/.tmp-$n-$$
            rm -rf "$tmp" "$d"
            mkdir -p "$tmp"
            if ! $conv "$w" -o "$tmp/$n.json" >/dev/null 2>"$tmp/wast2json.err"; then
                echo "$n.wast: $conv failed: $(head -c 300 "$tmp/wast2json.err")"
                rm -rf "$tmp"
                flock -u 9
                tf=$((tf + 1))
                continue
            fi
            mv "$tmp" "$d"
        fi
        flock -u 9
    fi
    [ "$convert_only" = 1 ] && continue
    res=$(timeout "$tmo" "$runner" ${SPEC_RUNNER_FLAGS:-} "$j" 2>&1)
    rc=$?
    last=$(printf '%s\n' "$res" | grep '^counts ' | tail -n 1)
    if [ -n "$last" ]; then
        read -r _ p f s <<<"$last"
        printf '%s\n' "$res" | grep -v '^counts ' | grep -v '^    #' | grep -v '^  skip: ' | head -n 60
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
            # e.g. a sanitizer's leak report at exit, after the counts
            echo "$n.wast: runner exited with status $rc after its counts: one failure more"
            f=1
        fi
    else
        printf '%s\n' "$res" | tail -n 20
        echo "$n.wast: runner died (status $rc); all its commands count as failed"
        last=$("$runner" --count "$j" | tail -n 1)
        read -r _ p f s <<<"$last"
    fi
    if [ -n "$known" ]; then
        echo "$n $p $f $s" >>"$counts.new"
        printf '%s\n' "$res" | grep '^  skip: ' | sed 's/^  skip: //' >>"$skipped.new"
        k=$(awk -v n="$n" '$1 == n { print $2 }' "$known")
        if [ -n "$k" ] && [ "$f" -lt "$k" ]; then
            echo "$n.wast: $f failed, fewer than the $k known: lower its line in $known"
        fi
        if [ -n "$k" ] && [ "$f" -le "$k" ]; then
            tknown=$((tknown + f)); f=0
        fi
    fi
    tp=$((tp + p)); tf=$((tf + f)); tsk=$((tsk + s))
done
[ "$convert_only" = 1 ] && exit 0
echo "$label total: $tp passed, $((tf + tknown)) failed, $tsk skipped ($(( $(date +%s) - start )) s)"
if [ -n "$known" ]; then
    mv "$skipped.new" "$skipped" 2>/dev/null || : >"$skipped"
    mv "$counts.new" "$counts" 2>/dev/null || : >"$counts"
    echo "  of the failures, $tknown known (features not implemented yet: $known), $tf new"
    echo "  skipped: $tsk text-format assert_malformed modules, listed in $skipped"
fi
if [ "$ci" = 1 ] && [ "$tp" -eq 0 ]; then     # a folder without a runnable script
    echo "FAILED: no spec command passed in $ts (CI=$CI: the spec suite is required)"
    tf=$((tf + 1))
fi
bash tests/report.sh "$suite" "$tp" "$tf" "$tsk"
[ "$tf" -eq 0 ]
