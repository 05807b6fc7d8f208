# bench/bench.mk - the C benchmark programs, built to wasm32-wasi (clang +
# Debian's wasi-libc) and natively (gcc), and `make bench-interp`, which
# times both (bench/run-interp.sh) and writes bench/results/interp.json.
#
# Native builds use -ffp-contract=off so that no fused multiply-add changes
# matmul's f64 results (wasm has none): outputs must match byte for byte.

BENCH_PROGS := coremark fib sieve matmul crc32 sha256 lz4
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

# The start-up module: a large generated program (bench/gen-big.py: no
# large real program builds to wasm32-wasi from Debian packages here),
# about 1.3 MiB of wasm; -w: generated code, warnings are noise.
$(H)/bench/big.c: bench/gen-big.py
	@mkdir -p $(dir $@)
	$(Q)python3 bench/gen-big.py $@

$(H)/bench/big.wasm: $(H)/bench/big.c
	$(Q)$(WASI_CC) $(WASI_CFLAGS) -w -o $@ $<

.PHONY: bench-build bench-interp bench-profile
bench-build: $(BENCH_WASM) $(BENCH_NATIVE) $(H)/bench/big.wasm

bench-interp: bench-build $(H)/jwasm
	@bash bench/run-interp.sh $(H) $(BENCH_PROGS)

# make bench-profile PROG=coremark [ARGS="100"]: the per-instruction
# dispatch profile of one program (jwasm-prof, src/host/host.mk) on stderr.
PROG ?= coremark
ARGS ?=
bench-profile: $(H)/bench/$(PROG).wasm $(H)/jwasm-prof
	@$(H)/jwasm-prof $(H)/bench/$(PROG).wasm $(ARGS)

# The kernel and Linux benchmarks (make bench, make bench-linux): docs/bench.md.
-include bench/kernel/bench.mk bench/linux/bench.mk bench/net/bench.mk

# make bench-count [WASM3=/path/to/wasm3]: instruction counts (cachegrind)
# per iteration of jwasm, native and optionally wasm3, and the start-up of
# big.wasm (bench/count-interp.py -> bench/results/interp-count.json).
.PHONY: bench-count
bench-count: bench-build $(H)/jwasm
	@mkdir -p bench/results
	@python3 bench/count-interp.py $(H) bench/results/interp-count.json $(COUNT_PROGS)
