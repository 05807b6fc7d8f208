#!/usr/bin/env bash
# tests/shell/check.sh ARCH - the shell on ARCH (suite shell-ARCH):
#   1. `make run` driven by tests/shell/drive.py with tests/shell/script.txt
#      (a line typed at each prompt): modules, tasks, a spawn with chosen
#      capabilities and arguments, the child's own capabilities through
#      the monitor, memory, errors, kill through the TASK capability,
#      exit; the output is checked line by line below;
#   2. `hostile=shell-mon`: the monitor's calls and task_spawn_args under
#      bad input, tasks ending while listed (tests/shell/shell-mon.c).
set -u
arch=$1
suite=shell-$arch
cd "$(dirname "$0")/../.."
pass=0; fail=0
check() {   # check NAME STATUS
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $1"; fi
}
out=build/$arch/shell
mkdir -p "$out"
log=$out/run.log

QEMU_STDIN=inherit python3 tests/shell/drive.py --script tests/shell/script.txt \
    --out "$log" --timeout 400 -- make --no-print-directory ARCH="$arch" run RUN_TIMEOUT=300
rc=$?
tr -d '\r' < "$log" > "$out/run.clean.log"
l=$out/run.clean.log
has() { grep -qE -- "$1" "$l"; echo $?; }
hasnt() { grep -qE -- "$1" "$l"; [ $? -ne 0 ]; echo $?; }
check "prompt and help" "$(has '^\[shell\]   spawn NAME \[caps=S,S\.\.\] \[prio=N\] \[ARG\.\.\.\]')"
check "mods lists shell-child (spawn only)" "$(has '^\[shell\] shell-child +tests +spawn ')"
check "mods lists the demos" "$(has '^\[shell\] hello-c +demos +group ')"
check "mods counts" "$(has '^\[shell\] [0-9]+ modules$')"
check "ps shows the shell running, CPU counted" "$(has '^\[shell\] +[0-9]+ shell +running +20 +[0-9]+ +[0-9]+/[0-9]+$')"
check "spawn: task capability in slot 5" "$(has '^\[shell\] spawned shell-child: its task capability is in slot 5$')"
check "the child got its arguments" "$(has '^\[shell-child\] child: 4 args: \[shell-child\] \[forever\] \[alpha\] \["b\]$')"
check "jobs: slot 5" "$(has '^\[shell\] slot 5: shell-child$')"
check "ps shows the child sleeping at prio 10" "$(has '^\[shell\] +[0-9]+ shell-child +sleeping +10 ')"
check "caps: my monitor capability" "$(has '^\[shell\] slot  3: monitor +r$')"
check "caps: my task capability" "$(has '^\[shell\] slot  5: task +rw$')"
kid=$(grep -B2 '^\[shell\] 2 capabilities$' "$l")
check "caps ID: the child's console (rw, as the shell's)" "$(echo "$kid" | grep -qE '^\[shell\] slot  0: console +rw$'; echo $?)"
check "caps ID: the child's clock r" "$(echo "$kid" | grep -qE '^\[shell\] slot  1: clock +r$'; echo $?)"
check "caps ID: 2 capabilities" "$(has '^\[shell\] 2 capabilities$')"
check "caps of no task: NOT_FOUND" "$(has '^\[shell\] caps: NOT_FOUND$')"
check "mem" "$(has '^\[shell\] ram [0-9]+ KiB, free [0-9]+ KiB, kernel heap [0-9]+ KiB')"
check "spawn above my priority: NO_RIGHTS" "$(has '^\[shell\] spawn: NO_RIGHTS$')"
check "spawn of no module: NOT_FOUND" "$(has '^\[shell\] spawn: NOT_FOUND$')"
check "spawn passing an empty slot: EMPTY_SLOT" "$(has '^\[shell\] spawn: EMPTY_SLOT$')"
check "kill of an empty slot: EMPTY_SLOT" "$(has '^\[shell\] kill: EMPTY_SLOT$')"
check "unknown command" "$(has '^\[shell\] frobnicate: unknown command')"
check "kill through the task capability" "$(has '^\[shell\] killed shell-child \(slot 5\)$')"
check "the kernel says who killed it" "$(has '^task shell-child killed: by task shell$')"
check "the child is gone from ps" "$(sed -n '/killed shell-child/,$p' "$l" | grep -Eq '^\[shell\] +[0-9]+ shell-child +[a-z]'; [ $? -ne 0 ]; echo $?)"
check "no jobs left" "$(has '^\[shell\] 0 jobs$')"
check "exit" "$(has '^task shell exited with code 0$')"
check "the runner's verdict" "$(has '^shell: ended, passed$')"
check "no panic" "$(hasnt 'PANIC|kernel panic')"
check "make run exit status 0 (was $rc)" "$([ "$rc" -eq 0 ]; echo $?)"
[ "$fail" -ne 0 ] && { echo "--- last lines of $l:"; tail -n 40 "$l"; }

hl=$out/hostile.log
timeout 400 make --no-print-directory ARCH="$arch" qemu CMDLINE=hostile=shell-mon \
    QEMU_TIMEOUT=300 QEMU_LOG="$hl" > /dev/null 2>&1
hrc=$?
tr -d '\r' < "$hl" > "$hl.clean"
n=$(grep -cE '^// expect(-not|-kernel)?:' tests/shell/shell-mon.c)
check "shell-mon: PASS ($n checks)" "$(grep -qE "^demo shell-mon +PASS \\($n/$n checks\\)" "$hl.clean"; echo $?)"
check "shell-mon: no panic, status 0 (was $hrc)" "$(grep -qE 'PANIC|kernel panic' "$hl.clean"; [ $? -ne 0 ] && [ "$hrc" -eq 0 ]; echo $?)"
[ "$hrc" -ne 0 ] && tail -n 30 "$hl.clean"
bash tests/report.sh "$suite" "$pass" "$fail" 0
[ "$fail" -eq 0 ]
