/*
 * virtio_mmio.c - arm64 device discovery and register access (include/
 * hal.h, "devices"): the virtio-mmio transports the QEMU virt board lists
 * in its device tree (compatible "virtio,mmio", fdt.c), each mapped as
 * Device memory; a transport whose DeviceID register reads 0 has no
 * device behind it and is not listed. One window (the transport's
 * registers), one interrupt (its GIC SPI, level). No bus mastering bit
 * here: a driver stops its device by resetting it (status register 0).
 */
#include "hal.h"
#include "klib.h"
#include "arm64.h"
#include "../mmio.h"

#define VIRTIO_MMIO_MAGIC 0x74726976u   /* "virt" */
#define REG_MAGIC     0x000
#define REG_DEVICE_ID 0x008
#define REG_VENDOR_ID 0x00c
#define MMIO_MAX      0x1000u

static arch_device_t devs[ARCH_DEV_MAX];
static uint32_t ndevs, ntransports;
static bool found;

static bool map_page(uintptr_t pa)
{
    pa &= ~(uintptr_t)(ARCH_PAGE_SIZE - 1);
    return arch_mapped(pa) ||
           arch_map(pa, pa, ARCH_PAGE_SIZE, ARCH_PROT_R | ARCH_PROT_W | ARCH_PROT_DEVICE) == 0;
}

static void transport(uint64_t base, uint64_t size, uint32_t intid, void *ctx)
{
    (void)ctx;
    uint32_t index = ntransports++;
    if (size < 0x100 || size > MMIO_MAX || (base & 0xff) ||
        (base & (ARCH_PAGE_SIZE - 1)) + size > ARCH_PAGE_SIZE || !map_page((uintptr_t)base))
        return;
    volatile uint32_t *r = (volatile uint32_t *)(uintptr_t)base;
    if (r[REG_MAGIC / 4] != VIRTIO_MMIO_MAGIC || r[REG_DEVICE_ID / 4] == 0)
        return;     /* an empty transport */
    if (ndevs == ARCH_DEV_MAX) {
        kprintf("virtio-mmio: more than %u devices; transport %u ignored\n", ARCH_DEV_MAX, index);
        return;
    }
    arch_device_t *d = &devs[ndevs++];
    memset(d, 0, sizeof *d);
    d->bus = ARCH_BUS_VIRTIO_MMIO;
    d->vendor = (uint16_t)r[REG_VENDOR_ID / 4];
    d->device = (uint16_t)r[REG_DEVICE_ID / 4];
    d->location = index;
    d->irq = intid >= 32 && intid < 1020 ? intid : ARCH_IRQ_NONE;
    d->win[0].kind = ARCH_WIN_MMIO;
    d->win[0].base = base;
    d->win[0].size = size;
}

const arch_device_t *arch_devices(uint32_t *n)
{
    if (!found) {
        found = true;
        if (arm64_fdt_each_compatible(VIRT_DTB_BASE, "virtio,mmio", transport, NULL) < 0)
            kprintf("virtio-mmio: the device tree is damaged; no devices\n");
    }
    *n = ndevs;
    return devs;
}

static int access(const arch_device_t *d, unsigned win, uint64_t off, unsigned width,
                  uint64_t *val, bool write)
{
    if (d->win[win].kind != ARCH_WIN_MMIO)
        return -1;
    return hal_mmio_access((uintptr_t)(d->win[win].base + off), width, val, write);
}

int arch_dev_read(const arch_device_t *d, unsigned win, uint64_t off, unsigned width,
                  uint64_t *val)
{
    return access(d, win, off, width, val, false);
}

int arch_dev_write(const arch_device_t *d, unsigned win, uint64_t off, unsigned width,
                   uint64_t val)
{
    return access(d, win, off, width, &val, true);
}

void arch_dev_quiesce(const arch_device_t *d)
{
    (void)d;
}

/* Device lines are SPIs only (never the timer's PPI or the UART's SPI:
 * the device tree gave them to virtio-mmio transports). */
static bool device_line(uint32_t line)
{
    for (uint32_t i = 0; i < ndevs; i++)
        if (devs[i].irq == line)
            return true;
    return false;
}

void arch_irq_line_mask(uint32_t line)
{
    if (device_line(line))
        arm64_gic_line(line, false);
}

void arch_irq_line_unmask(uint32_t line)
{
    if (device_line(line))
        arm64_gic_line(line, true);
}

bool arm64_device_irq(uint32_t intid, uint32_t iar)
{
    if (intid == ARM64_UART_INTID || !device_line(intid))
        return false;
    arm64_gic_line(intid, false);
    arm64_gic_eoi(iar);
    kernel_device_irq(intid);
    return true;
}
