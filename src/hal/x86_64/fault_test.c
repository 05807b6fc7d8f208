/*
 * fault_test.c - deliberate CPU exceptions for the fault-report test suite
 * (test-x86_64-faults in arch.mk). With "x86.fault=KIND" on the command
 * line the boot stops right before kernel_main and raises that exception;
 * the suite checks the report and the exit status. Unknown kinds are
 * reported and ignored. Without the option this does nothing.
 */
#include "hal.h"
#include "klib.h"
#include "x86.h"


extern char __text_start[];
static volatile uint64_t some_data = 0xc3;      /* "ret", in an NX page */
static volatile int zero, seven = 7;

static int recurse(volatile char *p, int depth)  // NOLINT(misc-no-recursion): overflows the stack on purpose
{
    volatile char buf[256];
    buf[0] = *p;
    if (depth == zero - 1)      /* never true: keeps the recursion unbounded */
        return 0;
    return recurse(buf, depth + 1) + buf[0];     /* a use after the call: no tail call */
}

static bool is(const char *kind, size_t len, const char *name)
{
    return strlen(name) == len && strncmp(kind, name, len) == 0;
}

void x86_fault_selftest(const char *cmdline)
{
    char name[16];
    if (!kcmdline_get(cmdline, "x86.fault", name, sizeof name))
        return;
    const char *kind = name;
    size_t len = strlen(name);
    kprintf("x86.fault: raising %s\n", name);

    if (is(kind, len, "de"))
        kprintf("%d\n", seven / zero);
    else if (is(kind, len, "ud"))
        __asm__ volatile("ud2");
    else if (is(kind, len, "bp"))
        __asm__ volatile("int3");
    else if (is(kind, len, "gp"))      /* non-canonical address */
        (void)*(volatile uint64_t *)0x8000000000000000ull;
    else if (is(kind, len, "pf"))      /* not mapped */
        (void)*(volatile uint64_t *)0x4000000000ull;
    else if (is(kind, len, "wp"))      /* write to code */
        *(volatile uint64_t *)__text_start = 0;
    else if (is(kind, len, "nx"))      /* execute data */
        ((void (*)(void))(uintptr_t)&some_data)();
    else if (is(kind, len, "df"))      /* stack overflow into the guard page */
        recurse((volatile char *)&zero, 0);
    else
        kprintf("x86.fault: unknown kind; going on\n");
    kprintf("x86.fault: no exception was raised\n");
}
