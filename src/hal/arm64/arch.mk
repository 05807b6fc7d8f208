# src/hal/arm64/arch.mk - the arm64 half of the build (included by the top
# Makefile when ARCH=arm64): flags, objects, the link, and how to run QEMU
# (-M virt, GICv2 or GICv3, -semihosting for the exit status). The boot-module
# archive jericho.pak (docs/bootpack.md) reaches the kernel as the fw_cfg
# file opt/jericho/initrd: QEMU's -kernel with an ELF ignores -initrd.
#
# ARM64_CPU=max tries the newest CPU QEMU models (the default is Cortex-A72).
# ARM64_MACHINE=virt,gic-version=3 gives the board a GICv3 (default GICv2);
# add virtualization=on to enter the kernel at EL2.

ARM64_CPU ?= cortex-a72
ARM64_MACHINE ?= virt

# -mno-outline-atomics: no calls to libgcc's LSE helpers (they need getauxval).
# -fno-unwind-tables (with the generic -fno-asynchronous-unwind-tables): the
# call-frame information goes to .debug_frame, not to .eh_frame (which the
# linker script discards), so that gdb can unwind a stack (docs/debugging.md).
# -mstrict-align for the HAL only: its boot code runs with the MMU off, when
# all memory is Device memory and any unaligned access faults.
ARCH_CFLAGS := -march=armv8-a -mtune=cortex-a72 -mno-outline-atomics -mcmodel=small -fno-unwind-tables
ARCH_NOFP_CFLAGS := -mgeneral-regs-only
ARCH_FP_CFLAGS :=
ARCH_ASFLAGS := -march=armv8-a

# *_host.c are host test programs, not kernel code.
# test_*.c are in-kernel self-tests: only in the test image (Makefile).
ARM64_SRCS := $(filter-out %_host.c src/hal/arm64/test_%.c,$(wildcard src/hal/arm64/*.c src/hal/arm64/*.S))
KTOBJS += $(patsubst src/%.c,$(B)/%.o,$(filter-out %_host.c,$(wildcard src/hal/arm64/test_*.c)))
ARM64_OBJS := $(patsubst src/%.c,$(B)/%.o,$(filter %.c,$(ARM64_SRCS))) \
	$(patsubst src/%.S,$(B)/%.o,$(filter %.S,$(ARM64_SRCS)))
KOBJS += $(ARM64_OBJS)

$(B)/hal/arm64/%.o: ARCH_CFLAGS += -mstrict-align

ARM64_LIBGCC := $(shell $(KCC) -print-libgcc-file-name)

# How to link an image: $(call KLINK,out,objects). The top Makefile links
# each image twice (the symbol table: tools/ksyms.py).
KLINK = $(KLD) $(KLDFLAGS) -T src/hal/arm64/linker.ld -o $(1) $(2) $(ARM64_LIBGCC)
KLDSCRIPT := src/hal/arm64/linker.ld

.PHONY: kernel
kernel: $(B)/jericho.elf $(B)/jericho-test.elf $(B)/jericho.pak
	@$(KSIZE) $< | awk 'NR == 2 { printf "jericho.elf (arm64): text %d, data %d, bss %d bytes; ", $$1, $$2, $$3 }'
	@printf 'file %d bytes; jericho.pak %d bytes\n' $$(stat -c %s $<) $$(stat -c %s $(B)/jericho.pak)

QEMU := qemu-system-aarch64
QEMU_ARGS := -M $(ARM64_MACHINE) -cpu $(ARM64_CPU) -m 256M -nographic -no-reboot -semihosting
# Devices (docs/kernel.md, "Devices"): DEVICES names the virtio devices the
# machine gets (default: both; DEVICES= for none), on virtio-mmio
# transports: rng is virtio-rng-device, net virtio-net-device on a QEMU
# user network with no way out (restrict=on). -nic none: no default NIC.
DEVICES ?= rng net
QEMU_DEV_rng := -device virtio-rng-device
include src/hal/qemu-net.mk
QEMU_DEV_net := -device virtio-net-device,netdev=jnet0 -netdev user,id=jnet0,$(QEMU_NET_$(NET))
QEMU_ARGS += -nic none $(foreach d,$(DEVICES),$(QEMU_DEV_$(d)))
QEMU_IMAGE = $(B)/$(KIMAGE).elf
QEMU_BOOT = -kernel $(B)/$(KIMAGE).elf -fw_cfg name=opt/jericho/initrd,file=$(B)/jericho.pak

# The fault-report suite (src/hal/arm64/test_faults.sh). It registers only
# when ARCH=arm64; the generic QEMU suite covers the rest.
HAL_TEST_SUITES += arm64-faults
.PHONY: test-arm64-faults
test-arm64-faults:
	@bash src/hal/arm64/test_faults.sh

# Both interrupt controllers and both entry levels: every in-kernel
# self-test on a GICv3 board entered at EL1 and at EL2, and on the default
# GICv2 board entered at EL2 (src/hal/arm64/test_gic.sh).
HAL_TEST_SUITES += arm64-gic
.PHONY: test-arm64-gic
test-arm64-gic:
	@bash src/hal/arm64/test_gic.sh

# Host test of the device-tree parser under ASan/UBSan, on a tree QEMU dumps
# (src/hal/arm64/test_fdt_host.c).
HAL_TEST_SUITES += arm64-fdt
.PHONY: test-arm64-fdt
$(H)/arm64/test_fdt_host: src/hal/arm64/test_fdt_host.c src/hal/arm64/fdt.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(SANFLAGS) -Isrc/hal/arm64 -o $@ $^
test-arm64-fdt: $(H)/arm64/test_fdt_host $(B)/jericho.elf
	@mkdir -p build/test-results
	@rm -f $(H)/arm64/virt.dtb
	@$(QEMU) -M virt,dumpdtb=$(H)/arm64/virt.dtb -cpu $(ARM64_CPU) -m 384M -nographic \
		-kernel $(B)/jericho.elf -append "fdt test args" > /dev/null 2>&1 || true
	@$< $(H)/arm64/virt.dtb 384 "fdt test args" build/test-results/arm64-fdt.txt

# ---- image size (docs/bench.md, "kernel image") ---------------------------------
# As in src/hal/x86_64/arch.mk: function/data sections collected by the
# linker, and -Os for code that runs once or only in tests (-Os comes after
# -O2 on the command line, so it wins); hot paths keep -O2.
ARCH_CFLAGS += -ffunction-sections -fdata-sections
KLDFLAGS += --gc-sections
# the HAL files on hot paths (see KHOT in the Makefile); the rest is -Os
KHOT_ARCH := hal/arm64/trap.o hal/arm64/timer.o hal/arm64/context.o hal/arm64/irq.o hal/arm64/cpu.o hal/arm64/gicv2.o hal/arm64/gicv3.o hal/arm64/virtio_mmio.o
