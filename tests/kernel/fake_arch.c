/*
 * fake_arch.c - the few arch_* functions the kernel core calls, for the
 * host unit tests. There is no second CPU context on the host: a test
 * that would block or switch tasks fails loudly instead.
 */
#include <stdio.h>
#include <stdlib.h>

#include "hal.h"
#include "ut.h"

uint64_t ut_fake_time_ns;
int ut_unmapped_pages;

void arch_context_init(arch_context_t *ctx, void *stack, size_t size,
                       void (*entry)(void *), void *arg)
{
    (void)stack;
    (void)size;
    ctx->entry = entry;
    ctx->arg = arg;
}

void arch_context_switch(arch_context_t *from, arch_context_t *to)
{
    (void)from;
    (void)to;
    printf("host tests cannot switch tasks\n");
    abort();
}

uint64_t arch_time_ns(void) { return ut_fake_time_ns; }
void arch_putc(char c) { (void)c; }
int arch_getc(void) { return -1; }
void arch_irq_disable(void) {}
void arch_irq_enable(void) {}
void arch_wait_for_interrupt(void) {}
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
