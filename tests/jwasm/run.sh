#!/usr/bin/env bash
# tests/jwasm/run.sh BUILD_HOST_DIR - the jwasm suite: WASI unit tests
# (test_wasi, built by suite.mk) and end-to-end runs of build/host/jwasm on
# clang-built C programs, hand-written .wat modules and the benchmarks at a
# small size (wasm output must equal native output).
#
# Cases that need clang + wasi-libc or wat2wasm are SKIPPED when the tool is
# missing. If jwasm itself does not build, every case that needs it FAILS.
# Ends with tests/report.sh jwasm P F S; exits 1 if anything failed.
set -u
cd "$(dirname "$0")/../.."
H=$1
T=$H/jwasm-tests
J=$H/jwasm
mkdir -p "$T"
pass=0; fail=0; skip=0

ok() { echo "OK      $1"; pass=$((pass + 1)); }
bad() { echo "FAILED  $1: $2"; fail=$((fail + 1)); }
skp() { echo "SKIPPED $1: $2"; skip=$((skip + 1)); }

# ---- unit tests of the WASI functions ---------------------------------------
if [ -x "$H/test_wasi" ]; then
    "$H/test_wasi" > "$T/unit.log" 2>&1
    grep -v '^counts ' "$T/unit.log" | sed 's/^/  unit: /'
    read -r _ up uf us < <(grep '^counts ' "$T/unit.log" || echo "counts 0 1 0")
    pass=$((pass + up)); fail=$((fail + uf)); skip=$((skip + us))
else
    bad "WASI unit tests" "$H/test_wasi was not built"
fi

# ---- tools ------------------------------------------------------------------
have_clang=""
if command -v clang >/dev/null &&
    clang --target=wasm32-wasi -O2 tests/jwasm/hello.c -o "$T/hello.wasm" 2> "$T/clang.log"; then
    have_clang=yes
fi
have_wat=""
command -v wat2wasm >/dev/null && have_wat=yes

have_jwasm=""
if make --no-print-directory "$J" > "$T/build.log" 2>&1 && [ -x "$J" ]; then
    have_jwasm=yes
    ok "jwasm builds"
else
    bad "jwasm builds" "see $T/build.log: $(grep -m1 -E 'error|undefined' "$T/build.log")"
fi

