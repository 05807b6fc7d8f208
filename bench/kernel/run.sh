#!/usr/bin/env bash
# bench/kernel/run.sh ARCH OUTDIR TIMEOUT SIZE STRIP -- QEMU-COMMAND...
#
# One architecture of `make bench` (bench/kernel/bench.mk): measures the
# kernel image and the boot-module archive on the host (SIZE and STRIP are the arch's binutils), boots
# it twice with the command line "bench" - under
# -icount shift=0,align=off,sleep=off for instruction counts, then in plain
# TCG for wall-clock reference - and writes OUTDIR/ARCH.json
# (bench/kernel/collect.py). The logs stay in build/ARCH/bench-*.log.
# Exits non-zero if the icount run or the collection failed.
set -u
cd "$(dirname "$0")/../.."
arch=$1 out=$2 timeout_s=$3 size_tool=$4 strip_tool=$5
shift 5
[ "${1:-}" = "--" ] && shift
elf=build/$arch/jericho.elf
ICOUNT=(-icount shift=0,align=off,sleep=off)
mkdir -p "$out"

[ -f "$elf" ] || { echo "bench: $elf is missing" >&2; exit 1; }
read -r text data bss _ < <($size_tool "$elf" | awk 'NR == 2')
file=$(stat -c %s "$elf")
stripped_elf=build/$arch/jericho.stripped.elf
$strip_tool -o "$stripped_elf" "$elf" || { echo "bench: $strip_tool failed" >&2; exit 1; }
stripped=$(stat -c %s "$stripped_elf")
# The wasm modules are not in the image: the boot-module archive the boot
# loader hands the kernel beside it (docs/bootpack.md) is its own row.
pak=build/$arch/jericho.pak
[ -f "$pak" ] || { echo "bench: $pak is missing" >&2; exit 1; }
pak_size=$(stat -c %s "$pak")

echo "bench: $arch under icount (instruction counts)"
bash tests/qemu-run.sh "$arch" "$timeout_s" bench "build/$arch/bench-icount.log" -- \
    "$@" "${ICOUNT[@]}" >/dev/null
rc=$?
[ "$rc" -ne 0 ] && echo "bench: $arch icount run failed (status $rc); see build/$arch/bench-icount.log" >&2
echo "bench: $arch in plain TCG (wall time, for reference)"
bash tests/qemu-run.sh "$arch" "$timeout_s" bench "build/$arch/bench-plain.log" -- \
    "$@" >/dev/null || echo "bench: $arch plain-TCG run failed; no wall times" >&2

# The commit measured, "-dirty" if sources differ from it (the results
# this script itself writes do not count: both arches run in one `make bench`).
commit_name() {
    local c
    c=$(git rev-parse --short HEAD 2>/dev/null) || { echo unknown; return; }
    [ -n "$(git status --porcelain -- . ':!bench/results' 2>/dev/null)" ] && c="$c-dirty"
    echo "$c"
}

python3 bench/kernel/collect.py --system jericho --arch "$arch" \
    --icount "build/$arch/bench-icount.log" --plain "build/$arch/bench-plain.log" \
    --size "image=$stripped" --size "image_text=$text" --size "image_data=$data" \
    --size "image_bss=$bss" --size "image_file=$file" --size "image_pak=$pak_size" \
    --meta "commit=${BENCH_COMMIT:-$(commit_name)}" \
    --meta "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --meta "qemu=$("$1" --version | head -1)" \
    --meta "qemu_args=$* ${ICOUNT[*]}" \
    --out "$out/$arch.json" || rc=1
if [ "$rc" -eq 0 ]; then
    echo "bench: wrote $out/$arch.json"
elif [ -f "$out/$arch.json" ]; then
    echo "bench: $arch FAILED; $out/$arch.json (and the table) still hold an earlier run" >&2
fi
exit "$rc"
