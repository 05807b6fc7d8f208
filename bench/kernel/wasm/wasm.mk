# bench/kernel/wasm/wasm.mk - the wasm modules of the in-kernel wasm
# benchmarks (src/kbench/bench_wasm*.c), packed by demos/pack.py into the
# boot-module archive $(B)/jericho.pak (demos/demos.mk, docs/bootpack.md),
# from which the kernel builds its table (include/kbench/bench_wasm.h):
#
#   bench/kernel/wasm/NAME.wat --wat2wasm--> $(B)/benchwasm/NAME.wasm
#   prog-task.c + bench/PROG.c --clang wasm32, no libc--> prog-PROG.wasm.raw
#   bench/PROG.c --native build, run with progs.txt's arguments--> prog-PROG.line
#   both --expect.py--> $(B)/benchwasm/prog-PROG.wasm (the line in its
#                        custom section "jericho.expect")
#   all of them --demos/pack.py--> $(B)/jericho.pak
#
# progs.txt gives each program's iteration count and arguments.

BW_WATS := $(sort $(wildcard bench/kernel/wasm/*.wat))
BW_PROGS := $(shell awk '!/^\#/ && NF { print $$1 }' bench/kernel/wasm/progs.txt)
BW_WASMS := $(patsubst bench/kernel/wasm/%.wat,$(B)/benchwasm/%.wasm,$(BW_WATS)) \
	$(patsubst %,$(B)/benchwasm/prog-%.wasm,$(BW_PROGS))
WASM32_CC ?= clang
# bw_prog FIELD PROG: progs.txt's iterations (2) or arguments (3-) of PROG.
bw_iters = $$(awk '$$1 == "$(1)" { print $$2 }' bench/kernel/wasm/progs.txt)
bw_args = $$(awk '$$1 == "$(1)" { $$1 = $$2 = ""; sub(/^ +/, ""); print }' bench/kernel/wasm/progs.txt)

$(B)/benchwasm/%.wasm: bench/kernel/wasm/%.wat
	@mkdir -p $(dir $@)
	$(Q)$(WAT2WASM) $< -o $@

$(B)/benchwasm/prog-%.wasm.raw: bench/kernel/wasm/prog-task.c bench/%.c bench/kernel/wasm/progs.txt \
		$(wildcard bench/kernel/wasm/libc/*.h)
	@mkdir -p $(dir $@)
	$(Q)$(WASM32_CC) --target=wasm32 -O2 -nostdlib -ffreestanding -Wall -Wextra -Werror \
		-isystem bench/kernel/wasm/libc -Ibench -DPROG_FILE='"$*.c"' \
		-DPROG_ARGS="\"$(call bw_args,$*)\"" -DPROG_ITERS=$(call bw_iters,$*) \
		-Wl,--no-entry -Wl,--export=_start -Wl,--export=bench_result \
		-Wl,-z,stack-size=65536 -o $@ $<

$(B)/benchwasm/prog-%.line: $(H)/bench/%.native bench/kernel/wasm/progs.txt
	@mkdir -p $(dir $@)
	$(Q)$< $(call bw_args,$*) > $@

$(B)/benchwasm/prog-%.wasm: $(B)/benchwasm/prog-%.wasm.raw $(B)/benchwasm/prog-%.line \
		bench/kernel/wasm/expect.py
	$(Q)$(PYTHON3) bench/kernel/wasm/expect.py $< $(B)/benchwasm/prog-$*.line $@

.SECONDARY: $(patsubst %,$(B)/benchwasm/prog-%.wasm.raw,$(BW_PROGS)) \
	$(patsubst %,$(B)/benchwasm/prog-%.line,$(BW_PROGS))

# The frames benchmark (src/kbench/bench_net.c): the virtio-net driver as
# drivers/drivers.mk builds it, and its client, a C task on the SDK that
# exports its record.
BW_WASMS += $(B)/benchwasm/virtio-net.wasm $(B)/benchwasm/bench-net.wasm

$(B)/benchwasm/virtio-net.wasm: $(B)/drivers/virtio-net.wasm
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

$(B)/benchwasm/bench-net.wasm: bench/kernel/wasm/bench-net.c drivers/net/netring.h drivers/net/netclient.h $(SDK_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANG) $(SDK_CFLAGS) -c $< -o $@.o
	$(Q)$(WASI_CLANG) $(SDK_LDFLAGS) -Wl,--export=bench_net $@.o -o $@
