#!/usr/bin/env bash
# tests/demos/run.sh - host checks of the demos pipeline (suite "demos").
#
#  1. every demos/*.wat compiles with wat2wasm and passes wasm-validate;
#  2. pack.py parses the fixtures in tests/demos/fixtures: good-*.wat give
#     exactly good-*.json; each bad-*.err names the error (FILE:LINE: ...)
#     that pack.py must print for the bad-*.wat files of that stem;
#  3. pack.py's archive (docs/bootpack.md), read back by the kernel's own
#     parser (tests/demos/test_table.c + src/boot/archive.c, built with
#     -Wall -Wextra -Werror), has rows that match the modules;
#  4. if node is installed, every demo group runs on the model kernel
#     (tests/demos/mock_kernel.mjs) and each expect/expect-not/
#     expect-kernel line is one check (check_output.py), and the MQTT
#     broker is tested alone (mqtt_broker_test.mjs); without node they are
#     counted as skipped.
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

# 1. compile and validate
for w in demos/*.wat; do
    n=$(basename "$w" .wat)
    if wat2wasm "$w" -o "$O/$n.wasm" 2> "$O/$n.err"; then ok; else no "wat2wasm $w"; cat "$O/$n.err"; continue; fi
    if wasm-validate "$O/$n.wasm" 2> "$O/$n.err"; then ok; else no "wasm-validate $w"; cat "$O/$n.err"; fi
done

# 2. the directive parser on fixtures
F=tests/demos/fixtures
for j in "$F"/good-*.json; do
    s=${j%.json}
    if python3 demos/pack.py --parse "$s.wat" > "$O/parse.json" 2> "$O/parse.err" &&
       python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' \
           "$O/parse.json" "$j"; then ok; else no "parse of $s.wat differs from $j"; cat "$O/parse.err"; fi
done
for e in "$F"/*.err; do
    s=${e%.err}
    want=$(head -1 "$e")
    if python3 demos/pack.py --parse "$s"*.wat > /dev/null 2> "$O/parse.err"; then
        no "pack.py accepted $s*.wat (wanted: $want)"
    elif grep -qF -- "$want" "$O/parse.err"; then ok
    else no "pack.py on $s*.wat said: $(cat "$O/parse.err") (wanted: $want)"; fi
done

# 3. the archive, read back on the host by the kernel's parser (only if the
# demos parse: otherwise pack.py's message above says why, and the rest
# of the suite has nothing to work on)
if ! python3 demos/pack.py --parse demos/*.wat > "$O/demos.json"; then
    no "pack.py cannot parse demos/*.wat"
    bash tests/report.sh demos "$pass" "$fail" "$skip"
    echo "demos: files of this run kept in $O"
    exit 1
fi
if python3 demos/pack.py --pak "$O/demos.pak" --wasm-dir "$O" demos/*.wat &&
   gcc -std=gnu11 -Wall -Wextra -Werror -Iinclude -Isrc -o "$O/test_table" \
       tests/demos/test_table.c src/boot/archive.c &&
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
    timeout 120 node tests/demos/mock_kernel.mjs "$O/demos.json" "$O" > "$O/mock.txt" 2>&1
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

bash tests/report.sh demos "$pass" "$fail" "$skip"
if [ "$fail" -eq 0 ]; then
    mkdir -p build/host/demos && cp "$O/demos.json" build/host/demos/demos.json && rm -rf "$O"
else
    echo "demos: files of this run kept in $O"
fi
[ "$fail" -eq 0 ]
