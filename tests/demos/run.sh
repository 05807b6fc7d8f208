#!/usr/bin/env bash
# tests/demos/run.sh - host checks of the demos pipeline and the SDK (suite
# "demos").
#
#  1. every demo module builds with the build's own rules (`make
#     demo-modules`: demos/*.wat with wat2wasm, *.c/*.cpp/*.rs with the SDK,
#     prebuilt *.wasm + *.manifest) and passes wasm-validate;
#  2. pack.py parses the fixtures in tests/demos/fixtures: good-* (.wat,
#     .c, .manifest) give exactly good-*.json; each bad-*.err names the
#     error (FILE:LINE: ...) that pack.py must print for the bad-* demo
#     files of that stem;
#  3. pack.py's archive (docs/bootpack.md), read back by the kernel's own
#     parser (tests/demos/test_table.c + src/boot/archive.c, built with
#     -Wall -Wextra -Werror), has rows that match the modules;
#  4. if node is installed, every demo group runs on the model kernel
#     (tests/demos/mock_kernel.mjs) and each expect/expect-not/
#     expect-kernel line is one check (check_output.py), and the MQTT
#     broker is tested alone (mqtt_broker_test.mjs); without node they are
#     counted as skipped;
#  5. the build fails, naming FILE:LINE and the reason, on each broken demo
#     folder of tests/demos/fixtures/broken-builds/ (a bad directive in a C source,
#     a C compile error, a bad manifest, a manifest without its module, a
#     .wasm without a manifest): the same make rules, on that folder;
#  6. the SDK agrees with the kernel (tests/demos/sdk_check.py): the
#     imports of tests/demos/sdk/ built as C, C++ and Rust against
#     src/syscall/table.c, the header's and the crate's numbers against
#     include/syscall/syscall.h, the guide's examples against demos/.
# Ends with tests/report.sh demos PASSED FAILED SKIPPED; exit 1 on failure.
set -u
cd "$(dirname "$0")/../.."
# A directory of our own: other runs of `make test` may share the tree.
# Kept when something failed (its files explain what), removed otherwise.
mkdir -p build/host
O=$(mktemp -d build/host/demos-run.XXXXXX)
pass=0; fail=0; skip=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAILED: $*"; }

# 1. build and validate every demo module (make's rules, into $O)
build_demos() {   # DIR OUT: the demo modules of DIR, checked by pack.py
    make --no-print-directory -s demo-modules DEMO_DIR="$1" DEMO_OUT="$2" SDK_OUT="$O/sdk" Q=@
}
if build_demos demos "$O" > "$O/build.log" 2>&1; then ok; else no "make demo-modules"; cat "$O/build.log"; fi
for f in $(python3 demos/pack.py --list demos); do
    n=$(basename "${f%.*}")
    if wasm-validate --enable-tail-call --enable-extended-const --enable-multi-memory "$O/$n.wasm" 2> "$O/$n.err"; then ok; else no "wasm-validate $O/$n.wasm ($f)"; cat "$O/$n.err"; fi
done

# 2. the directive parser on fixtures
F=tests/demos/fixtures
# the demo files of a fixture stem (bad-mixed: bad-mixed-a.wat, bad-mixed-b.wat)
stem_files() { compgen -G "$1*.wat"; compgen -G "$1*.c"; compgen -G "$1*.cpp"; compgen -G "$1*.rs"; compgen -G "$1*.manifest"; }
for j in "$F"/good-*.json; do
    s=${j%.json}
    src=$(stem_files "$s")
    if python3 demos/pack.py --parse $src > "$O/parse.json" 2> "$O/parse.err" &&
       python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' \
           "$O/parse.json" "$j"; then ok; else no "parse of $src differs from $j"; cat "$O/parse.err"; fi
