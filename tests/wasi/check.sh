#!/usr/bin/env bash
# tests/wasi/check.sh ARCH - WASI end to end on ARCH (suite wasi-ARCH):
#   1. boots the kernel with `hostile=wasi*` (the groups of tests/wasi/:
#      wasi-kill, then wasi-libc) through tests/wasi/drive.py, which types
#      lines on the serial console once the C program prints "ready for
#      input": the first ends in CR, the second in CR LF (a terminal's
#      Enter), the others in LF;
#   2. runs the same program under jwasm (args and env from its
#      manifest), the same lines typed with LF endings;
#   3. checks every expect line of the modules (tests/demos/check_output.py)
#      and the runner's table, the blocked readers killed by their killer
#      (never by the group time limit), and that the kernel task printed
#      exactly what jwasm printed; no PANIC, no CPU fault, exit status 0;
#   4. boots again with `hostile=conin-bulk` and types 3,024 bytes at once:
#      conin-bulk.c must read them all (their sum and last line).
set -u
arch=$1
suite=wasi-$arch
cd "$(dirname "$0")/../.."
pass=0; fail=0
. tests/demos/table_checks.sh
out=build/$arch/wasi
mkdir -p "$out"
log=$out/qemu.log
clean=$out/qemu.clean.log
parse=$out/parse.json
lines=(alpha "beta gamma" quit after)
k_input="${lines[0]}\\r${lines[1]}\\r\\n${lines[2]}\\n${lines[3]}\\n"
h_input="${lines[0]}\\n${lines[1]}\\n${lines[2]}\\n${lines[3]}\\n"

t0=$(date +%s.%N)
QEMU_STDIN=inherit python3 tests/wasi/drive.py --wait "[wasi-libc] ready for input" \
    --input "$k_input" --out "$out/make.log" --timeout 400 -- \
    make --no-print-directory ARCH="$arch" qemu 'CMDLINE=hostile=wasi*' QEMU_LOG="$log" \
    QEMU_TIMEOUT="${QEMU_WASI_TIMEOUT:-300}"
rc=$?
wall=$(echo "$(date +%s.%N) - $t0" | bc)
tr -d '\r' < "$log" > "$clean" 2>/dev/null || : > "$clean"

if ! check_table "$parse" "$clean" tests/wasi/wasi-libc.manifest tests/wasi/*.wat; then
    bash tests/report.sh "$suite" 0 1 0
    exit 1
fi
check "summary 'hostile: $n passed, 0 failed'" "$(grep -qx "hostile: $n passed, 0 failed" "$clean"; echo $?)"
for r in wasi-kill-read wasi-kill-poll; do
    check "$r, blocked on stdin, killed by wasi-kill" \
        "$(grep -qx "task $r killed: by task wasi-kill" "$clean"; echo $?)"
done
check "no task cut short by the group time limit" "$(grep -q 'killed: demo time limit' "$clean"; [ $? -ne 0 ]; echo $?)"
check "no CPU fault in a wasm task" "$(grep -qE '^task .* killed: .* at pc ' "$clean"; [ $? -ne 0 ]; echo $?)"
check "no panic" "$(grep -q 'PANIC' "$clean"; [ $? -ne 0 ]; echo $?)"
check "finished in time" "$([ "$rc" -ne 124 ] && [ "$rc" -ne 125 ]; echo $?)"
check "exit status 0" "$([ "$rc" -eq 0 ]; echo $?)"

# The same program under jwasm, the same words as argv and environment.
mapfile -t hargs < <(python3 -c 'import json,sys
d=[m for m in json.load(open(sys.argv[1])) if m["name"]=="wasi-libc"][0]
for e in d["env"]: print("--env"); print(e)
print("build/'"$arch"'/hostile/wasi-libc.wasm")
for a in d["args"]: print(a)' "$parse")
python3 tests/wasi/drive.py --wait "ready for input" --input "$h_input" --close \
    --out "$out/jwasm.out" --timeout 60 -- timeout 50 build/host/jwasm "${hargs[@]}"
jrc=$?
check "jwasm runs the program (exit status $jrc)" "$([ "$jrc" -eq 0 ]; echo $?)"
sed -n 's/^\[wasi-libc\] //p' "$clean" > "$out/kernel.out"
if cmp -s "$out/kernel.out" "$out/jwasm.out" && [ -s "$out/jwasm.out" ]; then
    check "kernel and jwasm print the same $(wc -l < "$out/jwasm.out") lines" 0
else
    check "kernel and jwasm print the same lines" 1
    diff "$out/kernel.out" "$out/jwasm.out" | head -20 | sed 's/^/  /'
fi

# 4. Console input in bulk (a boot of its own): 3,024 bytes typed at once
#    reach a task that reads exactly that many (tests/wasi/conin-bulk.c).
python3 -c 'import sys
data = ""; i = 0
while len(data) < 3000:
    data += "line %04d the quick brown fox jumps over the lazy dog\n" % i; i += 1
open(sys.argv[1], "w").write(data)' "$out/bulk.txt"
blog=$out/bulk.qemu.log
QEMU_STDIN=inherit python3 tests/wasi/drive.py --wait "[conin-bulk] conin-bulk: ready" \
    --input-file "$out/bulk.txt" --out "$out/bulk.make.log" --timeout 300 -- \
    make --no-print-directory ARCH="$arch" qemu 'CMDLINE=hostile=conin-bulk' QEMU_LOG="$blog" \
    QEMU_TIMEOUT="${QEMU_WASI_TIMEOUT:-300}"
brc=$?
tr -d '\r' < "$blog" > "$out/bulk.clean.log" 2>/dev/null || : > "$out/bulk.clean.log"
if check_table "$out/bulk.json" "$out/bulk.clean.log" tests/wasi/conin-bulk.manifest; then
    check "conin-bulk: not cut short by the group time limit" "$(grep -q 'time limit' "$out/bulk.clean.log"; [ $? -ne 0 ]; echo $?)"
    check "conin-bulk: exit status 0" "$([ "$brc" -eq 0 ]; echo $?)"
fi

printf '%s wasi: wall %.1f s (boot included)\n' "$arch" "$wall"
[ "$fail" -ne 0 ] && { echo "--- last lines of $log:"; tail -n 30 "$clean"; }
bash tests/report.sh "$suite" "$pass" "$fail" 0
[ "$fail" -eq 0 ]
