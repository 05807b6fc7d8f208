#!/usr/bin/env bash
# tests/fuzz/corpus.sh OUT - seed corpus for the wasm-input fuzz targets.
#
# OUT/seed-wasm/ gets every binary module of the spec test suite (the
# wast2json output under build/host/spec/ when the spec suite has run,
# else converted here from the .wast scripts, SIMD included), the demos
# (demos/*.wat through wat2wasm) and tests/regress/*.wasm, each named by
# its SHA-1 so duplicates collapse. Done once: delete OUT/seed-wasm to redo.
set -u
cd "$(dirname "$0")/../.."
out=$1
seed=$out/seed-wasm
[ -f "$seed/.done" ] && exit 0
rm -rf "$seed" && mkdir -p "$seed"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

add() { cp "$1" "$seed/$(sha1sum < "$1" | cut -c1-40)"; }

spec=build/host/spec
if ! ls "$spec"/*/*.wasm >/dev/null 2>&1; then
    spec=$tmp/spec
    ts=${WASM_TESTSUITE:-../shared/wasm-testsuite}
    if command -v wast2json >/dev/null && ls "$ts"/*.wast >/dev/null 2>&1; then
        for w in "$ts"/*.wast; do
            n=$(basename "$w" .wast)
            mkdir -p "$spec/$n"
            wast2json "$w" -o "$spec/$n/$n.json" >/dev/null 2>&1 || true
        done
    else
        echo "corpus.sh: no spec test suite or wast2json: demos only"
    fi
fi
for f in "$spec"/*/*.wasm; do
    [ -f "$f" ] || continue
    add "$f"
done
if command -v wat2wasm >/dev/null; then
    for w in demos/*.wat; do
        [ -f "$w" ] || continue
        wat2wasm --enable-all "$w" -o "$tmp/demo.wasm" 2>/dev/null && add "$tmp/demo.wasm"
    done
fi
for f in tests/regress/*.wasm; do
    [ -f "$f" ] && add "$f"
done
touch "$seed/.done"
echo "corpus.sh: $(ls "$seed" | wc -l) seed modules in $seed"
