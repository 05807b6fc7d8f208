#!/usr/bin/env bash
# tests/spec3/convert.sh SCRIPT.wast -o OUT/NAME.json - the 3.0 suite's
# converter (tests/spec3/wast2json.mjs under node), with the npm packages it
# needs (package.json, package-lock.json here: wasm-tools as wasm) installed
# into build/npm/spec3 on first use.
# tests/spec3/convert.sh --check: install; exit non-zero (with the reason)
# when node or npm is missing or the install fails.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=$root/build/npm/spec3
tools=$dir/node_modules/@bytecodealliance/jco-transpile/vendor/wasm-tools.js
install() {
    command -v node >/dev/null || { echo "node not installed" >&2; return 1; }
    command -v npm >/dev/null || { echo "npm not installed" >&2; return 1; }
    mkdir -p "$dir"
    exec 8>"$dir/.lock"
    flock 8
    if [ ! -f "$tools" ] || ! cmp -s "$here/package-lock.json" "$dir/package-lock.json"; then
        cp "$here/package.json" "$here/package-lock.json" "$dir/"
        (cd "$dir" && timeout 600 npm ci --no-audit --no-fund --loglevel=error >&2) ||
            { echo "npm ci failed in $dir" >&2; return 1; }
    fi
    flock -u 8
}
if [ "${1:-}" = --check ]; then
    install
    exit
fi
[ -f "$tools" ] || install || exit 1
WASM_TOOLS_JS=$tools exec node "$here/wast2json.mjs" "$@"
