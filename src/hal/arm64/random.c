/*
 * random.c - the CPU's random number generator: RNDR (FEAT_RNG) where
 * ID_AA64ISAR0_EL1.RNDR (bits 63:60) is non-zero (QEMU's TCG `-cpu max`
 * has it). RNDR sets NZCV to 0b0100 when it has no number this time; it
 * is retried a bounded number of times.
 */
#include "hal.h"
#include "arm64.h"

static int kind = -1;               /* -1 unknown, 0 none, 1 RNDR */

bool arch_random64(uint64_t *out)
{
    if (kind < 0)
        kind = ((arm64_sysreg_read(id_aa64isar0_el1) >> 60) & 0xf) != 0;
    for (int i = 0; kind && i < 64; i++) {
        uint64_t v, nzcv;
        /* RNDR is s3_3_c2_c4_0 (the assembler may not know the name) */
        __asm__ volatile("mrs %0, s3_3_c2_c4_0\n mrs %1, nzcv" : "=r"(v), "=r"(nzcv) : : "cc");
        if (!(nzcv & (1ull << 30))) {   /* Z clear: a good number */
            *out = v;
            return true;
        }
    }
    return false;
}

const char *arch_random_name(void)
{
    if (kind < 0)
        kind = ((arm64_sysreg_read(id_aa64isar0_el1) >> 60) & 0xf) != 0;
    return kind ? "RNDR" : NULL;
}
