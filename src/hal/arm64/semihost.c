/*
 * semihost.c - power off through Arm semihosting (QEMU -semihosting):
 * SYS_EXIT_EXTENDED (0x20) with {ADP_Stopped_ApplicationExit, status}
 * makes QEMU exit with that status. Without -semihosting the HLT traps;
 * trap.c then resumes at arm64_semihost_fixup and we halt instead.
 */
#include "hal.h"
#include "klib.h"
#include "arm64.h"

#define SEMIHOST_SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

void arch_poweroff(int status)
{
    arch_irq_disable();
    static volatile uint64_t block[2];
    block[0] = ADP_STOPPED_APPLICATION_EXIT;
    block[1] = (uint64_t)(int64_t)status;
    register uint64_t w0 __asm__("x0") = SEMIHOST_SYS_EXIT_EXTENDED;
    register uint64_t x1 __asm__("x1") = (uintptr_t)block;
    __asm__ volatile(".global arm64_semihost_insn, arm64_semihost_fixup\n"
                     "arm64_semihost_insn: hlt #0xf000\n"
                     "arm64_semihost_fixup:\n"
                     : "+r"(w0) : "r"(x1) : "memory");
    kprintf("poweroff: semihosting exit failed (run QEMU with -semihosting); "
            "status %d; halting\n", status);
    arch_halt();
}

void arch_halt(void)
{
    for (;;)
        __asm__ volatile("msr daifset, #0xf\n wfi" ::: "memory");
}
