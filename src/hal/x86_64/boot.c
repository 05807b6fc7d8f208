/*
 * boot.c - x86_boot, the first C code (called by entry.S in long mode,
 * interrupts off, on the boot stack, .bss zeroed, SSE on). It brings the
 * machine up in this order and then calls kernel_main:
 *   serial console, GDT/TSS, IDT, Multiboot2 information (RAM map, loader
 *   command line), fw_cfg command line, final page tables, PIC and local
 *   APIC, TSC and APIC timer calibration, CPUID facts (and, for the fault
 *   test suite only, a deliberate exception if the command line asks).
 */
#include "hal.h"
#include "klib.h"
#include "x86.h"

extern char __kernel_start[], __kernel_end[];

static boot_info_t bi;

__attribute__((noreturn)) void x86_boot(uint32_t magic, uintptr_t info);

void x86_boot(uint32_t magic, uintptr_t info)
{
    x86_uart_init();
    x86_gdt_init();
    x86_idt_init();

    bi.entry_counter = x86_entry_tsc;
    bi.kernel_start = (uintptr_t)__kernel_start;
    bi.kernel_end = (uintptr_t)__kernel_end;
    bi.reserved[bi.nreserved++] = (boot_range_t){bi.kernel_start, bi.kernel_end - bi.kernel_start};
    if (!x86_multiboot_parse(magic, info, &bi)) {
        kprintf("boot: no usable Multiboot2 information; halting\n");
        arch_poweroff(5);
    }
    const char *fw = x86_fwcfg_cmdline();
    if (fw)
        bi.cmdline = fw;

    x86_mmu_init(&bi);
    x86_irq_init();
    x86_timer_init(bi.entry_counter);
    x86_cpu_init();
    x86_fault_selftest(bi.cmdline);
    kernel_main(&bi);
}
