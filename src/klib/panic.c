/*
 * panic.c - stop the kernel on a broken invariant, with a backtrace.
 *
 * The kernel is built with frame pointers; on both x86-64 and arm64 a frame
 * record is {previous frame pointer, return address}, so one walk serves
 * both. The walk stops at a NULL, misaligned or non-increasing pointer.
 */
#include "klib.h"
#include "hal.h"

static int panicking;

static void backtrace(void)
{
    uintptr_t *fp = __builtin_frame_address(0);
    kprintf("backtrace:\n");
    for (int depth = 0; fp && depth < 32; depth++) {
        if ((uintptr_t)fp & 7)
            break;
        uintptr_t ret = fp[1];
        if (!ret)
            break;
        kprintf("  #%d %p\n", depth, (void *)ret);
        uintptr_t *next = (uintptr_t *)fp[0];
        if (next <= fp)
            break;
        fp = next;
    }
}

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
    backtrace();
    arch_poweroff(2);
}
