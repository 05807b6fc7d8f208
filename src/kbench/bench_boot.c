/*
 * bench_boot.c - the benchmarks that need only the HAL: how long the boot
 * took up to the kernel and up to kernel_main, and the cost of the bare
 * context switch (arch_context_switch between two kernel contexts, no
 * scheduler, no capability checks: the floor under every task switch).
 */
#include "kbench/bench.h"
#include "hal.h"
#include "klib.h"
#include "mm.h"

/* Reset to the kernel's first instruction: firmware and boot loader (GRUB
 * on x86-64, QEMU's loader on arm64). The counter starts at 0 at reset
 * under QEMU, so the entry value is that time. */
KBENCH(boot_firmware)
{
    const boot_info_t *bi = bench_boot_info();
    if (!bi) {
        bench_error("boot_firmware", "no boot information (bench_mark_kernel_main not called)");
        return;
    }
    bench_report_ticks("boot_firmware", bi->entry_counter, 1);
}

/* The kernel's first instruction to the first line of kernel_main: the
 * arch's early boot (paging, traps, console, memory map). */
KBENCH(boot_kernel_main)
{
    const boot_info_t *bi = bench_boot_info();
    uint64_t kmain = bench_kernel_main_counter();
    if (!bi || kmain < bi->entry_counter) {
        bench_error("boot_kernel_main", "counter at kernel_main (%llu) is missing or before entry",
                    (unsigned long long)kmain);
        return;
    }
    bench_report_ticks("boot_kernel_main", kmain - bi->entry_counter, 1);
}

/* ---- bare context switch ----------------------------------------------------- */

#define SWITCH_STACK (16 * 1024)
#define SWITCH_ROUNDS 20000

static arch_context_t *main_ctx, *other_ctx;
static volatile uint64_t other_rounds;

static void switch_partner(void *arg)
{
    (void)arg;
    for (;;) {
        other_rounds++;
        arch_context_switch(other_ctx, main_ctx);
    }
}

/* One round = two switches (there and back); reported per switch. The
 * loop's own few instructions are included, as in Linux's sched_yield
 * figure. Interrupts are off, so no tick lands inside. */
KBENCH(ctx_switch_hal)
{
    void *stack = kmalloc(SWITCH_STACK);
    main_ctx = kmalloc(sizeof *main_ctx);
    other_ctx = kmalloc(sizeof *other_ctx);
    if (!stack || !main_ctx || !other_ctx) {
        bench_error("ctx_switch_hal", "out of memory for two contexts");
        kfree(stack);
        kfree(main_ctx);
        kfree(other_ctx);
        return;
    }
    arch_irqstate_t s = arch_irq_save();
    other_rounds = 0;
    arch_context_init(other_ctx, stack, SWITCH_STACK, switch_partner, NULL);
    arch_context_switch(main_ctx, other_ctx);       /* warm-up */
    uint64_t c0 = arch_counter();
    for (int i = 0; i < SWITCH_ROUNDS; i++)
        arch_context_switch(main_ctx, other_ctx);
    uint64_t c1 = arch_counter();
    arch_irq_restore(s);
    if (other_rounds != SWITCH_ROUNDS + 1)
        bench_error("ctx_switch_hal", "partner ran %llu rounds, not %d",
                    (unsigned long long)other_rounds, SWITCH_ROUNDS + 1);
    else
        bench_report_ticks("ctx_switch_hal", c1 - c0, 2 * SWITCH_ROUNDS);
    /* The partner is left switched out for good: nothing resumes it. */
    kfree(stack);
    kfree(main_ctx);
    kfree(other_ctx);
}
