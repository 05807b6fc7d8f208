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
