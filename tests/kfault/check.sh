#!/usr/bin/env bash
# tests/kfault/check.sh - boots the test image with kfault=KIND on both
# architectures (src/selftest/kfault.c) and checks that each fault in
# kernel code is a kernel panic: the panic line naming the current task,
# the CPU exception report, a backtrace naming the faulting function from
# the image's symbol table, exit status 4; and that the task is not merely
# killed (the old behaviour) and nothing goes on after it. Suite kfault.
set -u
cd "$(dirname "$0")/../.."
pass=0; fail=0
# kind | task named in the panic line | function in the backtrace
cases=(
    "task|kfault-task|read_page0"
    "hostcall|boot|kfault_boom"
)
for arch in x86_64 arm64; do
    for c in "${cases[@]}"; do
        IFS='|' read -r kind task fn <<< "$c"
        log=build/$arch/kfault-$kind.log
        make --no-print-directory ARCH=$arch qemu KIMAGE=jericho-test CMDLINE="kfault=$kind" \
            QEMU_LOG="$log" QEMU_TIMEOUT=60 > /dev/null 2>&1
        why=""
        have() { tr -d '\r' < "$log" | grep -qE -- "$1"; }
        have "^\*\*\* kernel panic: (page fault|data abort) at pc 0x[0-9a-f]+ in kernel code, current task $task\$" ||
            why="$why no panic line for task $task;"
        have '^(EXCEPTION: page fault|\*\*\* CPU exception: data abort)' || why="$why no exception report;"
        have "^    #[0-9 ]+ (pc|ret|   ) 0x[0-9a-f]+ $fn\+0x[0-9a-f]+/0x[0-9a-f]+\$" ||
            why="$why no backtrace line with $fn;"
        have 'trapped|killed|kfault: read|no kernel panic|\[test\]' && why="$why it went on after the fault;"
        have '^qemu-run: kernel exit status 4$' || why="$why exit status not 4;"
        if [ -z "$why" ]; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            echo "FAILED: $arch kfault=$kind:$why (log: $log)"
            tail -n 30 "$log"
        fi
    done
done
bash tests/report.sh kfault "$pass" "$fail" 0
[ "$fail" -eq 0 ]
