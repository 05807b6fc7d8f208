#!/usr/bin/env bash
# src/hal/x86_64/test_faults.sh - the x86-64 fault-report suite: boots the
# kernel once per exception kind with "x86.fault=KIND" (fault_test.c) and
# checks that the report names the exception and its vector, shows RIP and
# the registers (and CR2 for page faults) and a backtrace naming the
# function (the image's symbol table), says it is a kernel panic, and that
# the machine stops with
# exit status 4 (unhandled exception), not a hang, triple fault or reboot.
# Run by `make test-x86_64-faults` (arch.mk); reports through tests/report.sh.
set -u
cd "$(dirname "$0")/../../.."
B=build/x86_64
mkdir -p $B/faults
pass=0; fail=0
# kind | expected exception line (regex) | fault address expected (cr2 regex or -)
#      | a backtrace line expected (the function, from the built-in symbol table)
F='x86_fault_selftest\+0x[0-9a-f]+/0x[0-9a-f]+'
cases=(
    "de|EXCEPTION: divide error \(vector 0\)|-|$F"
    "bp|EXCEPTION: breakpoint \(vector 3\)|-|$F"
    "ud|EXCEPTION: invalid opcode \(vector 6\)|-|$F"
    "gp|EXCEPTION: general protection fault \(vector 13\)|-|$F"
    "pf|EXCEPTION: page fault \(vector 14\), error code 0x0 \[read, not present\]|fault address \(cr2\) 0x4000000000|$F"
    "wp|EXCEPTION: page fault \(vector 14\), error code 0x3 \[write, protection violation\]|fault address \(cr2\) 0x100000|$F"
    "nx|EXCEPTION: page fault \(vector 14\), error code 0x11 \[fetch, protection violation\]|fault address \(cr2\) 0x|x86_boot\+0x"
    "df|EXCEPTION: double fault \(vector 8\)|-|pc 0x[0-9a-f]+ recurse"
)
for c in "${cases[@]}"; do
    IFS='|' read -r kind want addr bt <<< "$c"
    log=$B/faults/$kind.log
    bash tests/qemu-run.sh x86_64 20 "x86.fault=$kind" "$log" -- "$@" > /dev/null
    rc=$?
    why=""
    grep -qE "$want" "$log" || why="$why no '$want';"
    grep -qE '^  r15 [0-9a-f]{16}  rip [0-9a-f]{16}' "$log" || why="$why no register dump;"
    [ "$addr" = - ] || grep -qE "$addr" "$log" || why="$why no '$addr';"
    grep -qE '^\*\*\* kernel panic: .* in kernel code' "$log" || why="$why no kernel panic line;"
    grep -qE "^    #[0-9 ]+ .*$bt" "$log" || why="$why no backtrace line '$bt';"
    grep -q "no exception was raised" "$log" && why="$why no exception;"
    [ "$rc" -eq 4 ] || why="$why exit status $rc, expected 4;"
    if [ -z "$why" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAILED: x86.fault=$kind:$why (log: $log)"
    fi
done
echo "x86_64-faults: $pass of ${#cases[@]} exception reports as expected"
bash tests/report.sh x86_64-faults "$pass" "$fail" 0
[ "$fail" -eq 0 ]
