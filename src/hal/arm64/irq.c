/*
 * irq.c - interrupt masking and the GICv2 of QEMU virt (the board's default
 * gic-version=2: distributor 0x08000000, CPU interface 0x08010000). Only
 * private peripheral interrupts are used (the timer, PPI 27); every
 * interrupt gets the same priority; IRQs stay masked in the handler, so
 * interrupts never nest.
 */
#include "hal.h"
#include "klib.h"
#include "arm64.h"

#define GICD_CTLR        0x000
#define GICD_TYPER       0x004
#define GICD_ISENABLER   0x100
#define GICD_ICENABLER   0x180
#define GICD_ICPENDR     0x280
#define GICD_IPRIORITYR  0x400
#define GICD_PIDR2_V2    0xfe8     /* ArchRev in bits 7:4 (GICv2 layout) */
#define GICC_CTLR        0x000
#define GICC_PMR         0x004
#define GICC_BPR         0x008
#define GICC_IAR         0x00c
#define GICC_EOIR        0x010
#define GIC_SPURIOUS     1023
#define GIC_PRIO         0xa0

static void gicd_w(unsigned off, uint32_t v) { arm64_mmio_write32(VIRT_GICD_BASE + off, v); }
static uint32_t gicd_r(unsigned off) { return arm64_mmio_read32(VIRT_GICD_BASE + off); }
static void gicc_w(unsigned off, uint32_t v) { arm64_mmio_write32(VIRT_GICC_BASE + off, v); }
static uint32_t gicc_r(unsigned off) { return arm64_mmio_read32(VIRT_GICC_BASE + off); }

static uint64_t spurious_count;

int arm64_gic_init(void)
{
    unsigned rev = (gicd_r(GICD_PIDR2_V2) >> 4) & 0xf;
    if (rev != 1 && rev != 2) {
        arm64_early_puts("irq: the interrupt controller is not a GICv2 "
                         "(run QEMU -M virt with the default gic-version=2)\n");
        return -1;
    }
    unsigned lines = 32 * ((gicd_r(GICD_TYPER) & 0x1f) + 1);
    gicd_w(GICD_CTLR, 0);
    for (unsigned i = 0; i < lines; i += 32) {
        gicd_w(GICD_ICENABLER + i / 8, 0xffffffffu);
        gicd_w(GICD_ICPENDR + i / 8, 0xffffffffu);
    }
    for (unsigned i = 0; i < lines; i += 4)
        gicd_w(GICD_IPRIORITYR + i, GIC_PRIO * 0x01010101u);
    gicd_w(GICD_CTLR, 1);
    gicc_w(GICC_PMR, 0xf0);     /* let every priority above 0xf0 through */
    gicc_w(GICC_BPR, 0);
    gicc_w(GICC_CTLR, 1);
    return 0;
}

void arm64_gic_enable_ppi(unsigned intid)
{
    gicd_w(GICD_ISENABLER + (intid / 32) * 4, 1u << (intid % 32));
}

/* IRQ exception: acknowledge, handle, end of interrupt. The timer handler
 * ends the interrupt itself before it calls kernel_timer_tick (which may
 * switch tasks and not come back for a while). */
void arm64_irq_dispatch(void)
{
    uint32_t iar = gicc_r(GICC_IAR);
    uint32_t id = iar & 0x3ff;
    if (id == GIC_SPURIOUS) {
        spurious_count++;
        return;
    }
    if (id == ARM64_TIMER_PPI) {
        arm64_timer_irq();      /* re-arms, EOIs, ticks */
        return;
    }
    kprintf("irq: unexpected interrupt %u; disabled\n", id);
    gicd_w(GICD_ICENABLER + (id / 32) * 4, 1u << (id % 32));
    gicc_w(GICC_EOIR, iar);
}

void arm64_gic_eoi(uint32_t intid)
{
    gicc_w(GICC_EOIR, intid);
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
