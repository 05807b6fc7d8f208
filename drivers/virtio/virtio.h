/* virtio.h - the drivers' shared virtio library (drivers/README.md): one
 * interface over the two legacy transports QEMU gives JerichoOS (legacy
 * virtio-pci through an I/O-port BAR on x86-64, virtio-mmio version 1 on
 * arm64), split virtqueues laid out in a MEMORY region the driver created
 * (its bus address from mem_info, DMA right), feature negotiation, notify
 * and used-ring handling. Everything goes through the DEVICE capability
 * (dev_read/dev_write) and the region's copy calls (mem_read/mem_write):
 * a driver is a wasm task and maps nothing. */
#ifndef DRIVERS_VIRTIO_H
#define DRIVERS_VIRTIO_H

#include <stdint.h>

#include <jericho.h>

/* Virtio device types (virtio spec 5). */
#define VIO_TYPE_NET 1
#define VIO_TYPE_RNG 4

/* Device status bits. */
#define VIO_S_ACK       1
#define VIO_S_DRIVER    2
#define VIO_S_DRIVER_OK 4
#define VIO_S_FAILED    128

/* Descriptor flags. */
#define VIO_DESC_NEXT  1
#define VIO_DESC_WRITE 2    /* the device writes the buffer */

/* Largest queue this library lays out (entries). */
#define VIO_QMAX 256

typedef struct {
    jericho_cap_t dev;  /* DEVICE capability, rw */
    int pci;            /* 1: legacy virtio-pci, I/O window 0; 0: virtio-mmio v1 */
    uint32_t type;      /* VIO_TYPE_* */
} vio_dev_t;

typedef struct {
    vio_dev_t *d;
    jericho_cap_t mem;  /* the region holding the ring */
    uint32_t off;       /* ring offset in the region (4 KiB aligned) */
    uint16_t index;     /* queue number */
    uint16_t size;      /* entries */
    uint32_t avail_off, used_off;   /* region offsets */
    uint16_t avail_idx; /* next avail index the driver publishes */
    uint16_t used_seen; /* used entries consumed */
} vio_queue_t;

/* Identifies the device behind dev (dev_info, then the transport's ids);
 * 0 if it is a virtio device of that type, else -1. */
int vio_open(vio_dev_t *d, jericho_cap_t dev, uint32_t type);

/* Resets the device (status 0), enables PCI decoding and bus mastering,
 * sets ACK and DRIVER. 0 or a negative error. */
int vio_reset(vio_dev_t *d);

/* Device features (bits 0..31); accept: the subset the driver uses. */
uint32_t vio_features(vio_dev_t *d);
int vio_accept(vio_dev_t *d, uint32_t features);

/* Status DRIVER_OK: the device may use its queues. */
int vio_driver_ok(vio_dev_t *d);
uint8_t vio_status(vio_dev_t *d);

/* Bytes a queue's ring takes (desc + avail, then used, 4 KiB aligned)
 * for the size the device will use: vio_queue_size. */
uint32_t vio_ring_bytes(uint16_t size);
/* The size the queue will have (PCI: the device's; MMIO: its maximum,
 * at most VIO_QMAX). 0: no such queue, or too large. */
uint16_t vio_queue_size(vio_dev_t *d, uint16_t index);

/* Lays queue index out at region offset off (4 KiB aligned, bus is the
 * region's bus address) and tells the device. */
int vio_queue_setup(vio_queue_t *q, vio_dev_t *d, uint16_t index, jericho_cap_t mem,
                    uint32_t off, uint64_t bus);

/* Offers descriptor id (a single buffer at bus address addr, len bytes,
 * flags VIO_DESC_WRITE for a device-written one) to the device; does not
 * notify. */
int vio_queue_put(vio_queue_t *q, uint16_t id, uint64_t addr, uint32_t len, uint16_t flags);
void vio_notify(vio_queue_t *q);

/* One used element if there is one: 1 and *id, *len; 0 if none; < 0 error. */
int vio_queue_get(vio_queue_t *q, uint32_t *id, uint32_t *len);

/* Reads and clears the interrupt status (bit 0 used ring, bit 1 config). */
uint32_t vio_isr(vio_dev_t *d);

/* Device-specific configuration byte at off. */
uint8_t vio_config8(vio_dev_t *d, uint32_t off);

#endif