# run NAME NEED EXP_RC EXP_OUT ERR_PATTERN -- ARGS... : run jwasm ARGS (under
# a timeout, stdin from $RUN_STDIN or /dev/null) and compare exit status,
# exact stdout, and stderr against a grep -E pattern ("" = stderr must be
# empty). NEED: clang | wat | "".
run() {
    local name=$1 need=$2 rc_want=$3 out_want=$4 err_pat=$5
    shift 6
    if [ "$need" = clang ] && [ -z "$have_clang" ]; then
        skp "$name" "clang/wasi-libc missing"; return
    fi
    if [ "$need" = wat ] && [ -z "$have_wat" ]; then skp "$name" "wat2wasm missing"; return; fi
    if [ -z "$have_jwasm" ]; then bad "$name" "no jwasm"; return; fi
    local out err rc
    out=$(timeout 30 "$J" "$@" < "${RUN_STDIN:-/dev/null}" 2> "$T/stderr"; echo "rc=$?")
    rc=${out##*rc=}
    out=${out%rc=*}
    err=$(cat "$T/stderr")
    if [ "$rc" != "$rc_want" ]; then
        bad "$name" "exit status $rc, want $rc_want (stderr: ${err:0:200})"
    elif [ "$out" != "$out_want" ]; then
        bad "$name" "stdout '$(printf %q "$out")', want '$(printf %q "$out_want")'"
    elif [ -z "$err_pat" ] && [ -n "$err" ]; then
        bad "$name" "unexpected stderr: ${err:0:200}"
    elif [ -n "$err_pat" ] && ! grep -qE "$err_pat" "$T/stderr"; then
        bad "$name" "stderr '${err:0:200}' does not match /$err_pat/"
    else
        ok "$name"
    fi
}
nl=$'\n'

# ---- clang + wasi-libc programs ----------------------------------------------
if [ -n "$have_clang" ]; then
    for p in args exit stdin sys; do
        clang --target=wasm32-wasi -O2 "tests/jwasm/$p.c" -o "$T/$p.wasm" 2>> "$T/clang.log"
    done
fi
run "hello world" clang 0 "Hello, world!$nl" "" -- "$T/hello.wasm"
run "args pass through" clang 0 "argc=4$nl[a]$nl[b c]$nl[]$nl" "" -- "$T/args.wasm" a "b c" ""
run "no args" clang 0 "argc=1$nl" "" -- "$T/args.wasm"
run "proc_exit status 7" clang 7 "leaving$nl" "" -- "$T/exit.wasm" exit 7
run "main returns 3" clang 3 "leaving$nl" "" -- "$T/exit.wasm" ret 3
run "abort() traps: status 1" clang 1 "leaving$nl" "^jwasm: trap: unreachable$" -- "$T/exit.wasm" abort 0
run "exit(256) is not success" clang 1 "leaving$nl" "" -- "$T/exit.wasm" exit 256
printf 'abc\nxyz' > "$T/stdin.txt"
RUN_STDIN=$T/stdin.txt run "fd_read from stdin" clang 0 "ABC${nl}XYZ" "^read 7 bytes$" -- "$T/stdin.wasm"
run "empty stdin" clang 0 "" "^read 0 bytes$" -- "$T/stdin.wasm"
sys_want=""
for c in monotonic "realtime after 2020" resolution getentropy "empty environment" sched_yield \
    "stdout is not a tty here"; do sys_want+="$c ok$nl"; done
run "clocks, random, environ, sched_yield, isatty" clang 0 "$sys_want" "" -- "$T/sys.wasm"
run "--stats" clang 0 "Hello, world!$nl" "^jwasm: stats: load" -- --stats "$T/hello.wasm"

# ---- hand-written modules -------------------------------------------------------
if [ -n "$have_wat" ]; then
    for f in tests/jwasm/*.wat; do
        b=$(basename "$f" .wat)
        wat2wasm --enable-tail-call --enable-extended-const --enable-multi-memory --enable-memory64 "$f" -o "$T/$b.wasm" 2> "$T/wat-$b.log" ||
            bad "wat2wasm $b" "$(cat "$T/wat-$b.log")"
    done
fi
C=$T/calc.wasm
run "invoke add" wat 0 "i32:42$nl" "" -- "$C" --invoke add 40 2
run "invoke add wraps" wat 0 "i32:-2$nl" "" -- "$C" --invoke add 0xffffffff -1
run "invoke mul64" wat 0 "i64:-8446744073709551616$nl" "" -- "$C" --invoke mul64 10000000000 1000000000
run "invoke fdiv" wat 0 "f64:0.25$nl" "" -- "$C" --invoke fdiv 1 4
run "invoke fsqrt" wat 0 "f32:1.41421354$nl" "" -- "$C" --invoke fsqrt 2
run "invoke two results" wat 0 "i32:-7${nl}i64:9000000000$nl" "" -- "$C" --invoke pair
run "invoke option first" wat 0 "i32:3$nl" "" -- --invoke add "$C" 1 2
run "trap message, status 1" wat 1 "" "^jwasm: trap: integer divide by zero$" -- "$C" --invoke div 1 0
run "endless recursion traps" wat 1 "" "^jwasm: trap: call stack exhausted$" -- "$C" --invoke recurse 0
run "load out of bounds traps" wat 1 "" "^jwasm: trap: out of bounds memory access$" -- "$C" --invoke oob
run "--fuel stops a loop" wat 1 "" "^jwasm: trap: " -- --fuel 100000 "$C" --invoke spin
# where a trap happened: the call stack after the message (offsets as
# wasm-objdump -d gives them for tests/interp/wat/backtrace.wat; names from
# its name section, or from an export without one)
B=$T/backtrace.wasm
[ -n "$have_wat" ] && wat2wasm --debug-names tests/interp/wat/backtrace.wat -o "$B"
for mode in "" --eager; do
    run "trap: innermost frame ${mode:-lazy}" wat 1 "" \
        "^    at div \(func 0\) \+0x5, code offset 0x7$" -- $mode "$B" --invoke chain 0
    run "trap: its caller ${mode:-lazy}" wat 1 "" \
        "^    from mid \(func 1\) \+0x3, code offset 0xd$" -- $mode "$B" --invoke chain 0
    run "trap: the outermost ${mode:-lazy}" wat 1 "" \
        "^    from outer \(func 2\) \+0x3, code offset 0x14$" -- $mode "$B" --invoke chain 0
done
run "trap: named by its export without a name section" wat 1 "" \
    "^    at div \(func [0-9]+\) \+0x[0-9a-f]+, code offset 0x[0-9a-f]+$" -- "$C" --invoke div 1 0
run "trap: a deep stack ends in '... N more'" wat 1 "" "^    \.\.\. 9984 more$" -- "$C" --invoke recurse 0
run "wrong argument count" wat 2 "" "takes 2 arguments" -- "$C" --invoke add 1
run "bad argument" wat 2 "" "bad argument" -- "$C" --invoke add 1 x
run "no such export" wat 2 "" "no exported function" -- "$C" --invoke nope
E=$T/efault.wasm
run "fd_write good pointers" wat 0 "ok${nl}i32:0$nl" "" -- "$E" --invoke good
run "fd_write iovecs off the end: EFAULT" wat 0 "i32:21$nl" "" -- "$E" --invoke bad_iovs
run "fd_write buffer off the end: EFAULT" wat 0 "i32:21$nl" "" -- "$E" --invoke bad_buf
run "fd_write 2^31 iovecs: EFAULT" wat 0 "i32:21$nl" "" -- "$E" --invoke huge_count
run "fd_write result off the end: EFAULT" wat 0 "i32:21$nl" "" -- "$E" --invoke bad_result_ptr
run "args_get argv off the end: EFAULT" wat 0 "i32:21$nl" "" -- "$E" --invoke bad_argv
run "unknown WASI function: ENOSYS" wat 0 "i32:52$nl" "" -- "$E" --invoke enosys
W3=$T/wasm3.wasm
run "tail calls: 10^7 deep in constant stack" wat 0 "i64:10000000$nl" "" -- "$W3" --invoke count 10000000
run "extended-const global" wat 0 "i32:42$nl" "" -- "$W3" --invoke konst
run "multi-memory: loads, a store and memory.copy across two memories" wat 0 "i32:112$nl" "" -- \
    "$W3" --invoke mm
run "--disable multi-memory rejects the module" wat 2 "" "feature multi-memory disabled" -- \
    --disable multi-memory "$W3" --invoke konst
run "--disable tail-call rejects the module" wat 2 "" "feature tail-call disabled" -- \
    --disable tail-call "$W3" --invoke konst
run "--disable all, --enable tail-call: extended-const rejected" wat 2 "" \
    "feature extended-const disabled" -- --disable all --enable tail-call --enable multi-memory \
    "$W3" --invoke konst
M64=$T/memory64.wasm
run "memory64: a data segment at an i64 offset" wat 0 "i32:42$nl" "" -- "$M64" --invoke load 0
run "memory64: store and load back" wat 0 "i32:200$nl" "" -- "$M64" --invoke store 65535 200
run "memory64: load past the end traps" wat 1 "" "^jwasm: trap: out of bounds memory access$" -- \
    "$M64" --invoke load 65528
run "memory64: an address past 2^32 traps (no wrap)" wat 1 "" \
    "^jwasm: trap: out of bounds memory access$" -- "$M64" --invoke load 4294967296
run "memory64: an address of 2^64 - 8 traps (no wrap)" wat 1 "" \
    "^jwasm: trap: out of bounds memory access$" -- "$M64" --invoke load -8
run "memory64: memory.grow returns the old size (i64)" wat 0 "i64:1$nl" "" -- "$M64" --invoke grow 2
run "memory64: memory.grow past the maximum: -1 (i64)" wat 0 "i64:-1$nl" "" -- "$M64" --invoke grow 3
run "memory64: memory.grow by 2^32 + 1 pages: -1" wat 0 "i64:-1$nl" "" -- "$M64" --invoke grow 4294967297
run "memory64: memory.size is an i64" wat 0 "i64:1$nl" "" -- "$M64" --invoke size
run "memory64: memory.fill to the last byte" wat 0 "i32:9$nl" "" -- "$M64" --invoke fill 65530 6
run "memory64: memory.fill of 2^32 + 1 bytes traps" wat 1 "" \
    "^jwasm: trap: out of bounds memory access$" -- "$M64" --invoke fill 0 4294967297
run "--disable memory64 rejects the module" wat 2 "" "feature memory64 disabled" -- \
    --disable memory64 "$M64" --invoke size
run "--enable of an unknown feature: status 2" wat 2 "" "unknown feature" -- --enable nope "$W3"
# typed function references, a module in bytes (wat2wasm 1.0.32 has the
# proposal's old call_ref): (type $t (func (param i32) (result i32)))
# $inc adds 1; run stores (ref.func $inc) in a (ref $t) local and calls it
# with call_ref; unset: the same without the local.set, so local.get reads
# a non-null local never set (invalid).
fr_head='\x00asm\x01\x00\x00\x00\x01\x06\x01\x60\x01\x7f\x01\x7f\x03\x03\x02\x00\x00'
fr_head+='\x07\x07\x01\x03run\x00\x01\x09\x05\x01\x03\x00\x01\x00'
fr_inc='\x07\x00\x20\x00\x41\x01\x6a\x0b'
printf "$fr_head"'\x0a\x19\x02'"$fr_inc"'\x0f\x01\x01\x64\x00\xd2\x00\x21\x01\x20\x00\x20\x01\x14\x00\x0b' \
    > "$T/funcref.wasm"
printf "$fr_head"'\x0a\x15\x02'"$fr_inc"'\x0b\x01\x01\x64\x00\x20\x00\x20\x01\x14\x00\x0b' \
    > "$T/funcref-unset.wasm"
run "typed function references: call_ref through a (ref \$t) local" "" 0 "i32:42$nl" "" -- \
    "$T/funcref.wasm" --invoke run 41
run "--disable function-references rejects it" "" 2 "" "feature function-references disabled" -- \
    --disable function-references "$T/funcref.wasm" --invoke run 41
run "local.get of a non-null local never set: invalid" "" 2 "" "uninitialized local" -- \
    "$T/funcref-unset.wasm" --invoke run 41
run "spectest imports" wat 0 "print_i32(42)${nl}i32:667$nl" "" -- "$T/spectest.wasm" --invoke run
run "WASI import of wrong type: status 2" wat 2 "" "incompatible import type" -- "$T/badtype.wasm"
run "unknown import: status 2" wat 2 "" "unknown import: env.nothing" -- "$T/unknown.wasm"

# ---- malformed input -----------------------------------------------------------
printf '\0asm\1\0\0\0\1\5\1\140' > "$T/truncated.wasm"
head -c 200 /dev/urandom > "$T/garbage.wasm"
run "truncated module: status 2" "" 2 "" "^jwasm: .*truncated.wasm: " -- "$T/truncated.wasm"
run "garbage module: status 2" "" 2 "" "^jwasm: .*garbage.wasm: " -- "$T/garbage.wasm"
run "missing file: status 2" "" 2 "" "No such file" -- "$T/does-not-exist.wasm"
run "no file: usage, status 2" "" 2 "" "^usage: jwasm" --

# ---- hostile input: mutants under ASan/UBSan must never crash the host --------
have_san=""
if [ -n "$have_jwasm" ]; then
    make --no-print-directory "$H/jwasm-san" > "$T/build-san.log" 2>&1 && have_san=yes
fi
for seed in hello:clang calc:wat efault:wat; do
    b=${seed%%:*}; need=${seed##*:}
    name="200 mutants of $b.wasm"
    if [ "$need" = clang ] && [ -z "$have_clang" ]; then skp "$name" "clang/wasi-libc missing"; continue; fi
    if [ "$need" = wat ] && [ -z "$have_wat" ]; then skp "$name" "wat2wasm missing"; continue; fi
    if [ -z "$have_san" ]; then bad "$name" "no jwasm-san (see $T/build-san.log)"; continue; fi
    extra=()
    [ "$b" = calc ] && extra=(--invoke add 1 2)
    [ "$b" = efault ] && extra=(--invoke bad_buf)
    if msg=$(python3 tests/jwasm/mutate.py "$H/jwasm-san" "$T/$b.wasm" 200 "${extra[@]}"); then
        ok "$name"
    else
        bad "$name" "$msg"
    fi
done

# ---- benchmarks at a small size: wasm output == native output --------------------
declare -A SMALL=([coremark]="40" [fib]="20" [sieve]="30000 3" [matmul]="24 2" [crc32]="5000 3")
bench_ok=""
if [ -n "$have_clang" ]; then
    make --no-print-directory bench-build > "$T/bench-build.log" 2>&1 && bench_ok=yes
fi
for p in coremark fib sieve matmul crc32; do
    if [ -z "$have_clang" ]; then skp "bench $p wasm == native" "clang/wasi-libc missing"; continue; fi
    if [ -z "$bench_ok" ]; then bad "bench $p wasm == native" "bench-build failed, see $T/bench-build.log"; continue; fi
    # shellcheck disable=SC2086
    want=$("$H/bench/$p.native" ${SMALL[$p]})
    # shellcheck disable=SC2086
    run "bench $p wasm == native" clang 0 "$want$nl" "" -- "$H/bench/$p.wasm" ${SMALL[$p]}
done

bash tests/report.sh jwasm "$pass" "$fail" "$skip"
[ "$fail" -eq 0 ]
