#!/usr/bin/env bash
# bench/run-interp.sh BUILD_HOST_DIR PROG... - interpreter benchmark.
#
# For each PROG: runs BUILD/bench/PROG.native and `BUILD/jwasm
# BUILD/bench/PROG.wasm` NATIVE_REPS (5) and REPS (3) times, keeps the best CPU time
# (user + system: steadier than wall time on a shared machine; the best wall
# time is recorded too), checks that both printed the same checksum line,
# and prints a table with the ratio next to wasm3's ratio (issue 13's
# side-by-side figures; with WASM3=/path/to/wasm3 also measured here, same
# method, and that figure is used). A ratio "meets" its target when it is
# at most wasm3's divided by 1.5 (issue 13). Then start-up: the wall time
# of jwasm (and wasm3) on BUILD/bench/big.wasm (a 1.3 MiB module whose main
# does almost nothing: bench/gen-big.py), median of STARTUP_REPS (9).
# Writes ${OUT_JSON:-bench/results/interp.json}. Exits 1 if any output differed or any
# run failed.
set -u
cd "$(dirname "$0")/.."
H=$1; shift
REPS=${REPS:-3}
NATIVE_REPS=${NATIVE_REPS:-5}   # native runs are cheap: more of them, less noise
JWASM="$H/jwasm"
OUT=${OUT_JSON:-bench/results/interp.json}
# issue 13's figures (wasm3's slowdown against gcc -O2, measured side by side)
declare -A W3REF=([coremark]=10.6 [fib]=14.4 [sieve]=5.2 [matmul]=10.9 [crc32]=4.0 [sha256]=15.2 [lz4]=6.7)
W3BIN=${WASM3:-}
STARTUP_REPS=${STARTUP_REPS:-9}

# calc EXPR: awk arithmetic, 3 decimals (comparisons give 0 or 1).
calc() { awk "BEGIN { x = $1; if (x == int(x)) print x; else printf \"%.3f\\n\", x }"; }
json_str() { python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))'; }

# best_time CMD... : run REPS times; sets BEST_CPU, BEST_WALL, OUTPUT, RC.
best_time() {
    BEST_CPU=""; BEST_WALL=""; RC=0
    local i tf
    tf=$(mktemp)
    for ((i = 0; i < REPS; i++)); do
        local TIMEFORMAT='%3U %3S %3R'
        { time timeout 120 "$@" > "$tf.out" 2> "$tf.err"; } 2> "$tf"
        local rc=$?
        if [ $rc -ne 0 ]; then RC=$rc; break; fi
        read -r u s r < <(tail -n 1 "$tf")
        local cpu
        cpu=$(calc "$u + $s")
        if [ -z "$BEST_CPU" ] || [ "$(calc "$cpu < $BEST_CPU")" = 1 ]; then BEST_CPU=$cpu; fi
        if [ -z "$BEST_WALL" ] || [ "$(calc "$r < $BEST_WALL")" = 1 ]; then BEST_WALL=$r; fi
    done
    OUTPUT=$(cat "$tf.out")
    ERRTEXT=$(head -c 300 "$tf.err")
    rm -f "$tf" "$tf.out" "$tf.err"
}

