#!/usr/bin/env bash
# tests/debug/check.sh - `make debug` works, on both architectures: it
# prints the gdb command, QEMU waits for it; that very command (plus
# -batch and a script) attaches. DEMO=factorial (session.gdb): stop at
# kernel_main and at the task's first console_write system call, read
# symbols, run every helper of tools/gdb/jericho.py (tasks, runq, cspace,
# wasm-stack with names from the name section). DEMO=ipc
# (session-ipc.gdb): the wasm stack of a task switched out in a system
# call, and `bt` from the timer interrupt into the code it interrupted. Both then let the kernel run to its normal exit, which `make
# debug` must report as success. Then two short boots, without CMDLINE
# and with a two-word one, that gdb checks at kernel_main. Suite debug.
set -u
cd "$(dirname "$0")/../.."
pass=0; fail=0
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# session DEMO GDB-SCRIPT: one full session of make debug and gdb; the
# checks of each demo follow.
checks_factorial() {
    g '^Breakpoint 1, kernel_main '
    g '^\$1 = 0x0$'
    g '^\$2 = [1-9]'
    g '^Breakpoint 2, sys_console_write '
    g '^\$3 = "factorial'
    g '^[0-9]+ +boot +[A-Z_]+ +[0-9]+  boot$'
    g '^[0-9]+ +idle +READY +0  idle$'
    g '^[0-9]+ +factorial +RUNNING +10  current, wasm factorial$'
    g '^current: [0-9]+ factorial$'
    g '^ready bitmap: 0x'
    g '^task [0-9]+ factorial: CNode 0x[0-9a-f]+, 32 slots$'
    g '^ +0  CONSOLE +-W-- +- +0x'
    g '^task 0 boot: CNode 0x[0-9a-f]+, [0-9]+ slots$'
    g '^task [0-9]+ factorial \(wasm factorial\): in a host function \(sys_console_write\)$'
    # names from the name section, and _start from the exports
    g '^  #0  newline \(func [0-9]+\) \+cell [0-9]+ \(body at module offset 0x[0-9a-f]+\)$'
    g '^  #1  show \(func [0-9]+\) \+cell [0-9]+ '
    g '^  #2  _start \(func [0-9]+\) \+cell'
}
checks_ipc() {
    g '^Breakpoint 1, sys_reply_recv '
    g '^[0-9]+ +ipc-client +BLOCKED_REPLY +[0-9]+  wasm ipc-client$'
    g '^[0-9]+ +ipc-server +RUNNING +[0-9]+  current, wasm ipc-server$'
    g '^task [0-9]+ ipc-client \(wasm ipc-client\): switched out, in a host function \(sys_call\)$'
    g '^task [0-9]+ ipc-server \(wasm ipc-server\): in a host function \(sys_reply_recv\)$'
    g '^  #0  _start \(func [0-9]+\) \+cell [0-9]+ '
    g '^ +3  ENDPOINT +R--- +- +0x'
    g '^ +2  ENDPOINT +-WG- +77 +0x'
    g '^#[0-9]+ +<signal handler called>$'
    g '^#3 +'
}
session() {
    local demo=$1 script=$2
    out=build/$arch/debug-test-$demo.out gdbout=build/$arch/debug-test-$demo.gdb.out
    rm -f "$out" "$gdbout"
    port=$(free_port)
    # CMDLINE through DEMO: the comma-in-$(if) bug broke exactly this.
    timeout -k 5 300 make --no-print-directory ARCH=$arch debug GDB_PORT="$port" \
        DEMO=$demo DEBUG_TIMEOUT=240 > "$out" 2>&1 < /dev/null &
    mk=$!
    cmd=""
    for _ in $(seq 1 120); do            # the printed command, then the stub
        cmd=$(sed -n 's/^  \(gdb.* -ex .target remote :[0-9]*.\)$/\1/p' "$out" | head -n 1)
        [ -n "$cmd" ] && python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" \
            2> /dev/null && break
        kill -0 "$mk" 2> /dev/null || break         # make debug ended: no stub
        sleep 0.5
    done
    why=""
    want_gdb=gdb; [ "$arch" = arm64 ] && want_gdb=gdb-multiarch
    case "$cmd" in
        "$want_gdb -q build/$arch/jericho.elf -ex 'source tools/gdb/jericho.py' -ex 'target remote :$port'") ;;
        *) why="$why printed gdb command is '$cmd';" ;;
    esac
    if [ -n "$cmd" ]; then
        eval "timeout 240 $cmd -batch -x $script" > "$gdbout" 2>&1
    fi
    wait "$mk"
    rc=$?
    g '^jericho: gdb helpers loaded'
    "checks_$demo"
    g '^--- done$'
    # Before the last `continue` (on x86-64 the kernel's exit closes the
    # connection under it, which gdb calls an error).
    sed '/^--- done/q' "$gdbout" 2> /dev/null |
        grep -q 'Python Exception\|Error occurred in Python\|Error in sourced command' &&
        why="$why gdb reported an error;"
    grep -qE '^demos: [1-9][0-9]* passed, 0 failed' "$out" || why="$why the demo did not pass;"
    [ "$rc" -eq 0 ] || why="$why make debug exited $rc;"
    if [ -z "$why" ]; then
        pass=$((pass + 1)); echo "ok: $arch $demo: make debug, gdb, breakpoints, helpers, normal exit"
    else
        fail=$((fail + 1)); echo "FAILED: $arch $demo:$why (logs: $out, $gdbout)"
        tail -n 40 "$gdbout" 2> /dev/null
    fi
}
g() { tr -d '\r' < "$gdbout" 2> /dev/null | grep -qE -- "$1" || why="$why gdb: no '$1';"; }
for arch in x86_64 arm64; do
    session factorial tests/debug/session.gdb
    session ipc tests/debug/session-ipc.gdb
