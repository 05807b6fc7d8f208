/*
 * fake_arch.c - the few arch_* functions the kernel core calls, for the
 * host unit tests: task contexts are ucontexts on stacks from the fake
 * RAM, and time advances one 10 ms tick each time the idle task waits
 * for an interrupt (there is no timer interrupt, so no preemption).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal.h"
#include "kernel/sched.h"
#include "ut.h"

uint64_t ut_fake_time_ns;
int ut_unmapped_pages;

/* ASan must be told about stack switches, or it reports false errors. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#define ASAN_FIBERS 1
#else
#define ASAN_FIBERS 0
#endif

static arch_context_t *switching_from;

/* After a switch: record the stack of the context that switched to us
 * (ASan tells us its bounds), which is how the boot context learns its. */
static void after_switch(void *fake)
{
#if ASAN_FIBERS
    const void *bottom;
    size_t size;
    __sanitizer_finish_switch_fiber(fake, &bottom, &size);
    if (switching_from) {
        switching_from->stack = bottom;
        switching_from->stack_size = size;
    }
#else
    (void)fake;
#endif
}

/* makecontext passes int arguments: the context pointer in two halves. */
static void trampoline(unsigned hi, unsigned lo)
{
    arch_context_t *ctx = (arch_context_t *)(((uintptr_t)hi << 32) | lo);
    after_switch(NULL);
    ctx->entry(ctx->arg);
    printf("a task entry returned\n");
    abort();
}

void arch_context_init(arch_context_t *ctx, void *stack, size_t size,
                       void (*entry)(void *), void *arg)
{
    ctx->entry = entry;
    ctx->arg = arg;
    ctx->stack = stack;
    ctx->stack_size = size;
    getcontext(&ctx->uc);
    ctx->uc.uc_stack.ss_sp = stack;
    ctx->uc.uc_stack.ss_size = size;
    ctx->uc.uc_link = NULL;
    uintptr_t p = (uintptr_t)ctx;
    makecontext(&ctx->uc, (void (*)(void))trampoline, 2, (unsigned)(p >> 32), (unsigned)p);
}

void arch_context_switch(arch_context_t *from, arch_context_t *to)
{
#if ASAN_FIBERS
    /* A task that switches away for the last time leaves the redzones of
     * its live frames poisoned; its stack goes back to pmm, which zeroes
     * it when it hands the frames out again (a false stack-buffer
     * underflow then): unpoison it now, it never runs again. */
    const task_t *t = (const task_t *)((const char *)from - offsetof(task_t, ctx));
    if (t->state == TASK_DEAD && from->stack)
        __asan_unpoison_memory_region(from->stack, from->stack_size);
    __sanitizer_start_switch_fiber(&from->asan_fake, to->stack, to->stack_size);
#endif
    switching_from = from;
    swapcontext(&from->uc, &to->uc);
    after_switch(from->asan_fake);
}

uint64_t arch_counter_hz(void) { return 1000000000ull; }
void arch_putc(char c) { (void)c; }
int arch_getc(void) { return -1; }
void arch_console_input_start(void) {}
bool arch_random64(uint64_t *out) { (void)out; return false; }
const char *arch_random_name(void) { return NULL; }
void arch_irq_disable(void) {}
void arch_irq_enable(void) {}
/* The idle task waits for an interrupt: time jumps to the next timer
 * tick, which is delivered at once. */
void arch_wait_for_interrupt(void)
{
    ut_fake_time_ns += 10000000;
    sched_tick();
}
int arch_unmap(uintptr_t va, size_t len) { (void)va; ut_unmapped_pages += (int)(len / 4096); return 0; }
int arch_map(uintptr_t va, uintptr_t pa, size_t len, unsigned prot)
{
    (void)va; (void)pa; (void)prot;
    ut_unmapped_pages -= (int)(len / 4096);
    return 0;
}
int kprintf(const char *fmt, ...) { (void)fmt; return 0; }

size_t strlcpy(char *dst, const char *src, size_t n)
{
    size_t len = 0;
    while (src[len])
        len++;
    if (n) {
        size_t k = len < n - 1 ? len : n - 1;
        for (size_t i = 0; i < k; i++)
            dst[i] = src[i];
        dst[k] = 0;
    }
    return len;
}

/* ---- devices: one fake device with a 64-byte register window (an array)
 * and interrupt line 5, for tests/kernel/test_device.c ---- */
uint8_t ut_fake_regs[64];
int ut_fake_line_masked = 1;
static arch_device_t fake_dev = {
    .bus = ARCH_BUS_VIRTIO_MMIO, .vendor = 0x554d, .device = 4, .irq = 5,
    .win = {{.base = 0, .size = sizeof ut_fake_regs, .kind = ARCH_WIN_MMIO}},
};
const arch_device_t *arch_devices(uint32_t *n)
{
    *n = 1;
    return &fake_dev;
}
int arch_dev_read(const arch_device_t *d, unsigned win, uint64_t off, unsigned width,
                  uint64_t *val)
{
    (void)d, (void)win;
    *val = 0;
    memcpy(val, ut_fake_regs + off, width);
    return 0;
}
int arch_dev_write(const arch_device_t *d, unsigned win, uint64_t off, unsigned width,
                   uint64_t val)
{
    (void)d, (void)win;
    memcpy(ut_fake_regs + off, &val, width);
    return 0;
}
void arch_dev_quiesce(const arch_device_t *d) { (void)d; }
void arch_irq_line_mask(uint32_t line) { if (line == 5) ut_fake_line_masked = 1; }
void arch_irq_line_unmask(uint32_t line) { if (line == 5) ut_fake_line_masked = 0; }
int ksnprintf(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}
