/*
 * pci.c - x86-64 device discovery and register access (include/hal.h,
 * "devices"): PCI configuration space through the legacy 0xcf8/0xcfc
 * mechanism (q35 and pc both have it), every bus, device and function;
 * BARs sized and kept as windows 0-5 (I/O ports, or MMIO mapped uncached
 * if at most PCI_MMIO_MAX bytes), the configuration space as window 6;
 * the legacy INTx line the firmware routed (configuration register 0x3c,
 * an 8259 IRQ), made level-triggered in the ELCR. Bridges are not listed.
 *
 * Configuration writes from drivers reach only the command register
 * (offset 4, 2 bytes): I/O and memory decoding, bus mastering, INTx
 * disable; BAR, MSI and other registers stay the kernel's.
 */
#include "hal.h"
#include "klib.h"
#include "x86.h"
#include "../mmio.h"

#define CFG_ADDR 0xcf8
#define CFG_DATA 0xcfc
#define PCI_MMIO_MAX (1u << 20)     /* larger MMIO BARs are not offered */
#define CMD_IO      0x1u
#define CMD_MEM     0x2u
#define CMD_MASTER  0x4u
#define CMD_INTX_OFF 0x400u
#define CMD_DRIVER  (CMD_IO | CMD_MEM | CMD_MASTER | CMD_INTX_OFF)
#define ELCR1 0x4d0
#define ELCR2 0x4d1

static arch_device_t devs[ARCH_DEV_MAX];
static uint32_t ndevs;
static bool found;

