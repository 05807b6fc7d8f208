/*
 * irq.c - interrupt masking and dispatch. The interrupt controller is the
 * GICv3 (gicv3.c, `-M virt,gic-version=3`) or GICv2 (gicv2.c, the board's
 * default), whichever the board has. Used: the timer (PPI 27) and the
 * PL011's receive interrupt (SPI 1, INTID 33); every interrupt gets the
 * same priority; device SPIs (virtio_mmio.c) are masked on arrival until
 * their driver acknowledges them;
 * IRQs stay masked in the handler, so interrupts never nest.
 */
#include "hal.h"
#include "klib.h"
#include "arm64.h"

static const arm64_gic_t *gic;
static uint64_t spurious_count;

int arm64_gic_init(void)
{
    static const arm64_gic_t *const known[] = {&arm64_gicv3, &arm64_gicv2};
    for (unsigned i = 0; i < sizeof known / sizeof known[0]; i++)
        if (known[i]->probe()) {
            gic = known[i];
            gic->init();
            return (int)gic->version;
        }
    arm64_early_puts("irq: no GICv2 or GICv3 found at 0x08000000 (QEMU -M virt has one)\n");
    return -1;
}

void arm64_gic_enable_ppi(unsigned intid)
{
    gic->enable(intid);
}

void arm64_gic_enable_spi(unsigned intid)
{
    gic->enable(intid);
}

/* IRQ exception: acknowledge, handle, end of interrupt. The timer handler
 * ends the interrupt itself before it calls kernel_timer_tick (which may
 * switch tasks and not come back for a while). INTIDs 1020-1023 are
 * special (spurious) in both versions. */
void arm64_irq_dispatch(void)
{
    uint32_t iar = gic->ack();
    uint32_t id = iar & 0xffffff;
    if (gic->version == 2)
        id &= 0x3ff;
    if (id >= 1020 && id <= 1023) {
        spurious_count++;
        return;
    }
    if (id == ARM64_TIMER_PPI) {
        arm64_timer_irq();      /* re-arms, EOIs, ticks */
        return;
    }
    if (id == ARM64_UART_INTID) {
        arm64_uart_irq();       /* clears, EOIs, drains, hands the bytes on */
        return;
    }
    if (arm64_device_irq(id, iar))  /* masks, EOIs, hands it on (virtio_mmio.c) */
        return;
    kprintf("irq: unexpected interrupt %u; disabled\n", id);
    gic->disable(id);
    gic->eoi(iar);
}

void arm64_gic_line(unsigned intid, bool on)
{
    if (on)
        gic->enable(intid);
    else
        gic->disable(intid);
}

void arm64_gic_eoi(uint32_t intid)
{
    gic->eoi(intid);
}

arch_irqstate_t arch_irq_save(void)
{
    uint64_t d = arm64_sysreg_read(daif);
    __asm__ volatile("msr daifset, #2" ::: "memory");
    return d;
}

void arch_irq_restore(arch_irqstate_t s)
{
    arm64_sysreg_write(daif, s);
}

void arch_irq_enable(void)
{
    __asm__ volatile("msr daifclr, #2" ::: "memory");
}

void arch_irq_disable(void)
{
    __asm__ volatile("msr daifset, #2" ::: "memory");
}

bool arch_irq_enabled(void)
{
    return !(arm64_sysreg_read(daif) & ARM64_DAIF_I);
}

/* WFI wakes on a pending interrupt even while it is masked, so masking
 * first makes the enable-and-wait atomic; the IRQ is taken at daifclr. */
void arch_wait_for_interrupt(void)
{
    __asm__ volatile("msr daifset, #2\n dsb sy\n wfi\n msr daifclr, #2\n isb" ::: "memory");
}