done

# Short sessions: no CMDLINE at all (the old stray `string="`), and one of
# two words; gdb reads it at kernel_main, then kills QEMU. (A comma inside
# CMDLINE itself is QEMU's -fw_cfg syntax: `make qemu` cannot pass one
# either.)
for c in 'x86_64||' 'arm64|CMDLINE=x=1 y=2|x=1 y=2'; do
    IFS='|' read -r arch arg want <<< "$c"
    out=build/$arch/debug-test-cmdline.out port=$(free_port)
    timeout -k 5 120 make --no-print-directory ARCH=$arch debug GDB_PORT="$port" ${arg:+"$arg"} \
        > "$out" 2>&1 < /dev/null &
    mk=$!
    for _ in $(seq 1 120); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2> /dev/null && break
        kill -0 "$mk" 2> /dev/null || break         # make debug ended: no stub
        sleep 0.5
    done
    gdbcmd=gdb; [ "$arch" = arm64 ] && gdbcmd=gdb-multiarch
    timeout 100 $gdbcmd -q -batch build/$arch/jericho.elf -ex "target remote :$port" \
        -x tests/debug/cmdline.gdb > "$out.gdb" 2>&1
    wait "$mk"
    if tr -d '\r' < "$out.gdb" | grep -qE "^\\\$1 = 0x[0-9a-f]+ <[a-z_]+> \"$want\"\$|^\\\$1 = 0x[0-9a-f]+ \"$want\"\$"; then
        pass=$((pass + 1)); echo "ok: $arch: make debug ${arg:-without CMDLINE}: the kernel got \"$want\""
    else
        fail=$((fail + 1)); echo "FAILED: $arch: make debug ${arg:-without CMDLINE} (logs: $out, $out.gdb)"
        tail -n 15 "$out" "$out.gdb"
    fi
done
bash tests/report.sh debug "$pass" "$fail" 0
[ "$fail" -eq 0 ]
