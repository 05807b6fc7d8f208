/*
 * device.h - the Device object: one device the HAL found (hal.h,
 * arch_devices), its register windows and its interrupt line, behind a
 * DEVICE capability. Rights: READ to read registers, WRITE to write them,
 * to bind the interrupt to a notification and to acknowledge it.
 *
 * Device objects are made once at boot (device_init), kernel-owned, never
 * destroyed; the registry (a kernel CNode, slot i for device i) holds the
 * original capability of each, and the runner mints children of it for
 * the tasks whose manifest names the device.
 *
 * Interrupts: an interrupt masks its line (the arch does) and signals the
 * notification bound through a DEVICE capability; the line stays masked
 * until that capability acknowledges (device_irq_ack). A line with no
 * bound device stays masked (logged); a line that fires more than
 * DEVICE_IRQ_STORM times (or the command line's `irqstorm=N`, for the
 * hostile suites, which cannot reach 10,000 in 10 ms under TCG) within
 * DEVICE_IRQ_WINDOW_NS is masked until the next bind (logged). When the binding capability is deleted (its task
 * ended, a revoke) the binding goes, the line is masked and the device
 * stops mastering the bus (arch_dev_quiesce); the next driver binds
 * anew.
 */
#ifndef JERICHO_KERNEL_DEVICE_H
#define JERICHO_KERNEL_DEVICE_H

#include "hal.h"
#include "kernel/cnode.h"
#include "kernel/notification.h"

#define DEVICE_NAME_MAX 24
#define DEVICE_IRQ_STORM 10000u        /* one per microsecond on average */
#define DEVICE_IRQ_WINDOW_NS 10000000ull     /* 10 ms */

/* Interrupts in one window that make a storm (command line irqstorm=N,
 * 1 <= N <= DEVICE_IRQ_STORM; kernel_main, before any driver runs). */
void device_set_storm_limit(uint32_t n);

typedef struct device {
    kobj_t obj;
    const arch_device_t *hw;
    uint32_t index;                 /* in the registry */
    char name[DEVICE_NAME_MAX];     /* "virtio-rng", "virtio-net-2", "pci-8086-29c0" */
    notification_t *ntfn;           /* bound notification (a kernel reference) */
    uint64_t bits;                  /* what an interrupt signals: bits | its badge */
    cte_t *binder;                  /* the DEVICE capability that bound it */
    bool pending;                   /* delivered, not yet acknowledged */
    bool storm;                     /* masked for firing too often */
    uint64_t irqs;                  /* interrupts delivered */
} device_t;

/* Find the devices (arch_devices), make their objects, print the list.
 * Needs the heap; once. */
void device_init(void);
uint32_t device_count(void);
device_t *device_at(uint32_t i);
/* The device called name (a registry name, or pci-VVVV-DDDD in hex),
 * or NULL. */
device_t *device_find(const char *name);
/* The registry: slot i holds the original capability of device i (NULL
 * when there are no devices). */
cnode_t *device_registry(void);

/* Register access through the DEVICE capability in slot of cn: window
 * win, offset off, width 1/2/4/8, aligned to its width and inside the
 * window. Errors: slot decoding, KERR_INVALID_ARG (no such window, bad
 * width, misaligned, refused by the bus), KERR_BAD_BUFFER (outside the
 * window). */
kerr_t device_read(cnode_t *cn, uint32_t slot, uint32_t win, uint64_t off, uint32_t width,
                   uint64_t *val);
kerr_t device_write(cnode_t *cn, uint32_t slot, uint32_t win, uint64_t off, uint32_t width,
                    uint64_t val);
/* Bind the device's interrupt (DEVICE WRITE) to the notification in
 * nslot (NOTIFICATION WRITE), which it will signal with bits | the
 * notification capability's badge; nslot == DEVICE_UNBIND unbinds.
 * Errors: KERR_INVALID_ARG (no interrupt, bits 0), KERR_BUSY (bound
 * through another capability), KERR_NO_RIGHTS (unbind through a
 * capability that did not bind it). */
#define DEVICE_UNBIND 0xffffffffu
kerr_t device_irq_bind(cnode_t *cn, uint32_t slot, uint32_t nslot, uint32_t bits);
/* Acknowledge the interrupt (DEVICE WRITE, the capability that bound
 * it: else KERR_NO_RIGHTS): unmask the line. */
kerr_t device_irq_ack(cnode_t *cn, uint32_t slot);

/* Capability hooks (captypes.c). */
void device_slot_deleted(device_t *d, cte_t *slot);
void device_slot_moved(device_t *d, cte_t *from, cte_t *to);
void device_free(device_t *d);

#endif
