/* virtio.c - the legacy virtio transports and split virtqueues for driver
 * tasks (virtio.h). Register offsets: legacy virtio-pci (I/O BAR 0) and
 * virtio-mmio version 1 (window 0), virtio 1.x spec 4.1.4.8 and 4.2.4. */
#include "virtio.h"

#include <string.h>

/* A register by role: its legacy-PCI offset and width, its MMIO offset
 * (MMIO registers are all 32-bit). */
typedef struct { uint16_t po; uint8_t pw; uint16_t mo; } reg_t;
static const reg_t R_DEV_FEATURES = {0x00, 4, 0x010};
static const reg_t R_DRV_FEATURES = {0x04, 4, 0x020};
static const reg_t R_QUEUE_PFN = {0x08, 4, 0x040};
static const reg_t R_QUEUE_SEL = {0x0e, 2, 0x030};
static const reg_t R_QUEUE_NOTIFY = {0x10, 2, 0x050};
static const reg_t R_STATUS = {0x12, 1, 0x070};
#define PCI_QUEUE_SIZE 0x0c     /* 16-bit, read only */
#define PCI_ISR 0x13            /* 8-bit, reading clears */
#define PCI_CONFIG 0x14         /* device config (no MSI-X) */
#define MMIO_MAGIC 0x000
#define MMIO_VERSION 0x004
#define MMIO_DEVICE_ID 0x008
#define MMIO_DEV_FEATURES_SEL 0x014
#define MMIO_DRV_FEATURES_SEL 0x024
#define MMIO_PAGE_SIZE 0x028
#define MMIO_QUEUE_NUM_MAX 0x034
#define MMIO_QUEUE_NUM 0x038
#define MMIO_QUEUE_ALIGN 0x03c
#define MMIO_INT_STATUS 0x060
#define MMIO_INT_ACK 0x064
#define MMIO_CONFIG 0x100
#define PCI_CFG_WIN 6

static int64_t rd(vio_dev_t *d, reg_t r)
{
    return d->pci ? jericho_dev_read(d->dev, 0, r.po, r.pw) : jericho_dev_read(d->dev, 0, r.mo, 4);
}

static int wr(vio_dev_t *d, reg_t r, uint64_t v)
{
    return d->pci ? jericho_dev_write(d->dev, 0, r.po, r.pw, v)
                  : jericho_dev_write(d->dev, 0, r.mo, 4, v);
}

int vio_open(vio_dev_t *d, jericho_cap_t dev, uint32_t type)
{
    jericho_devinfo_t info;
    d->dev = dev;
    d->type = type;
    if (jericho_dev_info(dev, &info) != 0)
        return -1;
    if (info.bus == JERICHO_BUS_PCI) {
        /* legacy (transitional) ids: 0x1000 + type - 1 for net and rng,
         * and the registers in an I/O-port BAR 0 */
        static const uint16_t legacy[] = {[VIO_TYPE_NET] = 0x1000, [VIO_TYPE_RNG] = 0x1005};
        d->pci = 1;
        if (type >= sizeof legacy / sizeof legacy[0] || !legacy[type])
            return -1;
        return info.vendor == 0x1af4 && info.device == legacy[type] &&
                       info.win[0].kind == JERICHO_WIN_PORTS ? 0 : -1;
    }
    if (info.bus != JERICHO_BUS_VIRTIO_MMIO)
        return -1;
    d->pci = 0;
    return jericho_dev_read(dev, 0, MMIO_MAGIC, 4) == 0x74726976 &&
                   jericho_dev_read(dev, 0, MMIO_VERSION, 4) == 1 &&
                   jericho_dev_read(dev, 0, MMIO_DEVICE_ID, 4) == (int64_t)type ? 0 : -1;
}

int vio_reset(vio_dev_t *d)
{
    int rc;
    if (d->pci) {   /* I/O and memory decoding, bus mastering (the kernel
                     * turns it off when a driver's capability goes) */
        rc = jericho_dev_write(d->dev, PCI_CFG_WIN, 4, 2, 7);
        if (rc)
            return rc;
    }
    if ((rc = wr(d, R_STATUS, 0)) != 0)
        return rc;
    /* a reset completes when status reads back 0 */
    for (int i = 0; i < 1000 && rd(d, R_STATUS) != 0; i++)
        jericho_yield();
    if ((rc = wr(d, R_STATUS, VIO_S_ACK)) != 0)
        return rc;
    return wr(d, R_STATUS, VIO_S_ACK | VIO_S_DRIVER);
}

uint32_t vio_features(vio_dev_t *d)
{
    if (!d->pci)
        jericho_dev_write(d->dev, 0, MMIO_DEV_FEATURES_SEL, 4, 0);
    int64_t v = rd(d, R_DEV_FEATURES);
    return v < 0 ? 0 : (uint32_t)v;
}

