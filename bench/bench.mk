# bench/bench.mk - the C benchmark programs, built to wasm32-wasi (clang +
# Debian's wasi-libc) and natively (gcc), and `make bench-interp`, which
# times both (bench/run-interp.sh) and writes bench/results/interp.json.
#
# Native builds use -ffp-contract=off so that no fused multiply-add changes
# matmul's f64 results (wasm has none): outputs must match byte for byte.

BENCH_PROGS := coremark fib sieve matmul crc32
WASI_CC ?= clang
WASI_SYSROOT ?=
WASI_CFLAGS := --target=wasm32-wasi -O2 -Wall -Wextra -Werror \
	$(if $(WASI_SYSROOT),--sysroot=$(WASI_SYSROOT))
BENCH_NATIVE_CFLAGS := -O2 -ffp-contract=off -Wall -Wextra -Werror

BENCH_WASM := $(patsubst %,$(H)/bench/%.wasm,$(BENCH_PROGS))
BENCH_NATIVE := $(patsubst %,$(H)/bench/%.native,$(BENCH_PROGS))

$(H)/bench/%.wasm: bench/%.c
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CC) $(WASI_CFLAGS) -o $@ $<

$(H)/bench/%.native: bench/%.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(BENCH_NATIVE_CFLAGS) -o $@ $<

.PHONY: bench-build bench-interp
bench-build: $(BENCH_WASM) $(BENCH_NATIVE)

bench-interp: bench-build $(H)/jwasm
	@bash bench/run-interp.sh $(H) $(BENCH_PROGS)

# The kernel and Linux benchmarks (make bench, make bench-linux): docs/bench.md.
-include bench/kernel/bench.mk bench/linux/bench.mk
