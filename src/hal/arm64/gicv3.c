/*
 * gicv3.c - the GICv3 of QEMU virt with `-M virt,gic-version=3`:
 * distributor 0x08000000, the redistributor of CPU 0 at 0x080a0000 (its
 * RD_base frame, then SGI_base 64 KiB above), and the CPU interface as
 * system registers (ICC_*_EL1, enabled through ICC_SRE_EL1; entry.S lets
 * EL1 use them when the kernel was entered at EL2). The board has one
 * security state (GICD_CTLR.DS = 1): every interrupt is put in group 1.
 * Used: the timer (a PPI) and the UART (an SPI, enabled with its priority
 * and routed to this CPU). irq.c picks
 * this or gicv2.c at boot.
 */
#include "arm64.h"

#define GICD_CTLR        0x0000
#define GICD_TYPER       0x0004
#define GICD_IGROUPR     0x0080
#define GICD_ISENABLER   0x0100
#define GICD_ICENABLER   0x0180
#define GICD_ICPENDR     0x0280
#define GICD_IPRIORITYR  0x0400
#define GICD_IROUTER     0x6000    /* 64 bits per INTID */
#define GICD_PIDR2       0xffe8    /* ArchRev in bits 7:4 (GICv3 layout) */
#define GICD_CTLR_RWP    (1u << 31)
#define GICD_CTLR_ARE    (1u << 4)
#define GICD_CTLR_GRP1   (1u << 1)
#define GICD_CTLR_GRP0   (1u << 0)

#define GICR_WAKER       0x0014    /* RD_base frame */
#define GICR_WAKER_SLEEP (1u << 1)
#define GICR_WAKER_ASLEEP (1u << 2)
#define GICR_SGI         0x10000   /* SGI_base frame */
#define GICR_IGROUPR0    (GICR_SGI + 0x0080)
#define GICR_ISENABLER0  (GICR_SGI + 0x0100)
#define GICR_ICENABLER0  (GICR_SGI + 0x0180)
#define GICR_ICPENDR0    (GICR_SGI + 0x0280)
#define GICR_IPRIORITYR  (GICR_SGI + 0x0400)

/* The CPU interface registers by encoding (older assemblers lack names). */
#define ICC_PMR_EL1      "S3_0_C4_C6_0"
#define ICC_IAR1_EL1     "S3_0_C12_C12_0"
#define ICC_EOIR1_EL1    "S3_0_C12_C12_1"
#define ICC_BPR1_EL1     "S3_0_C12_C12_3"
#define ICC_CTLR_EL1     "S3_0_C12_C12_4"
#define ICC_SRE_EL1      "S3_0_C12_C12_5"
#define ICC_IGRPEN1_EL1  "S3_0_C12_C12_7"
#define ICC_W(reg, v)    __asm__ volatile("msr " reg ", %0" : : "r"((uint64_t)(v)) : "memory")
#define ICC_R(reg, v)    __asm__ volatile("mrs %0, " reg : "=r"(v) : : "memory")

#define ID_AA64PFR0_GIC_SHIFT 24   /* 1: the GICv3 system-register interface */

static void gicd_w(unsigned off, uint32_t v) { arm64_mmio_write32(VIRT_GICD_BASE + off, v); }
static uint32_t gicd_r(unsigned off) { return arm64_mmio_read32(VIRT_GICD_BASE + off); }
static void gicr_w(unsigned off, uint32_t v) { arm64_mmio_write32(VIRT_GICR_BASE + off, v); }
static uint32_t gicr_r(unsigned off) { return arm64_mmio_read32(VIRT_GICR_BASE + off); }

/* Bounded waits: a board that never answers gets a message, not a hang. */
static bool wait_clear(uint32_t (*rd)(unsigned), unsigned off, uint32_t bit)
{
    for (unsigned i = 0; i < 1000000; i++)
        if (!(rd(off) & bit))
            return true;
    return false;
}

static bool v3_probe(void)
{
    uint64_t pfr0 = arm64_sysreg_read(id_aa64pfr0_el1);
    if (((pfr0 >> ID_AA64PFR0_GIC_SHIFT) & 0xf) == 0)
        return false;               /* no ICC_* registers: not a GICv3 */
    unsigned rev = (gicd_r(GICD_PIDR2) >> 4) & 0xf;
    return rev == 3 || rev == 4;
}

