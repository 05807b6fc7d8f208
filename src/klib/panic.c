/*
 * panic.c - stop the kernel on a broken invariant, with a symbolized
 * backtrace (ksyms.c).
 */
#include "klib.h"
#include "hal.h"

static int panicking;

void panic(const char *fmt, ...)
{
    arch_irq_disable();
    if (panicking++) {
        kprintf("PANIC (nested)\n");
        arch_poweroff(3);
    }
    va_list ap;
    va_start(ap, fmt);
    kprintf("\nPANIC: ");
    kvprintf(fmt, ap);
    kprintf("\n");
    va_end(ap);
    kbacktrace(0, (uintptr_t)__builtin_frame_address(0), 0);
    arch_poweroff(2);
}
