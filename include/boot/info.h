/*
 * info.h - what the architecture found at boot, handed to kernel_main.
 */
#ifndef JERICHO_BOOT_INFO_H
#define JERICHO_BOOT_INFO_H

#include <stdint.h>

#define BOOT_MAX_RANGES 32

typedef struct {
    uint64_t base, len;
} boot_range_t;

typedef struct {
    /* Usable RAM, sorted, page-aligned, NOT yet excluding the kernel image,
     * boot-loader data or page tables: see `reserved`. */
    boot_range_t ram[BOOT_MAX_RANGES];
    uint32_t nram;
    /* Ranges inside ram that the physical allocator must never hand out
     * (kernel image, initial page tables, multiboot info, device tree). */
    boot_range_t reserved[BOOT_MAX_RANGES];
    uint32_t nreserved;
    uint64_t kernel_start, kernel_end;  /* physical = virtual (identity) */
    /* Kernel command line: fw_cfg file "opt/jericho/cmdline" if QEMU gave one,
     * else the boot loader's (Multiboot2 / device-tree bootargs), else "". */
    const char *cmdline;
    /* The boot-module archive (docs/bootpack.md), physical = virtual:
     * x86-64 the Multiboot2 module GRUB loaded, arm64 the fw_cfg file
     * opt/jericho/initrd the HAL copied into RAM. Inside `reserved` (never
     * handed out) and mapped read-only. 0, 0 when there is none. */
    uint64_t initrd_base, initrd_len;
    const char *initrd_name;    /* where it came from, for messages; or NULL */
    /* Counter value at the kernel's first instruction (boot-time bench). */
    uint64_t entry_counter;
} boot_info_t;

#endif
