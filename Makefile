# JerichoOS top-level Makefile.
#
#   make [ARCH=x86_64|arm64]   build the kernel image into build/$(ARCH)/
#   make qemu                  boot it headless, serial on the terminal;
#                              QEMU's exit status is the kernel's (0 = all ok)
#   make test                  host tests, spec tests, QEMU tests (both arches)
#   make bench                 benchmarks (both arches unless ARCH is given)
#   make debug                 QEMU halted with a gdb stub on :1234 (GDB_PORT);
#                              prints the gdb command (docs/debugging.md)
#   make clean
#
# Each part of the tree adds its own rules through a fragment included
# below (src/hal/<arch>/arch.mk, src/interp/interp.mk, src/host/host.mk, src/wasi/wasi.mk,
# tests/tests.mk, ports/ports.mk, bench/bench.mk, sdk/sdk.mk, drivers/drivers.mk, demos/demos.mk). Test suites register
# themselves with `TEST_SUITES += name` and a `test-name` target; `make test`
# runs them all through tests/run.sh, which prints the closing counts line.

ARCH ?= x86_64
ifeq ($(ARCH),aarch64)
override ARCH := arm64
endif
ifeq ($(filter $(ARCH),x86_64 arm64),)
$(error ARCH must be x86_64 or arm64 (or aarch64), not '$(ARCH)')
endif

B := build/$(ARCH)
H := build/host
Q ?= @

# ---- toolchains -------------------------------------------------------------
have = $(shell command -v $(1) >/dev/null 2>&1 && echo yes)
ifeq ($(ARCH),x86_64)
CROSS ?= $(if $(call have,x86_64-elf-gcc),x86_64-elf-,)
else
CROSS ?= $(if $(call have,aarch64-none-elf-gcc),aarch64-none-elf-,aarch64-linux-gnu-)
endif
KCC := $(CROSS)gcc
KLD := $(CROSS)ld
KOBJCOPY := $(CROSS)objcopy
KSIZE := $(CROSS)size
KSTRIP := $(CROSS)strip
HOSTCC ?= gcc

# ---- kernel flags -------------------------------------------------------------
# Kernel code outside src/interp/ never touches FP/SIMD registers
# (ARCH_NOFP_CFLAGS), so interrupt entry needs not save them; the context
# switch saves them for the interpreter's sake.
KCFLAGS := -std=gnu11 -O2 -g -ffreestanding -nostdlib -fno-stack-protector \
	-fno-pic -fno-pie -fno-asynchronous-unwind-tables -fno-omit-frame-pointer \
	-fno-strict-aliasing -fno-tree-loop-distribute-patterns -Wall -Wextra -Werror -Iinclude -Isrc -Isrc/hal/$(ARCH) \
	-MMD -MP -DJERICHO_KERNEL
KASFLAGS := -Iinclude -Isrc/hal/$(ARCH) -MMD -MP -D__ASSEMBLY__
KLDFLAGS := -nostdlib -static -z max-page-size=4096

# ---- host flags (tests, tools) ----------------------------------------------------
HOSTCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Iinclude -Isrc -MMD -MP
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

KOBJS :=
KTOBJS :=
TEST_SUITES :=

.PHONY: all qemu test bench debug clean deps size
all: kernel

-include src/hal/$(ARCH)/arch.mk
-include src/interp/interp.mk
-include src/host/host.mk
-include src/wasi/wasi.mk
-include sdk/sdk.mk
-include shell/shell.mk
-include drivers/drivers.mk
-include netstack/netstack.mk
-include demos/demos.mk
-include broker/broker.mk
-include tests/tests.mk
-include ports/ports.mk
-include tlsterm/tlsterm.mk
-include mqttnet/mqttnet.mk
-include bench/bench.mk