if [ ! -x "$JWASM" ]; then echo "run-interp: $JWASM is missing" >&2; exit 1; fi
mkdir -p bench/results
fail=0
rows=()
printf '%-10s %10s %10s %8s %8s  %s\n' program native_s jwasm_s ratio wasm3 "target"
for p in "$@"; do
    REPS=$NATIVE_REPS best_time "$H/bench/$p.native"
    n_cpu=$BEST_CPU; n_wall=$BEST_WALL; n_out=$OUTPUT; n_rc=$RC
    best_time "$JWASM" "$H/bench/$p.wasm"
    j_cpu=$BEST_CPU; j_wall=$BEST_WALL; j_out=$OUTPUT; j_rc=$RC
    ref=${W3REF[$p]:-0}
    w_cpu=""
    if [ -n "$W3BIN" ]; then
        best_time "$W3BIN" "$H/bench/$p.wasm"
        if [ "$RC" -eq 0 ] && [ "$OUTPUT" = "$n_out" ]; then
            w_cpu=$BEST_CPU
            ref=$(awk "BEGIN { printf \"%.2f\", $w_cpu / ($n_cpu + 0.0005) }")
        fi
    fi
    status=ok
    if [ "$n_rc" -ne 0 ] || [ "$j_rc" -ne 0 ]; then
        status="run failed (native rc $n_rc, jwasm rc $j_rc) ${ERRTEXT}"
    elif [ "$n_out" != "$j_out" ]; then
        status="OUTPUT DIFFERS: native '$n_out' jwasm '$j_out'"
    fi
    if [ "$status" != ok ]; then
        fail=1
        printf '%-10s %10s %10s %8s %8s  %s\n' "$p" "${n_cpu:--}" "${j_cpu:--}" - "${ref}x" "FAIL: $status"
        rows+=("{\"program\":\"$p\",\"ok\":false,\"error\":$(printf '%s' "$status" | json_str)}")
        continue
    fi
    # Guard against a 0.000 native time on a very fast machine.
    ratio=$(awk "BEGIN { printf \"%.2f\", $j_cpu / ($n_cpu + 0.0005) }")
    lim=$(awk "BEGIN { printf \"%.2f\", $ref / 1.5 }")
    met=$(calc "$ratio <= $lim"); goal="<= ${lim}x"
    mark=$([ "$met" = 1 ] && echo "met ($goal)" || echo "NOT met ($goal)")
    printf '%-10s %10s %10s %7sx %7sx  %s\n' "$p" "$n_cpu" "$j_cpu" "$ratio" "$ref" "$mark"
    rows+=("{\"program\":\"$p\",\"ok\":true,\"output\":$(printf '%s' "$n_out" | json_str),\"native_cpu_s\":$n_cpu,\"native_wall_s\":$n_wall,\"jwasm_cpu_s\":$j_cpu,\"jwasm_wall_s\":$j_wall,\"ratio\":$ratio,\"wasm3_ratio\":$ref,\"wasm3_cpu_s\":${w_cpu:-null},\"target\":\"$goal\",\"target_met\":$([ "$met" = 1 ] && echo true || echo false)}")
done
# start-up: median wall time of the whole process on big.wasm
median_wall() {
    local i tf times=()
    tf=$(mktemp)
    for ((i = 0; i < STARTUP_REPS; i++)); do
        local TIMEFORMAT='%3R'
        { time "$@" > /dev/null 2>&1; } 2> "$tf"
        times+=("$(tail -n 1 "$tf")")
    done
    rm -f "$tf"
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
startup=null
if [ -f "$H/bench/big.wasm" ]; then
    sj=$(median_wall "$JWASM" "$H/bench/big.wasm")
    sw=null
    [ -n "$W3BIN" ] && sw=$(median_wall "$W3BIN" "$H/bench/big.wasm")
    printf 'start-up (%s bytes, whole process, median of %s): jwasm %s s, wasm3 %s s\n' \
        "$(stat -c %s "$H/bench/big.wasm")" "$STARTUP_REPS" "$sj" "$sw"
    startup="{\"module_bytes\":$(stat -c %s "$H/bench/big.wasm"),\"jwasm_wall_s\":$sj,\"wasm3_wall_s\":$sw}"
fi
if [ -n "$W3BIN" ]; then
    echo "(wasm3: $W3BIN, run here the same way)"
else
    echo "(wasm3: issue 13's side-by-side figures, not run here; WASM3=/path/to/wasm3 runs it)"
fi
{
    echo "{"
    echo "  \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
    echo "  \"commit\": \"$(git rev-parse --short HEAD 2>/dev/null)\","
    echo "  \"host\": \"$(uname -m) $(nproc) cpus\","
    echo "  \"measure\": \"best of $NATIVE_REPS native and $REPS jwasm runs, user+system CPU seconds (whole process: load, compile, run)\","
    echo "  \"wasm3_ratio_source\": \"quoted: wasm3's published interpreter/native ratios, measured elsewhere on other programs and machines, not run here\","
    echo "  \"results\": ["
    for ((i = 0; i < ${#rows[@]}; i++)); do
        sep=$([ $i -lt $((${#rows[@]} - 1)) ] && echo , || true)
        echo "    ${rows[$i]}$sep"
    done
    echo "  ],"
    echo "  \"startup\": $startup"
    echo "}"
} > "$OUT"
echo "wrote $OUT"
exit $fail
