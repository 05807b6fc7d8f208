/*
 * x86.h - declarations shared by the x86-64 HAL files only: the trap frame
 * built by trap_entry.S, segment selectors, vectors, and each file's init.
 * Generic code never includes this (it uses include/hal.h).
 */
#ifndef JERICHO_X86_H
#define JERICHO_X86_H

#include <stdbool.h>
#include <stdint.h>
#include "boot/info.h"
#include "hal_arch.h"

/* GDT layout (gdt.c; entry.S's boot GDT uses the same first three). */
#include "x86_asm.h"    /* X86_SEL_KCODE, X86_SEL_KDATA */
#define X86_SEL_TSS   0x18

/* Interrupt vectors: 0-31 exceptions, 32-47 the (masked) legacy PIC. */
#define X86_VEC_PIC_BASE  0x20
#define X86_VEC_TIMER     0x40
#define X86_VEC_SPURIOUS  0xff

/* IST slots in the TSS (1-based as in the IDT gate). */
#define X86_IST_DF  1
#define X86_IST_NMI 2
#define X86_IST_MC  3

/* What trap_entry.S pushes, lowest address first. The layout is fixed by
 * the assembly; keep both in step (see the _Static_assert in trap.c). */
typedef struct {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error;
    uint64_t rip, cs, rflags, rsp, ss;   /* pushed by the CPU */
} x86_frame_t;

/* C entry from trap_entry.S with interrupts off. */
void x86_trap(x86_frame_t *f);

/* Boot steps, in the order boot.c calls them. */
void x86_uart_init(void);
void x86_gdt_init(void);
void x86_idt_init(void);
/* Fill bi->ram, bi->reserved (the info block itself) and the loader's
 * command line from the Multiboot2 information; false if it is unusable. */
bool x86_multiboot_parse(uint32_t magic, uintptr_t info, boot_info_t *bi);
/* The fw_cfg file "opt/jericho/cmdline" as a NUL-terminated string, or
 * NULL when QEMU has no such file. */
const char *x86_fwcfg_cmdline(void);
void x86_cpu_init(void);           /* CPUID facts for arch_cpu_model */
/* Replace the boot page tables by the final W^X map; trims bi->ram to what
 * is mapped and adds the page tables' own frames to bi->reserved. */
void x86_mmu_init(boot_info_t *bi);
void x86_irq_init(void);           /* PIC off, local APIC on */
/* "x86.fault=KIND" on the command line: raise that exception (fault_test.c). */
void x86_fault_selftest(const char *cmdline);

/* Local APIC (irq.c). */
void x86_lapic_eoi(void);
void x86_lapic_write(uint32_t reg, uint32_t v);
uint32_t x86_lapic_read(uint32_t reg);
#define X86_LAPIC_BASE 0xfee00000u

/* PIT channel 2 busy wait used for calibration (timer.c): waits about
 * us microseconds (us < 50000) and returns. */
void x86_pit_wait_us(uint32_t us);

/* TSC and local APIC timer calibration against the PIT (timer.c); the
 * TSC value at kernel entry is time zero for arch_time_ns(). */
void x86_timer_init(uint64_t entry_tsc);
uint64_t x86_lapic_timer_hz(void);
/* Timer interrupt handler (timer.c), called by x86_trap after EOI. */
void x86_timer_irq(void);
/* The 8259's lines (irq.c): unmask one, end one's interrupt. */
#define X86_IRQ_COM1 4
void x86_pic_unmask(unsigned irq);
void x86_pic_eoi(unsigned irq);
void x86_pic_mask(unsigned irq);
/* A device's line (pci.c): masked, ended, handed to kernel_device_irq. */
void x86_device_irq(unsigned irq);
/* COM1's receive interrupt (uart.c). */
void x86_uart_rx_irq(void);
/* Test hook: if set, called after kernel_timer_tick() on every tick (used
 * by the context-switch self-test to switch from interrupt context). */
extern void (*x86_timer_hook)(void);

/* Probe support (probe.S): instruction addresses that may fault and where
 * to resume. */
extern const char x86_probe_read_insn[], x86_probe_write_insn[], x86_probe_fixup[];

/* Boot counter at the kernel's first instruction (entry.S). */
extern uint64_t x86_entry_tsc;

#endif
