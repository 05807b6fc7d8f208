/*
 * cpu.c - arch_name and arch_cpu_model: the CPU from MIDR_EL1 (implementer,
 * part, rNpM), the exception level, and whether the MMU and caches are on,
 * read back from SCTLR_EL1 so that the banner tells the truth.
 */
#include "hal.h"
#include "klib.h"
#include "arm64.h"

const char *arch_name(void)
{
    return "arm64";
}

static const char *arm_part(unsigned part)
{
    switch (part) {
    case 0xd03: return "Cortex-A53";
    case 0xd04: return "Cortex-A35";
    case 0xd05: return "Cortex-A55";
    case 0xd07: return "Cortex-A57";
    case 0xd08: return "Cortex-A72";
    case 0xd09: return "Cortex-A73";
    case 0xd0a: return "Cortex-A75";
    case 0xd0b: return "Cortex-A76";
    case 0xd0c: return "Neoverse-N1";
    case 0xd0d: return "Cortex-A77";
    case 0xd40: return "Neoverse-V1";
    case 0xd41: return "Cortex-A78";
    case 0xd44: return "Cortex-X1";
    case 0xd46: return "Cortex-A510";
    case 0xd47: return "Cortex-A710";
    case 0xd49: return "Neoverse-N2";
    default: return NULL;
    }
}

const char *arch_cpu_model(void)
{
    static char buf[128];
    uint64_t midr = arm64_sysreg_read(midr_el1);
    unsigned impl = (midr >> 24) & 0xff, variant = (midr >> 20) & 0xf;
    unsigned part = (midr >> 4) & 0xfff, rev = midr & 0xf;
    unsigned el = (arm64_sysreg_read(CurrentEL) >> 2) & 3;
    const char *name = impl == 0x41 ? arm_part(part) : NULL;
    int n;
    if (name)
        n = ksnprintf(buf, sizeof buf, "ARM %s r%up%u", name, variant, rev);
    else
        n = ksnprintf(buf, sizeof buf, "implementer 0x%02x part 0x%03x r%up%u%s", impl, part,
                      variant, rev, impl == 0 ? " (QEMU -cpu max)" : "");
    if (n < 0 || (size_t)n >= sizeof buf)
        n = 0;
    ksnprintf(buf + n, sizeof buf - (size_t)n, ", EL%u, MMU %s, caches %s", el,
              arm64_mmu_on() ? "on" : "off", arm64_caches_on() ? "on" : "off");
    return buf;
}
