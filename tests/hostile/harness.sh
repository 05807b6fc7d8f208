#!/usr/bin/env bash
# tests/hostile/harness.sh ARCH - boots ARCH's kernel with the command line
# `hostile=harness*`: the groups of tests/hostile/harness-*.wat, which try
# to fool the runner's own verdicts (src/runner/run.c, check.c;
# docs/hardening.md, "The runner's verdicts"). Some of them must FAIL: this
# script knows each module's right verdict and checks the runner's table,
# its lines saying why, its closing summary and a failure exit status:
#   - harness-many (17 modules, one more than GROUP_MAX): the group fails,
#     not run, with a line that says so; all 17 rows FAIL;
#   - harness-overflow prints more than the output log holds: FAIL with the
#     overflow line; harness-overflow-after, the next group, still PASSes;
#   - harness-forge (another group) and harness-victim-forger (the same
#     group, harness-forge-victims) spawn copies of harness-victim-pass / -fail that print the
#     lines which would fail / pass them: the copies did print (checked),
#     and the victims keep their honest verdicts (PASS / FAIL).
# Suite harness-ARCH.
set -u
arch=$1
suite=harness-$arch
cd "$(dirname "$0")/../.."
log=build/$arch/harness.log
clean=build/$arch/harness.clean.log
make --no-print-directory ARCH="$arch" qemu CMDLINE='hostile=harness*' QEMU_LOG="$log" \
    QEMU_TIMEOUT=${QEMU_HOSTILE_TIMEOUT:-180} > /dev/null 2>&1
rc=$?
tr -d '\r' < "$log" > "$clean" 2>/dev/null || : > "$clean"
pass=0; fail=0
check() {   # check NAME RESULT (0 = ok)
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $arch: $1"; fi
}
has() { grep -qE "$1" "$clean"; }
row() {     # row NAME PASS|FAIL: the runner's table says so
    check "table row '$1 $2'" "$(has "^demo $1 +$2 "; echo $?)"
}
# The modules there are, so that a file added or lost shows.
mods=$(ls tests/hostile/harness-*.wat | wc -l)
check "23 harness modules in tests/hostile" "$([ "$mods" -eq 23 ]; echo $?)"

check "harness-many: the group fails, not run, and says why" \
    "$(has '^demo: group harness-many has 17 modules, more than the 16 a group may have: FAIL, not run$'; echo $?)"
for i in $(seq -w 1 17); do row "harness-many-$i" FAIL; done
check "harness-many: none of its modules ran" "$(has '^\[harness-many-'; [ $? -ne 0 ]; echo $?)"

check "harness-overflow: the overflow is said, the group fails" \
    "$(has '^demo: group harness-overflow printed more than its output log holds \([0-9]+ KiB, [0-9]+ lines lost\): its verdicts are void: FAIL$'; echo $?)"
check "harness-overflow: it did print more than 600 KB" \
    "$([ "$(grep '^\[harness-overflow\] ' "$clean" | wc -c)" -gt 600000 ]; echo $?)"
row harness-overflow FAIL
row harness-overflow-after PASS

check "the forgers' copies printed the victims' lines (4 copies)" \
    "$([ "$(grep -cx '\[harness-victim-\(pass\|fail\)\] victim: forged' "$clean")" -eq 4 ]; echo $?)"
row harness-forge PASS
row harness-victim-forger PASS
row harness-victim-pass PASS
row harness-victim-fail FAIL
check "harness-victim-fail: 0 of its 2 checks" "$(has '^demo harness-victim-fail +FAIL \(0/2 checks\)'; echo $?)"

check "summary 'hostile: 4 passed, 19 failed'" "$(has '^hostile: 4 passed, 19 failed$'; echo $?)"
check "no panic" "$(has 'PANIC'; [ $? -ne 0 ]; echo $?)"
check "finished in time" "$(has '^qemu-run: TIMEOUT'; [ $? -ne 0 ]; echo $?)"
check "exit status reports the failures" \
    "$(has '^qemu-run: kernel exit status 1$' && [ "$rc" -ne 0 ]; echo $?)"
[ "$fail" -ne 0 ] && { echo "--- runner lines of $log:"; grep -E '^(demo|hostile|==)' "$clean" | tail -n 60; }
bash tests/report.sh "$suite" "$pass" "$fail" 0
[ "$fail" -eq 0 ]
