/*
 * crash.c - the boot option arm64.crash=KIND: cause one CPU exception on
 * purpose after boot, so that the fault report can be checked end to end
 * (test_faults.sh). KIND: null (read page 0), wtext (write .text), xdata
 * (run code in .data), brk, undef, stack (stack overflow). (QEMU does not
 * implement SCTLR.SA, so a misaligned SP cannot be shown.) The kernel never comes back from it: status 4.
 */
#include "hal.h"
#include "klib.h"
#include "arm64.h"

static uint32_t ret_in_data[1] = {0xd65f03c0};     /* `ret`, in .data */

__attribute__((noinline)) static int recurse(volatile int *p)  // NOLINT(misc-no-recursion): on purpose
{
    volatile int frame[64];
    frame[0] = *p + 1;
    if (frame[0] > 1000000)     /* 256 MiB of stack: never reached */
        return 0;
    return recurse(frame) + frame[0];   /* a use after the call: no tail call */
}

void arm64_crash_option(const char *cmdline)
{
    char kind[16];
    if (!kcmdline_get(cmdline, "arm64.crash", kind, sizeof kind))
        return;
    kprintf("arm64: arm64.crash=%s: causing a CPU exception on purpose\n", kind);
    volatile int zero = 0;
    if (!strcmp(kind, "null"))
        (void)*(volatile uint64_t *)(uintptr_t)zero;  // NOLINT(clang-analyzer-core.NullDereference): on purpose
    else if (!strcmp(kind, "wtext"))
        *(volatile uint32_t *)__text_start = 0;
    else if (!strcmp(kind, "xdata"))
        ((void (*)(void))(uintptr_t)ret_in_data)();
    else if (!strcmp(kind, "brk"))
        __asm__ volatile("brk #0x42");
    else if (!strcmp(kind, "undef"))
        __asm__ volatile("udf #0x17");
    else if (!strcmp(kind, "stack"))
        recurse(&zero);
    else {
        kprintf("arm64: unknown arm64.crash kind '%s'\n", kind);
        return;
    }
    kprintf("arm64: arm64.crash=%s: no exception happened\n", kind);
}