int vio_accept(vio_dev_t *d, uint32_t features)
{
    if (!d->pci)
        jericho_dev_write(d->dev, 0, MMIO_DRV_FEATURES_SEL, 4, 0);
    return wr(d, R_DRV_FEATURES, features);
}

int vio_driver_ok(vio_dev_t *d)
{
    return wr(d, R_STATUS, VIO_S_ACK | VIO_S_DRIVER | VIO_S_DRIVER_OK);
}

uint8_t vio_status(vio_dev_t *d)
{
    return (uint8_t)rd(d, R_STATUS);
}

static uint32_t align4k(uint32_t v)
{
    return (v + 4095u) & ~4095u;
}

uint32_t vio_ring_bytes(uint16_t size)
{
    return align4k(16u * size + 6u + 2u * size) + align4k(6u + 8u * size);
}

uint16_t vio_queue_size(vio_dev_t *d, uint16_t index)
{
    int64_t n;
    wr(d, R_QUEUE_SEL, index);
    n = d->pci ? jericho_dev_read(d->dev, 0, PCI_QUEUE_SIZE, 2)
               : jericho_dev_read(d->dev, 0, MMIO_QUEUE_NUM_MAX, 4);
    if (n <= 0)
        return 0;
    if (n > VIO_QMAX)
        return d->pci ? 0 : VIO_QMAX;   /* legacy PCI: the size is the device's */
    return (uint16_t)n;
}

int vio_queue_setup(vio_queue_t *q, vio_dev_t *d, uint16_t index, jericho_cap_t mem,
                    uint32_t off, uint64_t bus)
{
    int rc;
    memset(q, 0, sizeof *q);
    q->d = d;
    q->mem = mem;
    q->off = off;
    q->index = index;
    q->size = vio_queue_size(d, index);
    if (!q->size || (off & 4095u))
        return -JERICHO_E_BAD_ARGUMENT;
    q->avail_off = off + 16u * q->size;
    q->used_off = off + align4k(16u * q->size + 6u + 2u * q->size);
    if (!d->pci) {
        jericho_dev_write(d->dev, 0, MMIO_PAGE_SIZE, 4, 4096);
        jericho_dev_write(d->dev, 0, MMIO_QUEUE_NUM, 4, q->size);
        jericho_dev_write(d->dev, 0, MMIO_QUEUE_ALIGN, 4, 4096);
    }
    rc = wr(d, R_QUEUE_PFN, (bus + off) >> 12);
    return rc;
}

int vio_queue_put(vio_queue_t *q, uint16_t id, uint64_t addr, uint32_t len, uint16_t flags)
{
    struct __attribute__((packed)) { uint64_t addr; uint32_t len; uint16_t flags, next; } desc = {
        addr, len, flags, 0};
    uint16_t slot = id, idx;
    int rc;
    if (id >= q->size)
        return -JERICHO_E_BAD_ARGUMENT;
    if ((rc = jericho_mem_write(q->mem, q->off + 16u * id, &desc, sizeof desc)) != 0)
        return rc;
    if ((rc = jericho_mem_write(q->mem, q->avail_off + 4u + 2u * (q->avail_idx % q->size), &slot,
                                2)) != 0)
        return rc;
    /* the entry is in place before the index that publishes it: each
     * mem_write is done when it returns */
    idx = ++q->avail_idx;
    return jericho_mem_write(q->mem, q->avail_off + 2u, &idx, 2);
}

void vio_notify(vio_queue_t *q)
{
    wr(q->d, R_QUEUE_NOTIFY, q->index);
}

int vio_queue_get(vio_queue_t *q, uint32_t *id, uint32_t *len)
{
    uint16_t idx;
    uint32_t elem[2];
    int rc = jericho_mem_read(q->mem, q->used_off + 2u, &idx, 2);
    if (rc)
        return rc;
    if (idx == q->used_seen)
        return 0;
    rc = jericho_mem_read(q->mem, q->used_off + 4u + 8u * (q->used_seen % q->size), elem,
                          sizeof elem);
    if (rc)
        return rc;
    q->used_seen++;
    *id = elem[0];
    *len = elem[1];
    return 1;
}

uint32_t vio_isr(vio_dev_t *d)
{
    int64_t v;
    if (d->pci) {
        v = jericho_dev_read(d->dev, 0, PCI_ISR, 1);
        return v < 0 ? 0 : (uint32_t)v;
    }
    v = jericho_dev_read(d->dev, 0, MMIO_INT_STATUS, 4);
    if (v > 0)
        jericho_dev_write(d->dev, 0, MMIO_INT_ACK, 4, (uint64_t)v);
    return v < 0 ? 0 : (uint32_t)v;
}

uint8_t vio_config8(vio_dev_t *d, uint32_t off)
{
    int64_t v = d->pci ? jericho_dev_read(d->dev, 0, PCI_CONFIG + off, 1)
                       : jericho_dev_read(d->dev, 0, MMIO_CONFIG + off, 1);
    return v < 0 ? 0 : (uint8_t)v;
}
