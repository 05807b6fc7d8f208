/*
 * gicv2.c - the GICv2 of QEMU virt (the board's default gic-version=2:
 * distributor 0x08000000, memory-mapped CPU interface 0x08010000): the
 * timer's PPI and the UART's SPI; every interrupt gets the same priority. irq.c picks this or gicv3.c at boot.
 */
#include "arm64.h"

#define GICD_CTLR        0x000
#define GICD_TYPER       0x004
#define GICD_ISENABLER   0x100
#define GICD_ICENABLER   0x180
#define GICD_ICPENDR     0x280
#define GICD_IPRIORITYR  0x400
#define GICD_ITARGETSR   0x800
#define GICD_PIDR2_V2    0xfe8     /* ArchRev in bits 7:4 (GICv2 layout) */
#define GICC_CTLR        0x000
#define GICC_PMR         0x004
#define GICC_BPR         0x008
#define GICC_IAR         0x00c
#define GICC_EOIR        0x010

static void gicd_w(unsigned off, uint32_t v) { arm64_mmio_write32(VIRT_GICD_BASE + off, v); }
static uint32_t gicd_r(unsigned off) { return arm64_mmio_read32(VIRT_GICD_BASE + off); }
static void gicc_w(unsigned off, uint32_t v) { arm64_mmio_write32(VIRT_GICC_BASE + off, v); }
static uint32_t gicc_r(unsigned off) { return arm64_mmio_read32(VIRT_GICC_BASE + off); }

static bool v2_probe(void)
{
    unsigned rev = (gicd_r(GICD_PIDR2_V2) >> 4) & 0xf;
    return rev == 1 || rev == 2;
}

static void v2_init(void)
{
    unsigned lines = 32 * ((gicd_r(GICD_TYPER) & 0x1f) + 1);
    gicd_w(GICD_CTLR, 0);
    for (unsigned i = 0; i < lines; i += 32) {
        gicd_w(GICD_ICENABLER + i / 8, 0xffffffffu);
        gicd_w(GICD_ICPENDR + i / 8, 0xffffffffu);
    }
    for (unsigned i = 0; i < lines; i += 4)
        gicd_w(GICD_IPRIORITYR + i, ARM64_GIC_PRIO * 0x01010101u);
    gicd_w(GICD_CTLR, 1);
    gicc_w(GICC_PMR, ARM64_GIC_PMR);
    gicc_w(GICC_BPR, 0);
    gicc_w(GICC_CTLR, 1);
}

static void v2_enable(unsigned intid)
{
    if (intid >= 32) {          /* an SPI: to CPU interface 0 (this CPU) */
        unsigned sh = (intid % 4) * 8;
        uint32_t t = gicd_r(GICD_ITARGETSR + (intid & ~3u));
        gicd_w(GICD_ITARGETSR + (intid & ~3u), (t & ~(0xffu << sh)) | (1u << sh));
    }
    gicd_w(GICD_ISENABLER + (intid / 32) * 4, 1u << (intid % 32));
}

static void v2_disable(unsigned intid)
{
    gicd_w(GICD_ICENABLER + (intid / 32) * 4, 1u << (intid % 32));
}

static uint32_t v2_ack(void) { return gicc_r(GICC_IAR); }
static void v2_eoi(uint32_t iar) { gicc_w(GICC_EOIR, iar); }

const arm64_gic_t arm64_gicv2 = {2, v2_probe, v2_init, v2_enable, v2_disable, v2_ack, v2_eoi};
