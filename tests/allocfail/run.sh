#!/usr/bin/env bash
# tests/allocfail/run.sh SUITE BINARY [BENCHWASM...] - the allocfail suites:
# gather the modules, run BINARY (allocfail.c) on them, report its counts.
#
# Module sets (each a list file under build/host/allocfail/):
#   kernel  every .wat of the tree the kernel or the engine's tests run
#           (demos/, tests/{hostile,stress,regress,interp/wat}/,
#           bench/kernel/wasm/, src/selftest/wasm/) through wat2wasm, the
#           binary tests/regress/*.wasm, and the BENCHWASM files given (the
#           benchmark programs compiled from C, bench/kernel/wasm/wasm.mk)
#   spec    every binary module of the spec test suite (wast2json output
#           of tests/spec/run.sh --convert-only, SIMD included) -- valid,
#           invalid and malformed alike
#   exn     the modules of the 3.0 suite's exception-handling scripts
#           (try_table, throw, throw_ref, tag, instance), as tests/spec3
#           converts them; skipped when they are not there
#   ttf     ALLOCFAIL_TTF (default 60) random valid modules from binaryen's
#           `wasm-opt -ttf` (seeds 1..N, 1..8 KiB of seeded random input:
#           the same modules every run); skipped without wasm-opt
# ALLOCFAIL_SPEC_EVERY=K keeps one spec module in K (sorted by path, the
# first of each K: a deterministic sample); default 1 (all of them).
set -u
cd "$(dirname "$0")/../.."
suite=$1
bin=$2
shift 2
out=build/host/allocfail
mkdir -p "$out/wasm"
skipped=0

# ---- kernel: the tree's own modules ----
klist=$out/kernel.list
: > "$klist.tmp"
for w in demos/*.wat tests/hostile/*.wat tests/stress/*.wat tests/regress/*.wat \
         tests/interp/wat/*.wat bench/kernel/wasm/*.wat src/selftest/wasm/*.wat; do
    [ -f "$w" ] || continue
    [ -f "${w%.wat}.wasm" ] && continue     # committed prebuilt (tests/regress/exn-*): below
    b=$out/wasm/$(echo "${w%.wat}" | tr / -).wasm
    if [ ! -f "$b" ] || [ "$w" -nt "$b" ]; then
        wat2wasm "$w" -o "$b" 2>/dev/null || { echo "$w: wat2wasm failed (left out)"; continue; }
    fi
    echo "$b" >> "$klist.tmp"
done
for b in tests/regress/*.wasm "$@"; do
    # exn-chain and exn-gc allocate an exception per step (until a quota
    # stops the first): each of the thousands their fuel allows failing
    # in turn takes too long (under ASan past the 120 s a module)
    case $b in */exn-chain.wasm|*/exn-gc.wasm) continue ;; esac
    [ -f "$b" ] && echo "$b" >> "$klist.tmp"
done
mv "$klist.tmp" "$klist"
sets=("kernel:$klist")

# ---- spec: the spec suite's binary modules ----
slist=$out/spec.list
bash tests/spec/run.sh --convert-only > /dev/null
every=${ALLOCFAIL_SPEC_EVERY:-1}
if ls build/host/spec/*/*.wasm > /dev/null 2>&1; then
    ls build/host/spec/*/*.wasm | sort | awk -v k="$every" '(NR - 1) % k == 0' > "$slist"
    sets+=("spec:$slist")
else
    echo "spec: no spec test suite (tests/spec/run.sh): skipped"
    skipped=$((skipped + 1))
fi

# ---- exn: the exception-handling scripts of the 3.0 suite ----
# (converted by tests/spec3 into build/host/spec3; SPEC3_DIR elsewhere)
elist=$out/exn.list
s3=${SPEC3_DIR:-build/host/spec3}
ls "$s3"/{try_table,throw,throw_ref,tag,instance}/*.wasm 2>/dev/null | sort > "$elist"
if [ -s "$elist" ]; then
    sets+=("exn:$elist")
else
    echo "exn: no converted 3.0 suite in $s3 (tests/spec3): skipped"
    skipped=$((skipped + 1))
fi

# ---- ttf: binaryen's random valid modules ----
nttf=${ALLOCFAIL_TTF:-60}
tlist=$out/ttf.list
if command -v wasm-opt > /dev/null && command -v python3 > /dev/null; then
    mkdir -p "$out/ttf"
    : > "$tlist"
    for i in $(seq 1 "$nttf"); do
        b=$out/ttf/ttf-$i.wasm
        if [ ! -f "$b" ]; then
            python3 -c 'import random, sys
r = random.Random(int(sys.argv[1]))
sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(r.randint(1024, 8192))))' \
                "$i" > "$out/ttf/seed-$i.bin"
            # the features the engine has (Wasm 2.0 without SIMD; binaryen
            # 108's reference types are a pre-standard draft: left out)
            wasm-opt -ttf "$out/ttf/seed-$i.bin" -o "$b" --mvp-features --enable-sign-ext \
                --enable-nontrapping-float-to-int --enable-bulk-memory \
                --enable-mutable-globals --enable-multivalue 2>/dev/null || rm -f "$b"
        fi
        [ -f "$b" ] && echo "$b" >> "$tlist"
    done
    sets+=("ttf:$tlist")
else
    echo "ttf: wasm-opt (binaryen) not installed: skipped"
    skipped=$((skipped + 1))
fi

t0=$(date +%s)
output=$("$bin" -q "${sets[@]}" 2>&1)
rc=$?
printf '%s\n' "$output" | grep '^  ' | head -n 100
printf '%s\n' "$output" | grep -v '^  ' | grep -v '^counts '
echo "$suite: $(($(date +%s) - t0)) s"
last=$(printf '%s\n' "$output" | grep '^counts ' | tail -n 1)
if [ -z "$last" ]; then
    echo "$bin died (status $rc)"
    bash tests/report.sh "$suite" 0 1 "$skipped"
    exit 1
fi
read -r _ p f s <<<"$last"
if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "$bin exited with status $rc after its counts: one failure more"
    f=1
fi
bash tests/report.sh "$suite" "$p" "$f" $((s + skipped))
[ "$f" -eq 0 ]
