/*
 * cpu.c - identity and power: arch_name, arch_cpu_model (CPUID vendor,
 * brand string and the features the kernel relies on), arch_poweroff
 * through QEMU's isa-debug-exit device, and arch_halt.
 */
#include "hal.h"
#include "klib.h"
#include "x86.h"

/* QEMU -device isa-debug-exit,iobase=0xf4,iosize=0x04: writing v exits
 * QEMU with status (v << 1) | 1. We write 0x10 + status, so 0 becomes 33;
 * tests/qemu-run.sh translates back. */
#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_BIAS 0x10

static char model[160];

static void copy_regs(char *dst, const uint32_t *r, const int *order, int n)
{
    for (int i = 0; i < n; i++)
        memcpy(dst + 4 * i, &r[order[i]], 4);
}

void x86_cpu_init(void)
{
    uint32_t r[4];
    char vendor[13] = {0};
    static const int vorder[3] = {1, 3, 2};     /* ebx, edx, ecx */
    x86_cpuid(0, 0, r);
    copy_regs(vendor, r, vorder, 3);

    char brand[49] = {0};
    x86_cpuid(0x80000000u, 0, r);
    if (r[0] >= 0x80000004u) {
        static const int border[4] = {0, 1, 2, 3};
        for (uint32_t i = 0; i < 3; i++) {
            x86_cpuid(0x80000002u + i, 0, r);
            copy_regs(brand + 16 * i, r, border, 4);
        }
    }
    const char *b = brand;
    while (*b == ' ')
        b++;

    x86_cpuid(0x80000000u, 0, r);
    bool invariant_tsc = false;
    if (r[0] >= 0x80000007u) {
        x86_cpuid(0x80000007u, 0, r);
        invariant_tsc = (r[3] >> 8) & 1;
    }
    ksnprintf(model, sizeof model, "%s, %s (TSC %llu MHz%s, LAPIC timer %llu kHz)", vendor,
              *b ? b : "no brand string",
              (unsigned long long)(arch_counter_hz() / 1000000),
              invariant_tsc ? " invariant" : "",
              (unsigned long long)(x86_lapic_timer_hz() / 1000));
}

const char *arch_name(void)
{
    return "x86_64";
}

const char *arch_cpu_model(void)
{
    return model;
}

void arch_halt(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}

void arch_poweroff(int status)
{
    __asm__ volatile("cli");
    /* QEMU's exit status is 8 bits: (v << 1) | 1 must stay below 256. */
    if (status < 0 || status > 0x7f - DEBUG_EXIT_BIAS)
        status = 0x7f - DEBUG_EXIT_BIAS;
    x86_outl(DEBUG_EXIT_PORT, (uint32_t)(DEBUG_EXIT_BIAS + status));
    /* No exit device (real hardware, other VM): just stop. */
    kprintf("poweroff: status %d; no exit device, halting\n", status);
    arch_halt();
}
