# src/hal/x86_64/arch.mk - x86-64 build: flags, objects, the kernel ELF, the
# GRUB ISO (kernel + the boot-module archive jericho.pak as a Multiboot2
# module, docs/bootpack.md), and how QEMU runs it (see docs/boot-x86_64.md).
#
# QEMU: q35 machine, TCG only (-accel tcg: KVM hangs on these machines),
# -cpu max (NX and a brand string; TCG has no invariant TSC), 256 MiB, serial on stdio,
# isa-debug-exit at 0xf4 for arch_poweroff's status.

ARCH_CFLAGS := -m64 -march=x86-64 -mno-red-zone -mcmodel=small -fcf-protection=none
ARCH_NOFP_CFLAGS := -mgeneral-regs-only
ARCH_FP_CFLAGS := -msse2 -mfpmath=sse
ARCH_ASFLAGS := -m64
ARCH_LDFLAGS := -no-pie -Wl,-z,noexecstack -Wl,--build-id=none -T src/hal/x86_64/linker.ld

# test_*.c are in-kernel self-tests: only in the test image (Makefile).
ARCH_SRCS := $(filter-out src/hal/x86_64/test_%.c,$(wildcard src/hal/x86_64/*.c src/hal/x86_64/*.S))
KOBJS += $(patsubst src/%,$(B)/%,$(ARCH_SRCS:.c=.o))
KOBJS := $(KOBJS:.S=.o)
KTOBJS += $(patsubst src/%.c,$(B)/%.o,$(wildcard src/hal/x86_64/test_*.c))

.PHONY: kernel iso
kernel: $(B)/jericho.elf $(B)/jericho.iso $(B)/jericho-test.elf $(B)/jericho-test.iso $(B)/jericho.pak
	@$(KSIZE) $< | awk 'NR==2 { printf "jericho.elf: text %d, data %d, bss %d bytes;", $$1, $$2, $$3 }'
	@printf ' file %d bytes; jericho.pak %d bytes\n' $$(stat -c %s $<) $$(stat -c %s $(B)/jericho.pak)

# How to link an image: $(call KLINK,out,objects). The top Makefile links
# each image twice (the symbol table: tools/ksyms.py).
KLINK = $(KCC) $(ARCH_LDFLAGS) $(KLDFLAGS) -o $(1) $(2) -lgcc
KLDSCRIPT := src/hal/x86_64/linker.ld

# One ISO per image; inside, the kernel is always /boot/jericho.elf (iso/grub.cfg).
$(B)/%.iso: $(B)/%.elf $(B)/jericho.pak iso/grub.cfg
	@rm -rf $(B)/isodir-$* && mkdir -p $(B)/isodir-$*/boot/grub
	$(Q)cp $(B)/$*.elf $(B)/isodir-$*/boot/jericho.elf
	$(Q)cp $(B)/jericho.pak $(B)/isodir-$*/boot/jericho.pak
	$(Q)cp iso/grub.cfg $(B)/isodir-$*/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ $(B)/isodir-$* >$(B)/grub-mkrescue-$*.log 2>&1 || \
		{ cat $(B)/grub-mkrescue-$*.log; exit 1; }

iso: $(B)/jericho.iso $(B)/jericho-test.iso

QEMU := qemu-system-x86_64
QEMU_ARGS := -M q35 -accel tcg -cpu max -m 256M -display none -serial stdio -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
# Devices (docs/kernel.md, "Devices"): DEVICES names the virtio devices the
# machine gets (default: both; DEVICES= for none): rng is virtio-rng-pci,
# net virtio-net-pci on a QEMU user network with no way out (restrict=on).
# -nic none drops q35's default e1000e.
DEVICES ?= rng net
QEMU_DEV_rng := -device virtio-rng-pci
include src/hal/qemu-net.mk
# NET_IOEVENTFD=off (make bench sets it): QEMU handles the guest's
# virtio-net notify in the vCPU thread, at the instruction that makes it,
# instead of passing it to its main loop through an eventfd (QEMU's
# default for virtio-pci), whose timing in host time made the guest time
# per frame differ from run to run under -icount (docs/bench.md, "Frames
# through virtio-net"). arm64's virtio-mmio needs nothing: measured the
# same with the default.
NET_IOEVENTFD ?=
QEMU_NET_IOEVENTFD := $(if $(NET_IOEVENTFD),$(strip ,ioeventfd=$(NET_IOEVENTFD)))
QEMU_DEV_net := -device virtio-net-pci,netdev=jnet0$(QEMU_NET_IOEVENTFD) -netdev user,id=jnet0,$(QEMU_NET_$(NET))
QEMU_ARGS += -nic none $(foreach d,$(DEVICES),$(QEMU_DEV_$(d)))
QEMU_IMAGE = $(B)/$(KIMAGE).iso
QEMU_BOOT = -cdrom $(B)/$(KIMAGE).iso

# Fault reports: one boot per exception kind (src/hal/x86_64/test_faults.sh).
HAL_TEST_SUITES += x86_64-faults
.PHONY: test-x86_64-faults
test-x86_64-faults:
	@$(MAKE) --no-print-directory ARCH=x86_64 kernel >/dev/null
	@bash src/hal/x86_64/test_faults.sh $(QEMU) $(QEMU_ARGS) $(QEMU_BOOT)

# Host unit tests of the Multiboot2 parser, under ASan/UBSan.
HAL_TEST_SUITES += x86_64-multiboot
X86_MB_TEST_SRCS := src/hal/x86_64/tests/test_multiboot.c src/hal/x86_64/multiboot.c \
	src/klib/printf.c src/klib/string.c
$(H)/test_x86_64_multiboot: $(X86_MB_TEST_SRCS) src/hal/x86_64/x86.h include/boot/info.h
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(filter-out -MMD -MP,$(HOSTCFLAGS)) $(SANFLAGS) -Isrc/hal/x86_64 -fno-builtin \
		-Dmemcpy=kl_memcpy -Dmemmove=kl_memmove -Dmemset=kl_memset -Dmemcmp=kl_memcmp \
		-Dstrlen=kl_strlen -Dstrnlen=kl_strnlen -Dstrcmp=kl_strcmp -Dstrncmp=kl_strncmp \
		-Dstrchr=kl_strchr -Dstrlcpy=kl_strlcpy -o $@ $(X86_MB_TEST_SRCS)
.PHONY: test-x86_64-multiboot
test-x86_64-multiboot: $(H)/test_x86_64_multiboot
	@mkdir -p build/test-results
	@$< x86_64-multiboot build/test-results/x86_64-multiboot.txt

# ---- image size (docs/bench.md, "kernel image") ---------------------------------
# Every function and object in its own section, and the linker drops what
# nothing references. Code that runs once or only in tests is built for
# size (-Os comes after -O2 on the command line, so it wins); the hot paths
# (interpreter execution, scheduler, IPC, system calls, the HAL) keep -O2.
ARCH_CFLAGS += -ffunction-sections -fdata-sections
ARCH_LDFLAGS += -Wl,--gc-sections
# the HAL files on hot paths (see KHOT in the Makefile); the rest is -Os
KHOT_ARCH := hal/x86_64/trap.o hal/x86_64/timer.o hal/x86_64/context.o hal/x86_64/irq.o hal/x86_64/cpu.o
