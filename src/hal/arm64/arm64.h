/*
 * arm64.h - what the arm64 HAL files share among themselves: the QEMU virt
 * platform addresses, the trap frame built by vectors.S, and the arch-
 * private functions (prefix arm64_). Generic code never includes this.
 */
#ifndef JERICHO_ARM64_H
#define JERICHO_ARM64_H

/* QEMU -M virt physical memory map (hw/arm/virt.c). */
#define VIRT_GICD_BASE   0x08000000ul   /* GICv2 distributor, 64 KiB */
#define VIRT_GICC_BASE   0x08010000ul   /* GICv2 CPU interface, 64 KiB */
#define VIRT_GICR_BASE   0x080a0000ul   /* GICv3 redistributor of CPU 0, 128 KiB */
#define VIRT_UART_BASE   0x09000000ul   /* PL011, 4 KiB */
#define VIRT_FWCFG_BASE  0x09020000ul   /* fw_cfg MMIO, 0x18 bytes */
#define VIRT_RAM_BASE    0x40000000ul
#define VIRT_DTB_BASE    0x40000000ul   /* where QEMU puts the device tree */

/* Trap frame laid out by vectors.S on the interrupted stack. */
#define TF_X0     0
#define TF_SP     248
#define TF_ELR    256
#define TF_SPSR   264
#define TF_ESR    272
#define TF_FAR    280
#define TF_SIZE   288

/* Exception vector groups (vectors.S passes 0..15 as `kind`). */
#define VEC_CUR_SP0   0
#define VEC_CUR_SPX   4
#define VEC_LOW_A64   8
#define VEC_LOW_A32   12
#define VEC_SYNC      0
#define VEC_IRQ       1
#define VEC_FIQ       2
#define VEC_SERROR    3
#define VEC_STACK_OVERFLOW 16  /* sync exception with no room for the frame */

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stdint.h>
#include "hal.h"

typedef struct {
    uint64_t x[31];
    uint64_t sp, elr, spsr, esr, far;
} arm64_frame_t;

_Static_assert(sizeof(arm64_frame_t) == TF_SIZE, "trap frame layout");

/* entry.S / boot.c */
void arm64_boot(uint64_t entry_counter, unsigned entry_el);
extern char arm64_boot_stack[], arm64_boot_stack_top[], arm64_boot_stack_guard[];
extern char __kernel_start[], __kernel_end[], __text_start[], __text_end[],
    __rodata_start[], __rodata_end[], __data_start[], __bss_start[], __bss_end[];

/* uart.c: PL011 */
void arm64_uart_init(void);
void arm64_early_puts(const char *s);

/* fdt.c: fills bi->ram, bi->reserved (device tree, reservation block) and
 * the boot-loader command line. Returns 0, or -1 with a message printed. */
int arm64_fdt_parse(uintptr_t dtb, boot_info_t *bi, const char **bootargs);
/* fdt.c: call fn for every top-level node whose compatible list names
 * compat, with its first reg range and its GIC SPI as an INTID
 * (0xffffffff: none). Returns how many, or -1 for a damaged tree. */
typedef void arm64_fdt_node_fn(uint64_t base, uint64_t size, uint32_t intid, void *ctx);
int arm64_fdt_each_compatible(uintptr_t dtb, const char *compat, arm64_fdt_node_fn *fn,
                              void *ctx);

/* fwcfg.c: the contents of fw_cfg file `name` (NUL-terminated, truncated
 * to n-1 bytes), or NULL when QEMU has no fw_cfg or no such file. */
const char *arm64_fwcfg_read_file(const char *name, char *buf, unsigned n);
/* The size and selector of fw_cfg file `name`; false if there is none. */
bool arm64_fwcfg_find(const char *name, uint32_t *size, uint16_t *key);
/* Copy the first len bytes of item key to dst (DMA if offered). */
bool arm64_fwcfg_read(uint16_t key, void *dst, uint32_t len);

