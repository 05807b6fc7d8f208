/*
 * timer.c - the generic timer: the free-running counter (CNTVCT_EL0 at
 * CNTFRQ_EL0, 62.5 MHz under QEMU) and the periodic tick from the EL1
 * virtual timer (CNTV, PPI 27). The virtual timer is usable at EL1 whether
 * or not EL2 exists (entry.S sets CNTVOFF_EL2 = 0 when it drops from EL2),
 * so counter and timer agree. The compare value advances by a fixed period
 * each tick, so ticks do not drift; a tick that came too late re-arms from
 * now instead of firing a burst.
 */
#include "hal.h"
#include "klib.h"
#include "arm64.h"

#define CNTV_CTL_ENABLE  (1u << 0)
#define CNTV_CTL_IMASK   (1u << 1)

static uint64_t counter_hz, period;
/* arch_time_ns (hal_arch.h): the counter at kernel entry, and ns per tick
 * in 32.32 fixed point (exact when CNTFRQ divides 10^9, as QEMU's
 * 62.5 MHz does: 16 ns) */
uint64_t arm64_counter_base, arm64_ns_mult;
void (*arm64_tick_hook)(void);

void arm64_timer_init(uint64_t entry_counter)
{
    arm64_counter_base = entry_counter;
    counter_hz = arm64_sysreg_read(cntfrq_el0) & 0xffffffffu;
    arm64_ns_mult = counter_hz ? (1000000000ull << 32) / counter_hz : 0;
    arm64_sysreg_write(cntv_ctl_el0, CNTV_CTL_IMASK);
}

uint64_t arch_counter_hz(void)
{
    return counter_hz;
}

void arch_timer_start(uint32_t hz)
{
    if (!hz || !counter_hz || hz > counter_hz) {
        kprintf("timer: cannot tick at %u Hz with a %llu Hz counter\n", hz,
                (unsigned long long)counter_hz);
        return;
    }
    period = counter_hz / hz;
    arm64_sysreg_write(cntv_cval_el0, arch_counter() + period);
    arm64_sysreg_write(cntv_ctl_el0, CNTV_CTL_ENABLE);
    arm64_isb();
    arm64_gic_enable_ppi(ARM64_TIMER_PPI);
}

void arm64_timer_irq(void)
{
    uint64_t next = arm64_sysreg_read(cntv_cval_el0) + period;
    uint64_t now = arch_counter();
    if (next <= now)
        next = now + period;
    arm64_sysreg_write(cntv_cval_el0, next);   /* drops the timer's line */
    arm64_isb();
    arm64_gic_eoi(ARM64_TIMER_PPI);
    kernel_timer_tick();
    if (arm64_tick_hook)
        arm64_tick_hook();
}
