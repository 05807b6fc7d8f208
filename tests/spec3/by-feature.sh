#!/usr/bin/env bash
# tests/spec3/by-feature.sh COUNTS - the 3.0 suite's counts by feature.
# COUNTS is tests/spec/run.sh's per-script file (build/host/spec3/counts.txt:
# "SCRIPT PASSED FAILED SKIPPED" lines). A script is given to one feature
# by its name, as the testsuite names them (a feature's instructions also
# appear in other scripts: extended-const in global/data/elem, ...).
set -u
feature() {
    case $1 in
    simd_*) echo simd ;;
    relaxed_* | *_relaxed_*) echo relaxed-simd ;;
    return_call | return_call_indirect) echo tail-call ;;
    call_ref | return_call_ref | ref_as_non_null | br_on_null | br_on_non_null) echo function-references ;;
    array* | struct | i31 | ref_cast | ref_test | ref_eq | br_on_cast* | binary-gc | extern | type-*) echo gc ;;
    tag | throw | throw_ref | try_table) echo exceptions ;;
    i64 | f64 | f64_*) echo core ;;
    *64 | memory64-imports) echo memory64 ;;
    *[0-9] | memory-multi) echo multi-memory ;;
    *) echo core ;;
    esac
}
[ -f "${1:-}" ] || { echo "by-feature.sh: no counts file ${1:-}"; exit 0; }
while read -r n p f s; do
    echo "$(feature "$n") $p $f $s"
done <"$1" | awk '{ p[$1] += $2; f[$1] += $3; s[$1] += $4; n[$1]++ }
    END { for (k in p) printf "  %-20s %7d %7d %7d %7d\n", k, n[k], p[k], f[k], s[k] }' |
    sort | { printf '  %-20s %7s %7s %7s %7s\n' feature scripts passed failed skipped; cat; }
