/*
 * random.c - the CPU's random number generator: RDSEED where
 * CPUID.(EAX=7,ECX=0):EBX[18] says so, else RDRAND where CPUID.1:ECX[30]
 * says so (QEMU's TCG `-cpu max` has both). Each instruction is retried a
 * bounded number of times (it reports a transient underflow with CF = 0).
 */
#include "hal.h"
#include "x86.h"

static int kind = -1;               /* -1 unknown, 0 none, 1 rdrand, 2 rdseed */

static int probe(void)
{
    uint32_t r[4];
    x86_cpuid(0, 0, r);
    uint32_t max = r[0];
    if (max >= 7) {
        x86_cpuid(7, 0, r);
        if (r[1] & (1u << 18))
            return 2;
    }
    x86_cpuid(1, 0, r);
    return (r[2] & (1u << 30)) ? 1 : 0;
}

bool arch_random64(uint64_t *out)
{
    if (kind < 0)
        kind = probe();
    for (int i = 0; kind && i < 64; i++) {
        uint64_t v;
        uint8_t ok;
        if (kind == 2)
            __asm__ volatile("rdseed %0; setc %1" : "=r"(v), "=qm"(ok) : : "cc");
        else
            __asm__ volatile("rdrand %0; setc %1" : "=r"(v), "=qm"(ok) : : "cc");
        if (ok) {
            *out = v;
            return true;
        }
    }
    return false;
}

const char *arch_random_name(void)
{
    if (kind < 0)
        kind = probe();
    return kind == 2 ? "RDSEED" : kind == 1 ? "RDRAND" : NULL;
}