static inline uint16_t inw(uint16_t port)
{
    uint16_t v;
    __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint32_t inl(uint16_t port)
{
    uint32_t v;
    __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

/* One configuration access: address and data in one critical section. */
static uint32_t cfg_read32(uint32_t loc, uint32_t off)
{
    arch_irqstate_t s = arch_irq_save();
    x86_outl(CFG_ADDR, 0x80000000u | loc << 8 | (off & 0xfc));
    uint32_t v = inl(CFG_DATA);
    arch_irq_restore(s);
    return v;
}

static void cfg_write32(uint32_t loc, uint32_t off, uint32_t v)
{
    arch_irqstate_t s = arch_irq_save();
    x86_outl(CFG_ADDR, 0x80000000u | loc << 8 | (off & 0xfc));
    x86_outl(CFG_DATA, v);
    arch_irq_restore(s);
}

static uint16_t cfg_read16(uint32_t loc, uint32_t off)
{
    return (uint16_t)(cfg_read32(loc, off) >> ((off & 2) * 8));
}

static void cfg_write16(uint32_t loc, uint32_t off, uint16_t v)
{
    uint32_t w = cfg_read32(loc, off), sh = (off & 2) * 8;
    cfg_write32(loc, off, (w & ~(0xffffu << sh)) | (uint32_t)v << sh);
}

/* Size BAR i (decoding off meanwhile); returns how many BAR slots it takes. */
static unsigned read_bar(uint32_t loc, unsigned i, arch_device_t *d)
{
    uint32_t off = 0x10 + 4 * i;
    uint32_t lo = cfg_read32(loc, off);
    uint16_t cmd = cfg_read16(loc, 4);
    cfg_write16(loc, 4, (uint16_t)(cmd & ~(CMD_IO | CMD_MEM)));
    cfg_write32(loc, off, 0xffffffffu);
    uint32_t mask = cfg_read32(loc, off);
    cfg_write32(loc, off, lo);
    unsigned used = 1;
    uint64_t base, size;
    if (lo & 1) {                                   /* I/O ports */
        base = lo & ~3u;
        size = (uint32_t)(~(mask & ~3u) + 1) & 0xffff;
        d->win[i].kind = ARCH_WIN_PORT;
    } else {
        uint64_t m = mask & ~0xfu;
        base = lo & ~0xfu;
        if (((lo >> 1) & 3) == 2 && i < 5) {        /* 64-bit */
            uint32_t hi = cfg_read32(loc, off + 4);
            cfg_write32(loc, off + 4, 0xffffffffu);
            uint32_t mhi = cfg_read32(loc, off + 4);
            cfg_write32(loc, off + 4, hi);
            base |= (uint64_t)hi << 32;
            m |= (uint64_t)mhi << 32;
            used = 2;
        } else {
            m |= 0xffffffff00000000ull;
        }
        size = ~m + 1;
        d->win[i].kind = ARCH_WIN_MMIO;
    }
    cfg_write16(loc, 4, cmd);
    if (!mask || !base || !size || (d->win[i].kind == ARCH_WIN_MMIO &&
        (size > PCI_MMIO_MAX || base + size > (1ull << 46) ||
         arch_map((uintptr_t)base, (uintptr_t)base, ALIGN_UP(size, ARCH_PAGE_SIZE),
                  ARCH_PROT_R | ARCH_PROT_W | ARCH_PROT_DEVICE)))) {
        d->win[i].kind = ARCH_WIN_NONE;
        return used;
    }
    d->win[i].base = base;
    d->win[i].size = size;
    return used;
}

static void elcr_level(unsigned irq)
{
    uint16_t port = irq < 8 ? ELCR1 : ELCR2;
    x86_outb(port, (uint8_t)(x86_inb(port) | 1u << (irq & 7)));
}

static void add(uint32_t loc)
{
    uint32_t id = cfg_read32(loc, 0);
    uint32_t cls = cfg_read32(loc, 8) >> 8;
    uint8_t hdr = (uint8_t)(cfg_read32(loc, 0xc) >> 16);
    if ((hdr & 0x7f) != 0 || (cls >> 16) == 0x06)   /* bridges stay the kernel's */
        return;
    if (ndevs == ARCH_DEV_MAX) {
        kprintf("pci: more than %u devices; %02x:%02x.%u ignored\n", ARCH_DEV_MAX, loc >> 8,
                (loc >> 3) & 31, loc & 7);
        return;
    }
    arch_device_t *d = &devs[ndevs++];
    memset(d, 0, sizeof *d);
    d->bus = ARCH_BUS_PCI;
    d->vendor = (uint16_t)id;
    d->device = (uint16_t)(id >> 16);
    d->class_code = cls;
    d->location = loc;
    for (unsigned i = 0; i < 6;)
        i += read_bar(loc, i, d);
    d->win[6].kind = ARCH_WIN_CONFIG;
    d->win[6].size = 256;
    uint32_t intr = cfg_read32(loc, 0x3c);
    unsigned line = intr & 0xff, pin = (intr >> 8) & 0xff;
    d->irq = ARCH_IRQ_NONE;
    if (pin && line < 16 && line != 2 && line != X86_IRQ_COM1) {
        d->irq = line;
        elcr_level(line);
    }
}

const arch_device_t *arch_devices(uint32_t *n)
{
    if (!found) {
        found = true;
        for (uint32_t bus = 0; bus < 256; bus++)
            for (uint32_t dev = 0; dev < 32; dev++) {
                uint32_t loc = bus << 8 | dev << 3;
                if ((cfg_read32(loc, 0) & 0xffff) == 0xffff)
                    continue;
                bool multi = (cfg_read32(loc, 0xc) >> 16) & 0x80;
                for (uint32_t fn = 0; fn < (multi ? 8u : 1u); fn++)
                    if ((cfg_read32(loc | fn, 0) & 0xffff) != 0xffff)
                        add(loc | fn);
            }
    }
    *n = ndevs;
    return devs;
}

static int cfg_access(const arch_device_t *d, uint64_t off, unsigned width, uint64_t *val,
                      bool write)
{
    uint32_t o = (uint32_t)off;
    if (write) {
        if (o != 4 || width != 2)
            return -1;
        uint16_t cmd = cfg_read16(d->location, 4);
        cfg_write16(d->location, 4, (uint16_t)((cmd & ~CMD_DRIVER) | (*val & CMD_DRIVER)));
        return 0;
    }
    uint32_t w = cfg_read32(d->location, o & ~3u);
    if (width == 8)
        *val = w | (uint64_t)cfg_read32(d->location, (o & ~3u) + 4) << 32;
    else
        *val = (w >> ((o & 3) * 8)) & (width == 4 ? 0xffffffffu : (1u << (width * 8)) - 1);
    return 0;
}

static int port_access(uint16_t port, unsigned width, uint64_t *val, bool write)
{
    switch (width) {
    case 1:
        if (write)
            x86_outb(port, (uint8_t)*val);
        else
            *val = x86_inb(port);
        return 0;
    case 2:
        if (write)
            x86_outw(port, (uint16_t)*val);
        else
            *val = inw(port);
        return 0;
    case 4:
        if (write)
            x86_outl(port, (uint32_t)*val);
        else
            *val = inl(port);
        return 0;
    }
    return -1;
}

static int access(const arch_device_t *d, unsigned win, uint64_t off, unsigned width,
                  uint64_t *val, bool write)
{
    switch (d->win[win].kind) {
    case ARCH_WIN_CONFIG: return cfg_access(d, off, width, val, write);
    case ARCH_WIN_PORT: return port_access((uint16_t)(d->win[win].base + off), width, val, write);
    case ARCH_WIN_MMIO: return hal_mmio_access((uintptr_t)(d->win[win].base + off), width, val, write);
    }
    return -1;
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
    uint16_t cmd = cfg_read16(d->location, 4);
    cfg_write16(d->location, 4, (uint16_t)((cmd & ~CMD_MASTER) | CMD_INTX_OFF));
}

void arch_irq_line_mask(uint32_t line)
{
    if (line < 16)
        x86_pic_mask(line);
}

void arch_irq_line_unmask(uint32_t line)
{
    if (line < 16)
        x86_pic_unmask(line);
}