done
for e in "$F"/*.err; do
    s=${e%.err}
    want=$(head -1 "$e")
    src=$(stem_files "$s")
    if python3 demos/pack.py --parse $src > /dev/null 2> "$O/parse.err"; then
        no "pack.py accepted $src (wanted: $want)"
    elif grep -qF -- "$want" "$O/parse.err"; then ok
    else no "pack.py on $src said: $(cat "$O/parse.err") (wanted: $want)"; fi
done

# 3. the archive, read back on the host by the kernel's parser (only if the
# demos parse: otherwise pack.py's message above says why, and the rest
# of the suite has nothing to work on)
if ! python3 demos/pack.py --parse --dir demos > "$O/demos.json"; then
    no "pack.py cannot parse the demos"
    bash tests/report.sh demos "$pass" "$fail" "$skip"
    echo "demos: files of this run kept in $O"
    exit 1
fi
if python3 demos/pack.py --pak "$O/demos.pak" --wasm-dir "$O" --dir demos &&
   gcc -std=gnu11 -Wall -Wextra -Werror -Iinclude -Isrc -o "$O/test_table" \
       tests/demos/test_table.c src/boot/archive.c src/interp/features.c &&
   "$O/test_table" "$O/demos.pak" > "$O/table.txt"; then ok; else no "archive of the demos"; cat "$O/table.txt"; fi
python3 - "$O" > "$O/table.want" <<'PY'
import json, os, sys
o = sys.argv[1]
for d in json.load(open(f"{o}/demos.json")):
    print(d["name"], d["group"], os.path.getsize(f"{o}/{d['name']}.wasm"), len(d["caps"]),
          len(d["expect"]), len(d["expect-not"]), len(d["expect-kernel"]), int(d["start"]))
PY
if cmp -s "$O/table.txt" "$O/table.want"; then ok; else no "table rows differ:"; diff "$O/table.txt" "$O/table.want"; fi

# 4. the demos on the model kernel
nchecks=$(python3 -c 'import json,sys; print(sum(len(d["expect"])+len(d["expect-not"])+len(d["expect-kernel"]) for d in json.load(open(sys.argv[1]))))' "$O/demos.json")
if command -v node > /dev/null; then
    # (node 20's V8 has extended-const behind a flag: demos/wasm3.wat)
    timeout 120 node --experimental-wasm-extended-const tests/demos/mock_kernel.mjs "$O/demos.json" "$O" > "$O/mock.txt" 2>&1
    python3 tests/demos/check_output.py "$O/demos.json" "$O/mock.txt" > "$O/check.txt"
    grep '^FAILED' "$O/check.txt"
    read -r p x < <(tail -1 "$O/check.txt")
    case "$p$x" in *[!0-9]*|"") no "check_output.py: $(tail -3 "$O/check.txt")"; p=0; x=0 ;; esac
    pass=$((pass + p)); fail=$((fail + x))
    [ "$x" -eq 0 ] || echo "model kernel output: $O/mock.txt"
    # the broker alone, with scripted and hostile clients
    timeout 60 node tests/demos/mqtt_broker_test.mjs "$O/mqtt-broker.wasm" > "$O/broker.txt" 2>&1
    grep '^FAILED' "$O/broker.txt"
    read -r p x < <(tail -1 "$O/broker.txt")
    case "$p$x" in *[!0-9]*|"") no "mqtt_broker_test.mjs: $(tail -3 "$O/broker.txt")"; p=0; x=0 ;; esac
    pass=$((pass + p)); fail=$((fail + x))
else
    echo "node not installed: $nchecks demo output checks and the broker tests skipped"
    skip=$((skip + nchecks + 1))
fi

# 5. the build stops on a broken demo, saying FILE:LINE: reason. Each case
# is a folder of tests/demos/fixtures/broken-builds/ with its first want line in
# `want`; a prebuilt module some cases need is a copy of factorial.wasm.
for c in "$F"/broken-builds/*/; do
    c=${c%/}; name=$(basename "$c")
    T="$O/build-$name"
    mkdir -p "$T/demos"
    cp "$c"/* "$T/demos/"
    rm "$T/demos/want"
    for w in "$T"/demos/*.wasm-from-factorial; do
        [ -e "$w" ] && cp "$O/factorial.wasm" "${w%-from-factorial}" && rm "$w"
    done
    want=$(head -1 "$c/want")
    if build_demos "$T/demos" "$T/out" > "$T/log" 2>&1; then
        no "build of fixtures/broken-builds/$name succeeded (wanted: $want)"
    elif grep -qF -- "$T/demos/$want" "$T/log"; then ok
    else no "build of fixtures/broken-builds/$name said: $(cat "$T/log") (wanted: $T/demos/$want)"; fi
done

# 6. the SDK against the kernel's table and numbers, and the guide's examples
T="$O/sdk-all"
mkdir -p "$T/demos"
cp tests/demos/sdk/* "$T/demos/"
if build_demos "$T/demos" "$T/out" > "$T/log" 2>&1; then ok; else no "build of tests/demos/sdk"; cat "$T/log"; fi
python3 tests/demos/sdk_check.py "$T"/out/sdk-all*.wasm > "$O/sdk.txt" 2>&1
grep '^FAILED' "$O/sdk.txt"
read -r p x < <(tail -1 "$O/sdk.txt")
case "$p$x" in *[!0-9]*|"") no "sdk_check.py: $(tail -3 "$O/sdk.txt")"; p=0; x=0 ;; esac
pass=$((pass + p)); fail=$((fail + x))

bash tests/report.sh demos "$pass" "$fail" "$skip"
if [ "$fail" -eq 0 ]; then
    mkdir -p build/host/demos && cp "$O/demos.json" build/host/demos/demos.json && rm -rf "$O"
else
    echo "demos: files of this run kept in $O"
fi
[ "$fail" -eq 0 ]
