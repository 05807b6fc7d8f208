#!/usr/bin/env bash
# tests/ports/check.sh ARCH - the ports on ARCH (suite ports-ARCH):
#   1. builds them (make ports: apt-get source, clang, wasm-opt); when the
#      Debian sources cannot be fetched (offline) the suite is skipped, or
#      fails with CI set (CI must not pass without what it expects);
#   then for each port (port-lua, port-sqlite), one boot each:
#   2. boots the kernel built with PORTS=1 with `hostile=PORT` through
#      tests/wasi/drive.py, which types the port's script (ports/lua/bench.lua,
#      ports/sqlite/bench.sql) on the serial console once the task prints
#      its "ready" line;
#   3. checks every expect line (build/ports/PORT.manifest) and the
#      runner's table, no panic, no CPU fault, exit status 0;
#   4. runs the same module under jwasm, and the Debian program natively
#      (lua5.4, sqlite3), with the same arguments and environment and the
#      script on stdin: the kernel task must print exactly what both print
#      (but Lua's lua:cpu_ns line, a time).
set -u
arch=$1
suite=ports-$arch
cd "$(dirname "$0")/../.."
pass=0; fail=0
. tests/demos/table_checks.sh
out=build/$arch/ports
mkdir -p "$out"
fetched_build "$out/build.log" "the ports" make --no-print-directory ports
if ! make --no-print-directory ARCH="$arch" PORTS=1 kernel > "$out/kernel.log" 2>&1 ||
   ! make --no-print-directory build/host/jwasm >> "$out/kernel.log" 2>&1; then
    tail -n 20 "$out/kernel.log"
    echo "FAILED: $arch: make ARCH=$arch PORTS=1 kernel"
    bash tests/report.sh "$suite" 0 1 0
    exit 1
fi

# port NAME WASM SCRIPT READY NATIVE...: one port (steps 2 to 4).
port() {
    local name=$1 wasm=$2 script=$3 ready=$4 rc jrc nrc t0 wall n
    shift 4
    local log=$out/$name.qemu.log clean=$out/$name.clean.log parse=$out/$name.json
    local -a args envs
    t0=$(date +%s.%N)
    QEMU_STDIN=inherit python3 tests/wasi/drive.py --wait "[$name] $ready" \
        --input-file "$script" --out "$out/$name.make.log" --timeout 400 -- \
        make --no-print-directory ARCH="$arch" PORTS=1 qemu "CMDLINE=hostile=$name" \
        QEMU_LOG="$log" QEMU_TIMEOUT="${QEMU_PORTS_TIMEOUT:-300}"
    rc=$?
    wall=$(echo "$(date +%s.%N) - $t0" | bc)
    tr -d '\r' < "$log" > "$clean" 2>/dev/null || : > "$clean"
    if ! check_table "$parse" "$clean" "build/ports/$name.manifest"; then
        return
    fi
    check "$name: summary 'hostile: $n passed, 0 failed'" "$(grep -qx "hostile: $n passed, 0 failed" "$clean"; echo $?)"
    check "$name: no task cut short by the group time limit" "$(grep -q 'hit its time limit' "$clean"; [ $? -ne 0 ]; echo $?)"
    check "$name: no CPU fault in a wasm task" "$(grep -qE '^task .* killed: .* at pc ' "$clean"; [ $? -ne 0 ]; echo $?)"
    check "$name: no panic" "$(grep -q 'PANIC' "$clean"; [ $? -ne 0 ]; echo $?)"
    check "$name: finished in time" "$([ "$rc" -ne 124 ] && [ "$rc" -ne 125 ]; echo $?)"
    check "$name: exit status 0" "$([ "$rc" -eq 0 ]; echo $?)"
    # lua:cpu_ns (the Lua script's CPU time) is the one line that differs.
    sed -n "s/^\[$name\] //p" "$clean" | grep -v '^lua:cpu_ns=' > "$out/$name.kernel.out"

    # The same module under jwasm and the Debian program natively: the
    # manifest's args and env, the script on stdin.
    mapfile -t args < <(python3 -c 'import json,sys
for a in json.load(open(sys.argv[1]))[0]["args"]: print(a)' "$parse")
    mapfile -t envs < <(python3 -c 'import json,sys
for e in json.load(open(sys.argv[1]))[0]["env"]: print(e)' "$parse")
    local -a jenv=()
    for e in "${envs[@]}"; do jenv+=(--env "$e"); done
    timeout 120 build/host/jwasm "${jenv[@]}" "$wasm" "${args[@]}" < "$script" 2>&1 |
        grep -v '^lua:cpu_ns=' > "$out/$name.jwasm.out"
    jrc=${PIPESTATUS[0]}
    check "$name: jwasm runs the module (exit status $jrc)" "$([ "$jrc" -eq 0 ]; echo $?)"
    same "$name" jwasm "$out/$name.jwasm.out"
    if command -v "$1" >/dev/null; then
        mkdir -p "$out/home"
        timeout 60 env HOME="$out/home" "$@" "${args[@]}" < "$script" 2>&1 |
            grep -v '^lua:cpu_ns=' > "$out/$name.native.out"
        nrc=${PIPESTATUS[0]}
        check "$name: native $1 runs the script (exit status $nrc)" "$([ "$nrc" -eq 0 ]; echo $?)"
        same "$name" "native $1" "$out/$name.native.out"
    else
        echo "FAILED: $arch: $1 missing (./build.sh deps installs it)"
        fail=$((fail + 1))
    fi
    printf '%s %s: wall %.1f s (boot included)\n' "$arch" "$name" "$wall"
    [ "$fail" -ne 0 ] && { echo "--- last lines of $log:"; tail -n 30 "$clean"; }
}

same() {    # same PORT WHAT FILE: the kernel task printed exactly FILE
    if cmp -s "$out/$1.kernel.out" "$3" && [ -s "$3" ]; then
        check "$1: kernel and $2 print the same $(wc -l < "$3") lines" 0
    else
        check "$1: kernel and $2 print the same lines" 1
        diff "$out/$1.kernel.out" "$3" | head -20 | sed 's/^/  /'
    fi
}

port port-lua build/ports/lua.wasm ports/lua/bench.lua lua:ready lua5.4
port port-sqlite build/ports/sqlite.wasm ports/sqlite/bench.sql sqlite:ready sqlite3
bash tests/report.sh "$suite" "$pass" "$fail" 0
[ "$fail" -eq 0 ]
