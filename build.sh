#!/usr/bin/env bash
# build.sh [x86_64|arm64|aarch64|all|deps] - install what JerichoOS needs, then build.
#
#   ./build.sh x86_64   installs missing Debian packages, builds build/x86_64/
#   ./build.sh arm64    the same for arm64 (aarch64 is an alias)
#   ./build.sh all      both kernels and the host tools
#   ./build.sh deps     only the packages
#
# Packages are installed with apt-get when we are root (or have sudo without
# a password); otherwise the exact apt-get line is printed and we stop.
set -euo pipefail
cd "$(dirname "$0")"

target=${1:-x86_64}
case "$target" in
    x86_64|arm64|all|deps) ;;
    aarch64) target=arm64 ;;
    *) echo "usage: $0 [x86_64|arm64|aarch64|all|deps]" >&2; exit 2 ;;
esac

# Debian packages and one command each provides (to notice what is missing).
# nodejs runs the demos' host-side model kernel (tests/demos/) and the 3.0
# spec suite's converter (tests/spec3/).
PKGS=(
    "make:make"
    "gcc:gcc"
    "binutils:ld"
    "qemu-system-x86:qemu-system-x86_64"
    "qemu-system-arm:qemu-system-aarch64"
    "gcc-aarch64-linux-gnu:aarch64-linux-gnu-gcc"
    "binutils-aarch64-linux-gnu:aarch64-linux-gnu-ld"
    "grub-pc-bin:/usr/lib/grub/i386-pc/moddep.lst"
    "grub-common:grub-mkrescue"
    "xorriso:xorriso"
    "mtools:mformat"
    "wabt:wat2wasm"
    "python3:python3"
    "nodejs:node"
    # npm installs the 3.0 spec suite's converter into build/ (tests/spec3/convert.sh)
    "npm:npm"
    "libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a"
    "cppcheck:cppcheck"
    "clang-tidy:clang-tidy"
    # make debug and its test (docs/debugging.md): gdb for x86-64,
    # gdb-multiarch for arm64.
    "gdb:gdb"
    "gdb-multiarch:gdb-multiarch"
    # wasm-opt -ttf makes the random valid modules of the allocfail suites
    # (tests/allocfail/run.sh; skipped without it)
    "binaryen:wasm-opt"
    # real MQTT clients for the host broker's suites (tests/mqtt-host/)
    "mosquitto-clients:mosquitto_pub"
    "python3-paho-mqtt:/usr/lib/python3/dist-packages/paho/mqtt/client.py"
)
# Needed to build the C benchmarks to wasm (make bench-interp, make bench).
BENCH_PKGS=(
    "clang:clang"
    "lld:wasm-ld"
    "wasi-libc:/usr/lib/wasm32-wasi/libc.a"
    "libclang-rt-14-dev-wasm32:/usr/lib/llvm-14/lib/clang/14.0.6/lib/wasi/libclang_rt.builtins-wasm32.a"
    # make bench counts jwasm and the native builds with cachegrind (bench/kernel/host_interp.py).
    "valgrind:valgrind"
    # make bench-linux ARCH=arm64 links its static init for aarch64 (bench/linux/).
    "libc6-dev-arm64-cross:/usr/aarch64-linux-gnu/lib/libc.a"
)
# The ports (ports/README.md, suites ports-ARCH) and the network task's lwIP
# (netstack/README.md, suites net-ARCH): dpkg-source unpacks the
# Debian source packages that ports/fetch.sh fetches with apt-get source;
# Debian's native lua5.4 is what the Lua port's output and run time are
# compared with.
PORTS_PKGS=(
    "dpkg-dev:dpkg-source"
    "lua5.4:lua5.4"
    # SQLite: its build makes the amalgamation with tclsh; the native shell
    # is what the port is compared with.
    "tcl:tclsh"
    "sqlite3:sqlite3"
)
# The TLS terminator (tlsterm/README.md, suite tls-host): dpkg-dev (above)
# unpacks mbedtls's Debian source; openssl makes the test certificate and is
# the first client; Debian's mosquitto is the upstream broker of the host
# tests and its clients connect through TLS.
TLS_PKGS=(
    "openssl:openssl"
    "mosquitto:/usr/sbin/mosquitto"
    "mosquitto-clients:mosquitto_sub"
)
# The SDK (sdk/README.md): demos/*.cpp need libc++ for wasm32, demos/*.rs
# Debian's rustc (1.63, /usr/bin/rustc) with its wasm32-wasi standard library.
SDK_PKGS=(
    "libc++-14-dev-wasm32:/usr/lib/wasm32-wasi/libc++.a"
    "libc++abi-14-dev-wasm32:/usr/lib/wasm32-wasi/libc++abi.a"
    "rustc:/usr/bin/rustc"
    "libstd-rust-dev-wasm32:/usr/lib/rustlib/wasm32-wasi"
)

present() {
    case "$1" in
        /*) [ -e "$1" ] ;;
        *) command -v "$1" >/dev/null 2>&1 ;;
    esac
}

missing=()
for entry in "${PKGS[@]}" "${BENCH_PKGS[@]}" "${SDK_PKGS[@]}" "${PORTS_PKGS[@]}" "${TLS_PKGS[@]}"; do
    pkg=${entry%%:*}; probe=${entry#*:}
    present "$probe" || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "build.sh: missing packages: ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"
    else
        echo "build.sh: cannot install them without root. Run:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

[ "$target" = deps ] && { echo "build.sh: all packages present"; exit 0; }

jobs=$(nproc 2>/dev/null || echo 2)
if [ "$target" = all ]; then
    make -j"$jobs" ARCH=x86_64
    make -j"$jobs" ARCH=arm64
else
    make -j"$jobs" ARCH="$target"
fi
