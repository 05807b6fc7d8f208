#!/usr/bin/env bash
# tests/regress/exn.sh - rebuild the binaries of the exception-handling
# and relaxed SIMD regression modules (exn-*.wat, relaxed-*.wat -> .wasm,
# committed beside them: Debian's wat2wasm, wabt 1.0.32, cannot read
# try_table, and spells relaxed SIMD's dot products by their old names). Uses wasm-tools'
# wat parser as wasm under node (WASM_TOOLS_JS, default: the copy
# tests/spec3/convert.sh installs into build/npm/spec3).
# tests/regress/exn.sh --check: only compare, exit 1 if one differs.
set -u
cd "$(dirname "$0")/../.."
js=${WASM_TOOLS_JS:-build/npm/spec3/node_modules/@bytecodealliance/jco-transpile/vendor/wasm-tools.js}
if [ ! -f "$js" ] && [ -f tests/spec3/convert.sh ]; then
    bash tests/spec3/convert.sh --check || exit 1
fi
[ -f "$js" ] || { echo "exn.sh: no wasm-tools.js ($js)"; exit 1; }
check=0
[ "${1:-}" = --check ] && check=1
rc=0
for w in tests/regress/exn-*.wat tests/regress/relaxed-*.wat; do
    out=${w%.wat}.wasm
    tmp=$(mktemp)
    WASM_TOOLS_JS=$js node --input-type=module -e '
        import { readFileSync, writeFileSync } from "node:fs";
        import { pathToFileURL } from "node:url";
        const { tools, $init } = await import(pathToFileURL(process.env.WASM_TOOLS_JS).href);
        await $init;
        writeFileSync(process.argv[2], Buffer.from(tools.parse(readFileSync(process.argv[1], "utf8"))));
    ' "$(realpath "$w")" "$tmp" || { echo "$w: wat parse failed"; rm -f "$tmp"; rc=1; continue; }
    if [ "$check" = 1 ]; then
        cmp -s "$tmp" "$out" || { echo "$out: differs from $w"; rc=1; }
    else
        cp "$tmp" "$out"
    fi
    rm -f "$tmp"
done
exit $rc