/* boot.c: the highest page-aligned place for len bytes inside RAM that
 * no reserved range touches, or 0 (the search only moves down: each retry
 * ends below the lowest range in the way). */
uint64_t arm64_boot_place(const boot_info_t *bi, uint64_t len);

/* mmu.c: build the identity map of ram (W^X for the kernel image, device
 * pages for the platform) and turn on the MMU and caches. */
int arm64_mmu_init(boot_info_t *bi);
/* After this, new page-table pages come from pmm_alloc(). */
void arm64_mmu_boot_done(void);
bool arm64_mmu_on(void);
bool arm64_caches_on(void);
/* Boot only: make the mapped RAM pages [va, va+len) read-only + XN
 * (a permission change: no break-before-make); 0, or -1 if one is not
 * mapped. */
int arm64_mmu_protect_ro(uintptr_t va, size_t len);
/* The page descriptor that maps va, or 0 (RAM is mapped in pages: mmu.c). */
uint64_t arm64_mmu_lookup(uintptr_t va);
/* cache.S */
void arm64_dcache_invalidate_all(void);

/* gicv2.c, gicv3.c: one interrupt controller each; irq.c uses the first
 * whose probe finds it. ack returns the IAR value that eoi takes back. */
typedef struct {
    unsigned version;
    bool (*probe)(void);
    void (*init)(void);
    void (*enable)(unsigned intid);
    void (*disable)(unsigned intid);
    uint32_t (*ack)(void);
    void (*eoi)(uint32_t iar);
} arm64_gic_t;
extern const arm64_gic_t arm64_gicv2, arm64_gicv3;
#define ARM64_GIC_PRIO 0xa0     /* every interrupt's priority */
#define ARM64_GIC_PMR  0xf0     /* lets every priority above 0xf0 through */

/* irq.c: the GIC version found (2 or 3), or -1 with a message. */
int arm64_gic_init(void);
void arm64_gic_enable_ppi(unsigned intid);
/* An SPI (shared peripheral interrupt, INTID >= 32), level, to this CPU. */
void arm64_gic_enable_spi(unsigned intid);
void arm64_irq_dispatch(void);
void arm64_gic_eoi(uint32_t intid);
/* Enable or disable one interrupt at the distributor (device lines). */
void arm64_gic_line(unsigned intid, bool on);
/* virtio_mmio.c: if intid is a device's line, mask it, EOI (iar), hand it
 * to kernel_device_irq and return true. */
bool arm64_device_irq(uint32_t intid, uint32_t iar);

/* timer.c */
void arm64_timer_init(uint64_t entry_counter);
void arm64_timer_irq(void);
#define ARM64_TIMER_PPI 27      /* EL1 virtual timer (CNTV) */

/* uart.c: the PL011's interrupt on QEMU virt (SPI 1) and its handler. */
#define ARM64_UART_INTID 33
void arm64_uart_irq(void);

/* trap.c */
void arm64_trap(arm64_frame_t *f, unsigned kind);

/* probe.S: the instructions that may fault and where they resume. */
extern char arm64_probe_read_insn[], arm64_probe_write_insn[], arm64_probe_fixup[];
extern char arm64_probe_exec_ret[], arm64_probe_ret[];
/* Call addr (which must hold a `ret`): 0 if it ran, -1 if the fetch
 * faulted (reported like a probe fault). */
int arm64_probe_exec(const void *addr);

/* context.c: called if a context's entry function returns (a bug) */
__attribute__((noreturn)) void arm64_context_returned(void);

/* timer.c: called after kernel_timer_tick when set (self-tests only). */
extern void (*arm64_tick_hook)(void);

/* crash.c: the arm64.crash=KIND boot option (fault-report tests) */
void arm64_crash_option(const char *cmdline);

/* semihost.c */
extern char arm64_semihost_insn[], arm64_semihost_fixup[];
#endif /* __ASSEMBLY__ */
#endif
