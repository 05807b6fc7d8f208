# tests/demos/table_checks.sh - sourced by the QEMU harnesses that boot a
# table of wasm modules (tests/qemu-demos/check.sh, tests/hostile/check.sh).
# Needs $arch, $pass and $fail set by the caller.

# check NAME RESULT: count one check (RESULT 0 = ok), print it when it fails.
check() {
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $arch: $1"; fi
}

# check_table PARSE CLEAN FILE...: parse the modules' directives into PARSE
# (demos/pack.py), check every expected line against the serial log CLEAN,
# and one "demo NAME PASS" table row per module. Sets n to the number of
# modules. Returns 1 if the directives do not parse.
check_table() {
    local parse=$1 clean=$2 out p f d names
    shift 2
    if ! python3 demos/pack.py --parse "$@" > "$parse"; then
        echo "FAILED: $arch: demos/pack.py --parse $*"
        return 1
    fi
    out=$(python3 tests/demos/check_output.py "$parse" "$clean")
    echo "$out" | grep '^FAILED' | sed "s/^/$arch: /"
    read -r p f <<< "$(echo "$out" | tail -n 1)"
    pass=$((pass + ${p:-0})); fail=$((fail + ${f:-1}))
    names=$(python3 -c 'import json,sys; print("\n".join(d["name"] for d in json.load(open(sys.argv[1]))))' "$parse")
    n=0
    for d in $names; do
        n=$((n + 1))
        check "table row '$d PASS'" "$(grep -qE "^demo $d +PASS " "$clean"; echo $?)"
    done
}

# fetched_build LOG WHAT CMD...: run the build CMD (output to LOG) of a
# suite whose sources ports/fetch.sh fetches with apt-get source (the
# ports, lwIP). On success return. If the fetch could not be made
# (offline), the suite ($suite) is skipped, or fails when CI is set (CI
# must not pass without what it expects); any other build failure fails
# it. Either way the report line is printed and the script exits.
fetched_build() {
    local log=$1 what=$2
    shift 2
    "$@" > "$log" 2>&1 && return 0
    if grep -q 'ports/fetch.sh: cannot fetch' "$log"; then
        grep 'ports/fetch.sh: cannot fetch' "$log"
        case "${CI:-}" in
            ""|false|0) ;;
            *)  echo "FAILED: $arch: the Debian sources of $what could not be fetched (CI=$CI: required)"
                bash tests/report.sh "$suite" 0 1 0
                exit 1 ;;
        esac
        echo "$suite: skipped: the Debian sources of $what could not be fetched (offline?)"
        bash tests/report.sh "$suite" 0 0 1
        exit 0
    fi
    tail -n 20 "$log"
    echo "FAILED: $arch: $* (see $log)"
    bash tests/report.sh "$suite" 0 1 0
    exit 1
}

# boot_checks CLEAN RC: what every boot of a group must show in its serial
# log CLEAN: no task cut short by the group time limit, no CPU fault in a
# wasm task, no panic, QEMU not timed out, exit status RC 0.
boot_checks() {
    local clean=$1 rc=$2
    check "no task cut short by the group time limit" "$(grep -q 'killed: demo time limit' "$clean"; [ $? -ne 0 ]; echo $?)"
    check "no CPU fault in a wasm task" "$(grep -qE '^task .* killed: .* at pc ' "$clean"; [ $? -ne 0 ]; echo $?)"
    check "no panic" "$(grep -q 'PANIC' "$clean"; [ $? -ne 0 ]; echo $?)"
    check "finished in time" "$(grep -q '^qemu-run: TIMEOUT' "$clean"; [ $? -ne 0 ]; echo $?)"
    check "exit status 0" "$([ "$rc" -eq 0 ]; echo $?)"
}

# host_checks HOSTLOG RC: the host side's lines ("ok: ..." / "FAILED: ...")
# shown and counted one check each, then its exit status RC.
host_checks() {
    local hostlog=$1 hrc=$2 line
    sed "s/^/$arch: host: /" "$hostlog"
    while read -r line; do
        case "$line" in
            ok:*) check "host: ${line#ok: }" 0 ;;
            FAILED:*) check "host: ${line#FAILED: }" 1 ;;
        esac
    done < "$hostlog"
    check "host: every check ran and passed (exit $hrc)" "$hrc"
}
