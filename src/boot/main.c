/*
 * main.c - generic kernel entry: the banner, memory set-up, the timer, and
 * then either the self-tests (command line "test" or "test=PREFIX"), the
 * benchmarks ("bench" or "bench=PREFIX", include/kbench/bench.h: the boot
 * milestones and the demos first, then every KBENCH) or the normal boot
 * (the demos, from the boot modules: bootmod.c).
 */
#include "kbench/bench.h"
#include "hal.h"
#include "kconfig.h"
#include "klib.h"
#include "selftest/ktest.h"
#include "mm.h"
#include "kbench/bench_wasm.h"
#include "boot/archive.h"
#include "kernel/console_in.h"
#include "kernel/device.h"
#include "kernel/entropy.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "runner/runner.h"
#include "wasmtask/wtask.h"

/* The self-tests and benchmarks are linked only into the test image
 * (jericho-test.elf, Makefile): in the default image these are NULL. */
#pragma weak ktest_run_all
#pragma weak bench_run_all
#pragma weak bench_wasm_boot
#pragma weak bench_mark_kernel_main
#pragma weak kfault_option
void kfault_option(const char *cmdline);

static volatile uint64_t ticks;

/* The command line asks for what this image does not have. */
__attribute__((noreturn)) static void not_here(const char *what)
{
    kprintf("%s: not in this image: boot jericho-test.elf (make qemu KIMAGE=jericho-test)\n",
            what);
    arch_poweroff(1);
}

void kernel_timer_tick(void)
{
    ticks++;
    if (sched_current())    /* tasks exist: preempt (docs/kernel.md) */
        sched_tick();
}

/* Only the engine's guest-memory access code may fault on a task's
 * behalf (hal.h, docs/kernel.md "Faults"): anywhere else in the kernel,
 * whatever task is current, a fault is a kernel bug, maybe halfway
 * through an update, and the machine stops. */
arch_recover_t *kernel_fault(const arch_fault_t *f)
{
    bool guest = f->data_access && f->pc >= (uintptr_t)__guest_text_start &&
                 f->pc < (uintptr_t)__guest_text_end;
    arch_recover_t *rp = guest ? task_fault(f) : NULL;
    if (!rp) {
        task_t *t = sched_current();
        kprintf("\n*** kernel panic: %s at pc %p in kernel code%s%s\n", f->name, (void *)f->pc,
                t ? ", current task " : "", t ? t->name : "");
    }
    return rp;
}

void kernel_main(const boot_info_t *bi)
{
    if (bench_mark_kernel_main)
        bench_mark_kernel_main(bi);
    uint64_t ram = 0;
    for (uint32_t i = 0; i < bi->nram; i++)
        ram += bi->ram[i].len;

    kprintf("\nJerichoOS (%s) - capability-secure WebAssembly microkernel\n", arch_name());
    kprintf("cpu: %s\n", arch_cpu_model());
    kprintf("memory: %llu MiB in %u ranges, kernel at %p-%p (%llu KiB)\n",
            (unsigned long long)(ram >> 20), bi->nram, (void *)(uintptr_t)bi->kernel_start,
            (void *)(uintptr_t)bi->kernel_end,
            (unsigned long long)((bi->kernel_end - bi->kernel_start) >> 10));
    kprintf("cmdline: \"%s\"\n", bi->cmdline);

    pmm_init(bi);
    heap_init();
    kprintf("frames: %zu free of %zu\n", pmm_free_pages(), pmm_total_pages());
    bootmod_init(bi);   /* the module tables; "boot modules: ..." */
    device_init();      /* the HAL's devices as objects; "devices: ..." */
    sched_init();   /* this context becomes the task "boot" */

    arch_timer_start(KCONFIG_TICK_HZ);
    conin_start();  /* serial input into the kernel's ring (console_in.h) */
    char ent[8];
    if (kcmdline_get(bi->cmdline, "irqstorm", ent, sizeof ent))
        device_set_storm_limit((uint32_t)kstrtoul(ent, NULL));   /* hostile suites */
    if (kcmdline_get(bi->cmdline, "entropy", ent, sizeof ent) && strcmp(ent, "soft") == 0)
        entropy_force_soft();   /* the kernel's ChaCha20 even with a CPU generator */
    const char *rng = entropy_source();     /* what feeds the pool ENTROPY draws from */
    if (strcmp(rng, "chacha20") != 0)
        kprintf("entropy: %s (the CPU's generator) mixed into the kernel's ChaCha20 pool\n", rng);
    else
        kprintf("entropy: chacha20 (the kernel's generator: %s)\n",
                arch_random_name() ? "entropy=soft" : "the CPU has none");
    arch_irq_enable();
    if (kfault_option)          /* test image: kfault=KIND (selftest/kfault.c) */
        kfault_option(bi->cmdline);

    char prefix[64];
    if (kcmdline_get(bi->cmdline, "test", prefix, sizeof prefix)) {
        if (!ktest_run_all)
            not_here("test");
        /* Only the self-tests wait to see the timer tick (3 ticks = 30 ms
         * of guest time); a normal or bench boot goes on at once, and the
         * demo runner depends on the tick anyway. */
        uint64_t t0 = arch_time_ns();
        while (ticks < 3)
            arch_wait_for_interrupt();
        kprintf("timer: %llu ticks in %llu us (%u Hz)\n", (unsigned long long)ticks,
                (unsigned long long)((arch_time_ns() - t0) / 1000), KCONFIG_TICK_HZ);
        int failed = ktest_run_all(prefix);
        arch_poweroff(failed ? 1 : 0);
    }
    kprintf("timer: started at %u Hz\n", KCONFIG_TICK_HZ);
    if (kcmdline_get(bi->cmdline, "bench", prefix, sizeof prefix)) {
        if (!bench_run_all || !bench_wasm_boot)
            not_here("bench");
        bench_wasm_boot(prefix);    /* boot milestone: first wasm instruction */
        arch_poweroff(bench_run_all(prefix) ? 1 : 0);
    }
    demo_run_all(bi->cmdline);  /* returns only for `bench` */
    kprintf("boot complete\n");
    arch_poweroff(0);
}