# Two images per architecture (docs/kernel.md, "Layout"):
#   jericho.elf       the kernel and the boot-time runner (what `make qemu` boots)
#   jericho-test.elf  the same plus the in-kernel self-tests and benchmarks
#                     (command lines `test...` and `bench...`)
# KOBJS are in both, KTOBJS only in the second (fragments may add to either).
KSRC_GENERIC := $(wildcard src/klib/*.c src/mm/*.c src/kernel/*.c src/object/*.c src/boot/*.c \
	src/syscall/*.c src/wasmtask/*.c src/runner/*.c)
KSRC_TESTONLY := $(wildcard src/selftest/*.c src/kbench/*.c)
KOBJS += $(patsubst src/%.c,$(B)/%.o,$(KSRC_GENERIC))
KTOBJS += $(patsubst src/%.c,$(B)/%.o,$(KSRC_TESTONLY))
# The image a command line needs: self-tests and benchmarks are only in
# the test image. KIMAGE=jericho-test boots it whatever the command line.
KIMAGE ?= $(if $(filter test test=% bench bench=%,$(CMDLINE)),jericho-test,jericho)

# ---- optimisation: the image is built for size except its hot paths ----------
# (docs/bench.md, "kernel image"). Everything is compiled -Os (it comes after
# -O2 on the command line, so it wins) except the files on the paths a task
# runs through again and again: the interpreter's execution, the scheduler,
# IPC and its fast path, the capability lookup, the system calls the bench
# rows exercise, the wasm task runtime, memcpy and friends, and the HAL's
# trap, timer and switch code (KHOT_ARCH in src/hal/<arch>/arch.mk).
# Start-up code (decode, validate, compile) is -Os: it runs once per function.
KHOT := interp/exec.o interp/exec_mem.o \
	kernel/cspace.o kernel/fastpath.o kernel/ipc.o kernel/sched.o \
	syscall/table.o syscall/sys_ipc.o syscall/sys_ntfn.o syscall/sys_cap.o syscall/sys_mem.o \
	object/endpoint.o object/notification.o object/clock.o object/cnode.o object/memory.o \
	wasmtask/wtask.o wasmtask/wasm_rt.o wasmtask/wasm_guard.o klib/string.o
kopt = $(if $(filter $(addprefix $(B)/,$(KHOT) $(KHOT_ARCH)),$(1)),,-Os)

# `make size [ARCH=...]`: the stripped image against its target (docs/bench.md,
# "kernel image"); fails when over, so a change can be checked before it lands.
KIMAGE_TARGET := 262144
size: $(B)/jericho.elf
	@$(KSTRIP) -o $(B)/jericho.stripped $<
	@n=$$(stat -c %s $(B)/jericho.stripped); \
	  echo "jericho.elf ($(ARCH)) stripped: $$n bytes, target <= $(KIMAGE_TARGET) ($$(( $(KIMAGE_TARGET) - n )) to spare)"; \
	  [ $$n -le $(KIMAGE_TARGET) ]

$(B)/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(Q)$(KCC) $(KCFLAGS) $(ARCH_CFLAGS) $(if $(filter src/interp/%,$<),$(ARCH_FP_CFLAGS),$(ARCH_NOFP_CFLAGS)) $(call kopt,$@) -c $< -o $@

$(B)/%.o: src/%.S
	@mkdir -p $(dir $@)
	$(Q)$(KCC) $(KASFLAGS) $(ARCH_ASFLAGS) -c $< -o $@

# ---- linking: each image twice (docs/debugging.md, "Symbols") ----------------
# The first link (IMAGE.pre.elf) has an empty symbol table; tools/ksyms.py
# turns its function symbols into build/ARCH/ksyms/IMAGE.c, and the second
# link uses that instead. The table sits after all code, so no code moves:
# `ksyms.py check` makes sure. KLINK and KLDSCRIPT come from the arch.mk.
KNM := $(CROSS)nm
KSYMS := python3 tools/ksyms.py
.SECONDARY: $(B)/jericho.pre.elf $(B)/jericho-test.pre.elf $(B)/ksyms/jericho.c \
	$(B)/ksyms/jericho-test.c $(B)/ksyms/empty.c
$(B)/ksyms/empty.c: tools/ksyms.py
	@mkdir -p $(dir $@)
	$(Q)$(KSYMS) gen $(KNM) - $@
$(B)/ksyms/%.c: $(B)/%.pre.elf tools/ksyms.py
	@mkdir -p $(dir $@)
	$(Q)$(KSYMS) gen $(KNM) $< $@
$(B)/ksyms/%.o: $(B)/ksyms/%.c src/klib/ksyms_table.h
	$(Q)$(KCC) $(KCFLAGS) $(ARCH_CFLAGS) $(ARCH_NOFP_CFLAGS) -c $< -o $@

# The generic objects join KOBJS after the fragments are read: expand the
# prerequisites a second time.
.SECONDEXPANSION:
$(B)/jericho.pre.elf: $$(KOBJS) $(B)/ksyms/empty.o $$(KLDSCRIPT)
	$(Q)$(call KLINK,$@,$(KOBJS) $(B)/ksyms/empty.o)
$(B)/jericho-test.pre.elf: $$(KOBJS) $$(KTOBJS) $(B)/ksyms/empty.o $$(KLDSCRIPT)
	$(Q)$(call KLINK,$@,$(KOBJS) $(KTOBJS) $(B)/ksyms/empty.o)
$(B)/jericho.elf: $(B)/jericho.pre.elf $(B)/ksyms/jericho.o
	$(Q)$(call KLINK,$@,$(KOBJS) $(B)/ksyms/jericho.o)
	$(Q)$(KSYMS) check $(KNM) $< $@
$(B)/jericho-test.elf: $(B)/jericho-test.pre.elf $(B)/ksyms/jericho-test.o
	$(Q)$(call KLINK,$@,$(KOBJS) $(KTOBJS) $(B)/ksyms/jericho-test.o)
	$(Q)$(KSYMS) check $(KNM) $< $@

$(H)/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -c $< -o $@

# ---- running -------------------------------------------------------------------
# CMDLINE reaches the kernel through fw_cfg (opt/jericho/cmdline).
CMDLINE ?= $(if $(DEMO),demo=$(DEMO))
QEMU_TIMEOUT ?= 120
QEMU_LOG ?= $(B)/qemu.log

qemu: kernel
	@bash tests/qemu-run.sh $(ARCH) $(QEMU_TIMEOUT) "$(strip $(CMDLINE))" $(QEMU_LOG) -- \
		$(QEMU) $(QEMU_ARGS) $(QEMU_BOOT)

# make debug: QEMU halted at the first instruction with a gdb stub on
# 127.0.0.1:GDB_PORT, serial on the terminal (and in build/ARCH/debug.log),
# the same image and command line `make qemu` would boot (KIMAGE, CMDLINE,
# DEMO); it prints the gdb command, which loads the helpers of
# tools/gdb/jericho.py (docs/debugging.md). The command line goes through
# tests/qemu-run.sh as for `make qemu` (a comma inside $(if ...) would end
# the argument early). No time limit (DEBUG_TIMEOUT, seconds; 0 = none).
GDB_PORT ?= 1234
DEBUG_TIMEOUT ?= 0
GDB := $(if $(filter arm64,$(ARCH)),gdb-multiarch,gdb)
GDB_CMD = $(GDB) -q $(B)/$(KIMAGE).elf -ex 'source tools/gdb/jericho.py' -ex 'target remote :$(GDB_PORT)'

debug: kernel
	@echo "QEMU is halted, waiting for gdb on port $(GDB_PORT). In another terminal:"
	@echo "  $(GDB_CMD)"
	@bash tests/qemu-run.sh $(ARCH) $(DEBUG_TIMEOUT) "$(strip $(CMDLINE))" $(B)/debug.log -- \
		$(QEMU) $(QEMU_ARGS) $(QEMU_BOOT) -gdb tcp:127.0.0.1:$(GDB_PORT) -S

test:
	@TEST_KERNEL_SUITES="$(TEST_KERNEL_SUITES)" bash tests/run.sh $(TEST_SUITES)

deps:
	./build.sh deps

clean:
	rm -rf build

# (build/ports/ and build/tlsterm/src/ hold Debian sources: not ours, skipped)
-include $(shell find build -path build/ports -prune -o -path build/tlsterm/src -prune -o -name '*.d' -print 2>/dev/null)
