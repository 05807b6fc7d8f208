# bench/kernel/wasm/wasm.mk - the wasm modules of the in-kernel wasm
# benchmarks (src/kernel/bench_wasm*.c), packed by demos/pack.py into the
# boot-module archive $(B)/jericho.pak (demos/demos.mk, docs/bootpack.md),
# from which the kernel builds its table (src/kernel/bench_wasm.h):
#
#   bench/kernel/wasm/NAME.wat --wat2wasm--> $(B)/benchwasm/NAME.wasm
#   coremark-task.c (+ bench/coremark.c) --clang wasm32, no libc-->
#                                            $(B)/benchwasm/coremark-task.wasm
#   all of them, with coremark.line --demos/pack.py--> $(B)/jericho.pak
#
# The coremark task's expected output line comes from the native build of
# bench/coremark.c run with the same iteration count.

BW_WATS := $(sort $(wildcard bench/kernel/wasm/*.wat))
BW_WASMS := $(patsubst bench/kernel/wasm/%.wat,$(B)/benchwasm/%.wasm,$(BW_WATS)) \
	$(B)/benchwasm/coremark-task.wasm
BW_CORE_ITERS := $(shell sed -n 's/^\#define ITERS \([0-9]*\).*/\1/p' bench/kernel/wasm/coremark-task.c)
WASM32_CC ?= clang

$(B)/benchwasm/%.wasm: bench/kernel/wasm/%.wat
	@mkdir -p $(dir $@)
	$(Q)$(WAT2WASM) $< -o $@

$(B)/benchwasm/coremark-task.wasm: bench/kernel/wasm/coremark-task.c bench/coremark.c $(wildcard bench/kernel/wasm/libc/*.h)
	@mkdir -p $(dir $@)
	$(Q)$(WASM32_CC) --target=wasm32 -O2 -nostdlib -ffreestanding -Wall -Wextra -Werror \
		-isystem bench/kernel/wasm/libc -Ibench -Wl,--no-entry -Wl,--export=_start \
		-Wl,--export=bench_result -Wl,-z,stack-size=65536 -o $@ $<

$(B)/benchwasm/coremark.line: $(H)/bench/coremark.native bench/kernel/wasm/coremark-task.c
	@mkdir -p $(dir $@)
	$(Q)$< $(BW_CORE_ITERS) > $@
