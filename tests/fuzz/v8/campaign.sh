#!/usr/bin/env bash
# tests/fuzz/v8/campaign.sh N - fuzz_diff's generator against node/V8.
#
# Makes N random modules with fuzz_diff's generator (FZ_DUMP; the fuzz
# build, `make fuzz-build`, must exist), runs each on this engine
# (outcome.c, built here against build/host/libinterp.a) and on node's V8
# (outcome.js, many modules per node process), and compares the outcomes
# line for line: trapped or returned and the results, memory size and
# hash, the four globals (NaN-aware). Every module that disagrees is kept
# in build/host/fuzz-v8/disagree/ with both outcomes. Exits 1 on any.
set -u
cd "$(dirname "$0")/../../.."
n=${1:-1000}
fz=build/host/fuzz
out=build/host/fuzz-v8
[ -x "$fz/fuzz_diff" ] || { echo "campaign.sh: no $fz/fuzz_diff (make fuzz-build)"; exit 2; }
command -v node >/dev/null || { echo "campaign.sh: no node"; exit 2; }
mkdir -p "$out/mods" "$out/disagree"
rm -f "$out"/mods/*
gcc -std=gnu11 -O2 -Iinclude -Isrc -o "$out/outcome" tests/fuzz/v8/outcome.c \
    -Wl,--start-group build/host/libinterp.a build/host/libhost.a -Wl,--end-group -lm || exit 2
start=$(date +%s)
for i in $(seq 1 "$n"); do
    head -c $((200 + RANDOM % 4000)) /dev/urandom > "$out/mods/$i.bin"
    FZ_DUMP="$out/mods/$i.wasm" "$fz/fuzz_diff" -runs=1 "$out/mods/$i.bin" >/dev/null 2>&1 ||
        { echo "fuzz_diff failed on input $out/mods/$i.bin"; cp "$out/mods/$i.bin" "$out/disagree/"; }
done
bad=0; total=0; simd=0
for b in $(seq 1 500 "$n"); do
    files=()
    for i in $(seq "$b" $((b + 499 > n ? n : b + 499))); do
        [ -f "$out/mods/$i.wasm" ] && files+=("$out/mods/$i.wasm")
    done
    node tests/fuzz/v8/outcome.js "${files[@]}" > "$out/v8.txt" || { echo "node failed"; exit 2; }
    for f in "${files[@]}"; do
        total=$((total + 1))
        v8=$(awk -v f="== $f" '$0 == f { on = 1; next } /^== / { on = 0 } on' "$out/v8.txt")
        ours=$("$out/outcome" "$f")
        if wasm-objdump -d "$f" 2>/dev/null | grep -qE '(v128|[if](8x16|16x8|32x4|64x2))\.'; then
            simd=$((simd + 1))
        fi
        if [ "$v8" != "$ours" ]; then
            bad=$((bad + 1))
            cp "$f" "$out/disagree/"
            { echo "v8:"; echo "$v8"; echo "jericho:"; echo "$ours"; } > "$out/disagree/$(basename "$f").txt"
            echo "disagree: $f"; echo "  v8:      $v8" | head -3; echo "  jericho: $ours" | head -3
        fi
    done
done
echo "fuzz-v8: $total modules ($simd with SIMD), $bad disagreements, $(( $(date +%s) - start )) s"
[ "$bad" -eq 0 ]
