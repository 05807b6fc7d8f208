#!/usr/bin/env bash
# tests/lint/lint.sh - static checks of src/ (cppcheck and clang-tidy), one
# run per build target, with the flags of the real build (docs/lint.md).
#
# Usage: tests/lint/lint.sh [TARGET...]   TARGET: x86_64 arm64 host
#                                          (default: all three)
# A unit is one tool on one source file for one target. A unit with any
# finding fails; a tool that is not installed skips its units. Findings are
# printed and kept in build/lint/<tool>-<target>/; the last line is
# "lint: P passed, F failed, S skipped" and the exit status is non-zero when
# anything failed. LINT_JOBS (default 2) files are checked at once; with
# LINT_REPORT=SUITE the counts also go to tests/report.sh (make test-lint).
set -u
cd "$(dirname "$0")/../.."
here=tests/lint
jobs=${LINT_JOBS:-2}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(x86_64 arm64 host)

# ---- what each target builds, and with which flags (see the Makefile) ----------
# Kernel targets: every kernel source and the arch's HAL, as built by
# `make ARCH=<arch>` (-std=gnu11 -ffreestanding -DJERICHO_KERNEL, the same
# include path). Host: the engine and its host support as built into
# build/host/lib*.a, and the HAL's host test programs.
kernel_srcs() {
    ls src/klib/*.c src/mm/*.c src/kernel/*.c src/object/*.c src/boot/*.c src/syscall/*.c \
       src/wasmtask/*.c src/runner/*.c src/selftest/*.c src/kbench/*.c src/interp/*.c
    ls src/hal/"$1"/*.c | grep -v '_host\.c$'
}
host_srcs() {
    ls src/interp/*.c src/host/*.c src/hal/arm64/*_host.c src/hal/x86_64/tests/*.c 2>/dev/null
}
srcs() { if [ "$1" = host ]; then host_srcs; else kernel_srcs "$1"; fi; }

# Preprocessor flags shared by both tools.
cpp_flags() {
    case "$1" in
    x86_64) echo "-Iinclude -Isrc -Isrc/hal/x86_64 -DJERICHO_KERNEL" ;;
    arm64)  echo "-Iinclude -Isrc -Isrc/hal/arm64 -DJERICHO_KERNEL" ;;
    host)   echo "-Iinclude -Isrc -Isrc/hal/x86_64" ;;
    esac
}
# The host test programs of a HAL include their own hal_arch.h: give each
# host file the include path the Makefile gives it.
host_file_flags() {
    case "$1" in
    src/hal/arm64/*) echo "-Isrc/hal/arm64" ;;
    src/hal/x86_64/*) echo "-Isrc/hal/x86_64" ;;
    esac
}
# clang's view of the compiler: the target triple, freestanding for the
# kernel, and the same language mode and warnings as GCC.
clang_flags() {
    local common="-std=gnu11 -Wall -Wextra"
    case "$1" in
    x86_64) echo "$common --target=x86_64-elf -ffreestanding -fno-builtin -mno-red-zone -mcmodel=small $(cpp_flags x86_64)" ;;
    arm64)  echo "$common --target=aarch64-none-elf -ffreestanding -fno-builtin -march=armv8-a $(cpp_flags arm64)" ;;
    host)   echo "$common $(cpp_flags host)" ;;
    esac
}
# cppcheck's view: the platform's type sizes and the compiler's predefined
# macros that the sources test.
cppcheck_flags() {
    local common="--enable=warning,performance,portability --std=c11 --inline-suppr -q
        --suppressions-list=$here/cppcheck-suppressions.txt --platform=unix64 -D__GNUC__"
    case "$1" in
    x86_64) echo "$common -D__x86_64__ $(cpp_flags x86_64)" ;;
    arm64)  echo "$common -D__aarch64__ $(cpp_flags arm64)" ;;
    host)   echo "$common -D__x86_64__ -D__linux__ $(cpp_flags host)" ;;
    esac
}

# ---- one unit ---------------------------------------------------------------------
# unit_key SETTINGS FLAGS FILE: a hash of everything a tool's result on FILE
# depends on: the tool's version and configuration (SETTINGS), the flags,
# and the text of FILE and of every header it includes (comments too, so a
# NOLINT counts), as clang's dependency list names them. Prints nothing when
# the list cannot be made (the unit is then checked, not looked up).
unit_key() {
    local deps
    # shellcheck disable=SC2086
    deps=$(clang -M $2 "$3" 2>/dev/null) || return 0
    { echo "$1"; echo "$3 $2"
      echo "$deps" | tr -d '\\' | tr ' ' '\n' | grep -v ':$' | grep . | sort -u | xargs cat
    } | sha1sum | cut -c1-40
}

# lint_one TOOL TARGET FILE: runs one tool on one file, writes its findings
# to build/lint/TOOL-TARGET/<file>.txt (empty when clean). Results are kept
# in build/lint/cache/ under unit_key: a run after a change checks only the
# files that see it (the analyzer takes minutes on a cold tree).
lint_one() {
    local tool=$1 tgt=$2 f=$3
    local out="build/lint/$tool-$tgt/${f//\//_}.txt"
    local extra="" flags settings key
    [ "$tgt" = host ] && extra=$(host_file_flags "$f")
    flags="$(clang_flags "$tgt") $extra"
    case "$tool" in
    cppcheck)
        settings="$(cppcheck --version) $(cppcheck_flags "$tgt") $(cat "$here/cppcheck-suppressions.txt")" ;;
    clang-tidy)
        # The interpreter's dispatch function is one function of some
        # hundred labels: the analyzer's default (deep) mode takes minutes
        # on it; shallow mode (less inlining of callees) takes seconds.
        case "$f" in
        src/interp/exec.c) flags="$flags -Xclang -analyzer-config -Xclang mode=shallow" ;;
        esac
        settings="$(clang-tidy --version) $(cat "$here/clang-tidy.yaml")" ;;
    esac
    key=$(unit_key "$settings" "$flags" "$f")
    local cached="build/lint/cache/$tool-$key.txt"
    if [ -n "$key" ] && [ -f "$cached" ]; then
        cp "$cached" "$out"
        return
    fi
    local rc
    case "$tool" in
    cppcheck)
        # shellcheck disable=SC2046,SC2086
        cppcheck $(cppcheck_flags "$tgt") $extra --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
            "$f" > "$out.tmp" 2>&1
        rc=$?
        # Without --error-exitcode cppcheck exits 0 whatever it finds: any
        # other status is a failure of the tool, which must not pass.
        if [ "$rc" -ne 0 ]; then
            [ -s "$out.tmp" ] || echo "$f: cppcheck exited with status $rc" > "$out.tmp"
            rc=2
        fi
        ;;
    clang-tidy)
        # Only diagnostics (with their location line) are findings: drop
        # clang-tidy's progress chatter ("N warnings generated", notes on
        # suppressed warnings).
        # shellcheck disable=SC2086
        clang-tidy --quiet --config-file="$here/clang-tidy.yaml" "$f" -- $flags 2>&1 |
            grep -E '^[^ ].*:[0-9]+:[0-9]+: (warning|error):' > "$out.tmp"
        rc=${PIPESTATUS[0]}     # 1: the file did not compile, reported as errors
        if [ "$rc" -gt 1 ] && [ ! -s "$out.tmp" ]; then
            echo "$f: clang-tidy exited with status $rc" > "$out.tmp"
        fi
        ;;
    esac
    # Keep a result only when the tool ran to the end (a killed run leaves
    # no cache entry).
    [ -n "$key" ] && [ "$rc" -le 1 ] && cp "$out.tmp" "$cached"
    mv "$out.tmp" "$out"
}
export -f lint_one unit_key cpp_flags cppcheck_flags clang_flags host_file_flags
export here

mkdir -p build/lint/cache
pass=0; fail=0; skip=0
for tgt in "${targets[@]}"; do
    case "$tgt" in x86_64|arm64|host) ;; *) echo "lint: unknown target '$tgt'" >&2; exit 2 ;; esac
    # Biggest files first, so the slowest one does not run alone at the end.
    # shellcheck disable=SC2046
    files=$(ls -S $(srcs "$tgt"))
    n=$(echo "$files" | wc -l)
    for tool in cppcheck clang-tidy; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "lint: $tool not installed: $n files of $tgt skipped"
            skip=$((skip + n)); continue
        fi
        rm -rf "build/lint/$tool-$tgt"; mkdir -p "build/lint/$tool-$tgt"
        echo "$files" | xargs -P "$jobs" -I{} bash -c 'lint_one "$@"' _ "$tool" "$tgt" {}
        bad=0
        for r in "build/lint/$tool-$tgt"/*.txt; do
            if [ -s "$r" ]; then bad=$((bad + 1)); cat "$r"; fi
        done
        echo "lint: $tool $tgt: $((n - bad)) of $n files clean"
        pass=$((pass + n - bad)); fail=$((fail + bad))
    done
done
echo "lint: $pass passed, $fail failed, $skip skipped"
[ -n "${LINT_REPORT:-}" ] && bash tests/report.sh "$LINT_REPORT" "$pass" "$fail" "$skip"
[ "$fail" -eq 0 ]
