# sdk/sdk.mk - how the build compiles C, C++ and Rust tasks with the SDK
# (sdk/README.md): the flags, and the Rust crate sdk/rust/jericho as an
# rlib. demos/demos.mk uses them for demos/*.c, *.cpp and *.rs.
#
# C and C++: Debian's clang 14 with wasi-libc (and libc++/libc++abi for
# wasm32). Compile and link are two steps on purpose: given an -O flag at
# link time, clang runs wasm-opt when it is on PATH (binaryen), and
# wasm-opt drops the name section, which trap messages and the gdb
# helpers use. --strip-debug drops wasi-libc's DWARF (100 KiB), not the
# names.
#
# Rust: Debian's /usr/bin/rustc (1.63, target wasm32-wasi from
# libstd-rust-dev-wasm32), called by its path so that a rustup toolchain
# on PATH (without wasm targets) is not used. No cargo: the crate is one
# rlib, given to each program with --extern.

WASI_CLANG ?= clang
WASI_CLANGXX ?= clang++
RUSTC_WASI ?= /usr/bin/rustc
RUST_WASI_TARGET ?= wasm32-wasi
SDK_OUT ?= $(B)/sdk
SDK_HEADERS := $(wildcard sdk/include/*.h)
SDK_CFLAGS := --target=wasm32-wasi -O2 -g0 -Wall -Wextra -Werror -Isdk/include
SDK_CXXFLAGS := $(SDK_CFLAGS) -std=c++17 -fno-exceptions -fno-rtti
SDK_LDFLAGS := --target=wasm32-wasi -Wl,--strip-debug
SDK_RUSTFLAGS := --target $(RUST_WASI_TARGET) --edition 2021 -O -C strip=debuginfo -D warnings
SDK_RLIB := $(SDK_OUT)/libjericho.rlib

# rustc's own message for a missing target is long: say what to install.
sdk_need_rustc = @test -x $(RUSTC_WASI) && $(RUSTC_WASI) --print target-list 2>/dev/null | \
	grep -qx $(RUST_WASI_TARGET) || { echo "$(1): needs Debian's rustc and \
	libstd-rust-dev-wasm32 ($(RUSTC_WASI) --target $(RUST_WASI_TARGET)): run ./build.sh deps" >&2; exit 1; }

$(SDK_RLIB): $(wildcard sdk/rust/jericho/src/*.rs)
	@mkdir -p $(dir $@)
	$(call sdk_need_rustc,$<)
	$(Q)$(RUSTC_WASI) $(SDK_RUSTFLAGS) --crate-type rlib --crate-name jericho sdk/rust/jericho/src/lib.rs -o $@
