#!/usr/bin/env bash
# tests/spec/decode/run.sh TEST [MUTATIONS] - the wasm-decode suite: refresh
# the spec modules (tests/spec/run.sh --convert-only), run the decoder
# tests (decode_test.c) and report their counts. A crash (no counts line)
# is one failure.
set -u
cd "$(dirname "$0")/../../.."
bin=$1
muts=${2:-20}
bash tests/spec/run.sh --convert-only
out=$(timeout 600 "$bin" build/host/spec "$muts" 2>&1)
rc=$?
printf '%s\n' "$out" | grep -v '^counts ' | grep -v '^    #' | head -n 80
last=$(printf '%s\n' "$out" | grep '^counts ' | tail -n 1)
if [ -z "$last" ]; then
    echo "decode-test died (status $rc)"
    bash tests/report.sh wasm-decode 0 1 0
    exit 1
fi
read -r _ p f s <<<"$last"
if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "decode-test exited with status $rc after its counts: one failure more"
    f=1
fi
bash tests/report.sh wasm-decode "$p" "$f" "$s"
[ "$f" -eq 0 ]
