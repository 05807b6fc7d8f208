# bench/kernel/wasm/wasm.mk - the wasm modules of the in-kernel wasm
# benchmarks (src/kernel/bench_wasm*.c), linked into the kernel as one
# table (src/kernel/bench_wasm.h):
#
#   bench/kernel/wasm/NAME.wat --wat2wasm--> $(B)/benchwasm/NAME.wasm
#   coremark-task.c (+ bench/coremark.c) --clang wasm32, no libc-->
#                                            $(B)/benchwasm/coremark-task.wasm
#   all of them --embed.py--> $(B)/benchwasm/bench_wasm_blob.c (generated)
#
# The coremark task's expected output line comes from the native build of
# bench/coremark.c run with the same iteration count.

BW_WATS := $(sort $(wildcard bench/kernel/wasm/*.wat))
BW_WASMS := $(patsubst bench/kernel/wasm/%.wat,$(B)/benchwasm/%.wasm,$(BW_WATS)) \
	$(B)/benchwasm/coremark-task.wasm
BW_CORE_ITERS := $(shell sed -n 's/^\#define ITERS \([0-9]*\).*/\1/p' bench/kernel/wasm/coremark-task.c)
WASM32_CC ?= clang

KOBJS += $(B)/benchwasm/bench_wasm_blob.o

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

$(B)/benchwasm/bench_wasm_blob.c: bench/kernel/wasm/embed.py $(BW_WASMS) $(B)/benchwasm/coremark.line
	$(Q)$(PYTHON3) bench/kernel/wasm/embed.py --out $@ --coremark-line "$$(cat $(B)/benchwasm/coremark.line)" $(BW_WASMS)

$(B)/benchwasm/bench_wasm_blob.o: $(B)/benchwasm/bench_wasm_blob.c src/kernel/bench_wasm.h
	$(Q)$(KCC) $(KCFLAGS) $(ARCH_CFLAGS) $(ARCH_NOFP_CFLAGS) -c $< -o $@