static void v3_init(void)
{
    gicd_w(GICD_CTLR, 0);
    if (!wait_clear(gicd_r, GICD_CTLR, GICD_CTLR_RWP))
        arm64_early_puts("irq: GICv3 distributor did not finish disabling\n");
    unsigned lines = 32 * ((gicd_r(GICD_TYPER) & 0x1f) + 1);
    for (unsigned i = 32; i < lines; i += 32) {    /* SPIs: off, group 1 */
        gicd_w(GICD_ICENABLER + i / 8, 0xffffffffu);
        gicd_w(GICD_ICPENDR + i / 8, 0xffffffffu);
        gicd_w(GICD_IGROUPR + i / 8, 0xffffffffu);
    }
    gicd_w(GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_GRP1 | GICD_CTLR_GRP0);
    if (!wait_clear(gicd_r, GICD_CTLR, GICD_CTLR_RWP))
        arm64_early_puts("irq: GICv3 distributor did not finish enabling\n");

    /* Wake this CPU's redistributor, then its SGIs and PPIs: off, not
     * pending, group 1, one priority. */
    gicr_w(GICR_WAKER, gicr_r(GICR_WAKER) & ~GICR_WAKER_SLEEP);
    if (!wait_clear(gicr_r, GICR_WAKER, GICR_WAKER_ASLEEP))
        arm64_early_puts("irq: GICv3 redistributor did not wake\n");
    gicr_w(GICR_ICENABLER0, 0xffffffffu);
    gicr_w(GICR_ICPENDR0, 0xffffffffu);
    gicr_w(GICR_IGROUPR0, 0xffffffffu);
    for (unsigned i = 0; i < 32; i += 4)
        gicr_w(GICR_IPRIORITYR + i, ARM64_GIC_PRIO * 0x01010101u);

    uint64_t sre;
    ICC_R(ICC_SRE_EL1, sre);
    ICC_W(ICC_SRE_EL1, sre | 1);    /* SRE: the system-register interface */
    arm64_isb();
    ICC_W(ICC_PMR_EL1, ARM64_GIC_PMR);
    ICC_W(ICC_BPR1_EL1, 0);
    ICC_W(ICC_CTLR_EL1, 0);         /* EOImode 0: EOIR drops priority and deactivates */
    ICC_W(ICC_IGRPEN1_EL1, 1);
    arm64_isb();
}

static void v3_enable(unsigned intid)
{
    if (intid < 32) {
        gicr_w(GICR_ISENABLER0, 1u << intid);
        return;
    }
    /* An SPI: the priority of the others, routed to this CPU (IROUTER
     * 0 = affinity 0.0.0.0, the only CPU), then on. */
    unsigned sh = (intid % 4) * 8;
    uint32_t p = gicd_r(GICD_IPRIORITYR + (intid & ~3u));
    gicd_w(GICD_IPRIORITYR + (intid & ~3u), (p & ~(0xffu << sh)) | ((uint32_t)ARM64_GIC_PRIO << sh));
    arm64_mmio_write32(VIRT_GICD_BASE + GICD_IROUTER + intid * 8, 0);
    arm64_mmio_write32(VIRT_GICD_BASE + GICD_IROUTER + intid * 8 + 4, 0);
    gicd_w(GICD_ISENABLER + (intid / 32) * 4, 1u << (intid % 32));
}

static void v3_disable(unsigned intid)
{
    if (intid < 32)
        gicr_w(GICR_ICENABLER0, 1u << intid);
    else
        gicd_w(GICD_ICENABLER + (intid / 32) * 4, 1u << (intid % 32));
}

static uint32_t v3_ack(void)
{
    uint64_t v;
    ICC_R(ICC_IAR1_EL1, v);
    return (uint32_t)v;
}

static void v3_eoi(uint32_t iar)
{
    ICC_W(ICC_EOIR1_EL1, iar);
    arm64_isb();
}

const arm64_gic_t arm64_gicv3 = {3, v3_probe, v3_init, v3_enable, v3_disable, v3_ack, v3_eoi};
