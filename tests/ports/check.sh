#!/usr/bin/env bash
# tests/ports/check.sh ARCH - the ports on ARCH (suite ports-ARCH):
#   1. builds them (make ports: apt-get source, clang, wasm-opt); when the
#      Debian sources cannot be fetched (offline) the suite is skipped, or
#      fails with CI set (CI must not pass without what it expects);
#   2. boots the kernel built with PORTS=1 with `hostile=port-*` through
#      tests/wasi/drive.py, which types ports/lua/bench.lua on the serial
#      console once the task prints "lua:ready";
#   3. checks every expect line (build/ports/port-lua.manifest) and the
#      runner's table, no panic, no CPU fault, exit status 0;
#   4. runs the same module under jwasm, and Debian's native lua5.4, with
#      the same arguments and the script on stdin: the kernel task must
#      print exactly what both print (but the lua:cpu_ns line, a time).
set -u
arch=$1
suite=ports-$arch
cd "$(dirname "$0")/../.."
pass=0; fail=0
. tests/demos/table_checks.sh
out=build/$arch/ports
mkdir -p "$out"
log=$out/qemu.log
clean=$out/qemu.clean.log
parse=$out/parse.json
script=ports/lua/bench.lua
case "${CI:-}" in ""|false|0) ci=0 ;; *) ci=1 ;; esac

make --no-print-directory ports > "$out/build.log" 2>&1
brc=$?
if [ "$brc" -ne 0 ]; then
    if grep -q 'ports/fetch.sh: cannot fetch' "$out/build.log"; then
        grep 'ports/fetch.sh: cannot fetch' "$out/build.log"
        if [ "$ci" -eq 1 ]; then
            echo "FAILED: $arch: the Debian sources of the ports could not be fetched (CI=$CI: required)"
            bash tests/report.sh "$suite" 0 1 0
            exit 1
        fi
        echo "$suite: skipped: the Debian sources could not be fetched (offline?)"
        bash tests/report.sh "$suite" 0 0 1
        exit 0
    fi
    tail -n 20 "$out/build.log"
    echo "FAILED: $arch: make ports (see $out/build.log)"
    bash tests/report.sh "$suite" 0 1 0
    exit 1
fi
if ! make --no-print-directory ARCH="$arch" PORTS=1 kernel > "$out/kernel.log" 2>&1 ||
   ! make --no-print-directory build/host/jwasm >> "$out/kernel.log" 2>&1; then
    tail -n 20 "$out/kernel.log"
    echo "FAILED: $arch: make ARCH=$arch PORTS=1 kernel"
    bash tests/report.sh "$suite" 0 1 0
    exit 1
fi

t0=$(date +%s.%N)
QEMU_STDIN=inherit python3 tests/wasi/drive.py --wait "[port-lua] lua:ready" \
    --input-file "$script" --out "$out/make.log" --timeout 400 -- \
    make --no-print-directory ARCH="$arch" PORTS=1 qemu 'CMDLINE=hostile=port-*' \
    QEMU_LOG="$log" QEMU_TIMEOUT="${QEMU_PORTS_TIMEOUT:-300}"
rc=$?
wall=$(echo "$(date +%s.%N) - $t0" | bc)
tr -d '\r' < "$log" > "$clean" 2>/dev/null || : > "$clean"

if ! check_table "$parse" "$clean" build/ports/port-lua.manifest; then
    bash tests/report.sh "$suite" 0 1 0
    exit 1
fi
check "summary 'hostile: $n passed, 0 failed'" "$(grep -qx "hostile: $n passed, 0 failed" "$clean"; echo $?)"
check "no task cut short by the group time limit" "$(grep -q 'hit its time limit' "$clean"; [ $? -ne 0 ]; echo $?)"
check "no CPU fault in a wasm task" "$(grep -qE '^task .* killed: .* at pc ' "$clean"; [ $? -ne 0 ]; echo $?)"
check "no panic" "$(grep -q 'PANIC' "$clean"; [ $? -ne 0 ]; echo $?)"
check "finished in time" "$([ "$rc" -ne 124 ] && [ "$rc" -ne 125 ]; echo $?)"
check "exit status 0" "$([ "$rc" -eq 0 ]; echo $?)"
# lua:cpu_ns (the script's CPU time) is the one line that differs.
sed -n 's/^\[port-lua\] //p' "$clean" | grep -v '^lua:cpu_ns=' > "$out/kernel.out"

# The same module under jwasm and Debian's lua5.4: the manifest's args, the
# script on stdin.
mapfile -t largs < <(python3 -c 'import json,sys
d=[m for m in json.load(open(sys.argv[1])) if m["name"]=="port-lua"][0]
for a in d["args"]: print(a)' "$parse")
timeout 120 build/host/jwasm build/ports/lua.wasm "${largs[@]}" < "$script" 2>&1 |
    grep -v '^lua:cpu_ns=' > "$out/jwasm.out"
jrc=${PIPESTATUS[0]}
check "jwasm runs the module (exit status $jrc)" "$([ "$jrc" -eq 0 ]; echo $?)"
same() {    # same WHAT FILE: the kernel task printed exactly FILE
    if cmp -s "$out/kernel.out" "$2" && [ -s "$2" ]; then
        check "kernel and $1 print the same $(wc -l < "$2") lines" 0
    else
        check "kernel and $1 print the same lines" 1
        diff "$out/kernel.out" "$2" | head -20 | sed 's/^/  /'
    fi
}
same jwasm "$out/jwasm.out"
if command -v lua5.4 >/dev/null; then
    timeout 60 lua5.4 "${largs[@]}" < "$script" 2>&1 | grep -v '^lua:cpu_ns=' > "$out/native.out"
    check "native lua5.4 runs the script (exit status $?)" "$([ -s "$out/native.out" ]; echo $?)"
    same "native lua5.4" "$out/native.out"
else
    echo "FAILED: $arch: lua5.4 missing (./build.sh deps installs it)"
    fail=$((fail + 1))
fi

printf '%s ports: wall %.1f s (boot included)\n' "$arch" "$wall"
[ "$fail" -ne 0 ] && { echo "--- last lines of $log:"; tail -n 30 "$clean"; }
bash tests/report.sh "$suite" "$pass" "$fail" 0
[ "$fail" -eq 0 ]
