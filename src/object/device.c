/*
 * device.c - the Device object (include/kernel/device.h): the registry of
 * the devices the HAL found, register access checked against a window,
 * and interrupts bound to notifications, masked until acknowledged.
 *
 * Every operation decodes its capabilities and performs in one critical
 * section (register accesses are single loads and stores), so a revoke
 * is ordered wholly before or after it. The interrupt handler
 * (kernel_device_irq) runs with interrupts off and so sees a binding
 * either whole or gone: a DEVICE capability deleted while its interrupt
 * is in flight unbinds before or after the signal, never during it.
 */
#include "kernel/crit.h"
#include "kernel/cspace.h"
#include "kernel/device.h"
#include "klib.h"
#include "mm.h"

static device_t **devs;
static uint32_t ndevs;
static cnode_t *registry;      /* slot i: the original capability of devs[i] */
static uint32_t storm_limit = DEVICE_IRQ_STORM;

void device_set_storm_limit(uint32_t n)
{
    if (n >= 1 && n <= DEVICE_IRQ_STORM)
        storm_limit = n;
}

/* virtio device types (virtio 1.2, 5) by name. */
static const char *virtio_type(uint32_t t)
{
    switch (t) {
    case 1: return "virtio-net";
    case 2: return "virtio-blk";
    case 3: return "virtio-console";
    case 4: return "virtio-rng";
    case 5: return "virtio-balloon";
    case 8: return "virtio-scsi";
    case 9: return "virtio-9p";
    case 16: return "virtio-gpu";
    case 18: return "virtio-input";
    }
    return NULL;
}

/* PCI: transitional ids 0x1000.. (legacy order) and modern 0x1040 + type. */
static const char *pci_virtio(uint16_t vendor, uint16_t id)
{
    static const uint8_t legacy[] = {1, 2, 5, 3, 8, 4, 0, 0, 0, 9};
    if (vendor != 0x1af4)
        return NULL;
    if (id >= 0x1000 && id < 0x1000 + sizeof legacy)
        return virtio_type(legacy[id - 0x1000]);
    if (id >= 0x1040 && id < 0x1080)
        return virtio_type(id - 0x1040u);
    return NULL;
}

static void name_device(device_t *d)
{
    const arch_device_t *h = d->hw;
    const char *base = h->bus == ARCH_BUS_VIRTIO_MMIO ? virtio_type(h->device)
                                                      : pci_virtio(h->vendor, h->device);
    if (!base) {
        ksnprintf(d->name, sizeof d->name, "%s-%04x-%04x",
                  h->bus == ARCH_BUS_PCI ? "pci" : "mmio", h->vendor, h->device);
        base = d->name;
    } else {
        ksnprintf(d->name, sizeof d->name, "%s", base);
    }
    unsigned same = 1;      /* the second of a kind is NAME-2, ... */
    for (uint32_t i = 0; i < d->index; i++)
        if (strncmp(devs[i]->name, base, strlen(base)) == 0 &&
            (devs[i]->name[strlen(base)] == 0 || devs[i]->name[strlen(base)] == '-'))
            same++;
    if (same > 1) {
        char b[DEVICE_NAME_MAX];
        ksnprintf(b, sizeof b, "%s", base);
        ksnprintf(d->name, sizeof d->name, "%s-%u", b, same);
    }
}

static void print_device(const device_t *d)
{
    const arch_device_t *h = d->hw;
    if (h->bus == ARCH_BUS_PCI)
        kprintf("device %u: %s: pci %02x:%02x.%u %04x:%04x class %06x", d->index, d->name,
                h->location >> 8, (h->location >> 3) & 31, h->location & 7, h->vendor,
                h->device, h->class_code);
    else
        kprintf("device %u: %s: virtio-mmio transport %u vendor %04x", d->index, d->name,
                h->location, h->vendor);
    if (h->irq != ARCH_IRQ_NONE)
        kprintf(", irq %u", h->irq);
    for (unsigned w = 0; w < ARCH_DEV_WINDOWS; w++) {
        static const char *const kinds[] = {"", "mmio", "port", "config"};
        if (h->win[w].kind != ARCH_WIN_NONE && h->win[w].kind != ARCH_WIN_CONFIG)
            kprintf(", win%u %s 0x%llx+0x%llx", w, kinds[h->win[w].kind],
                    (unsigned long long)h->win[w].base, (unsigned long long)h->win[w].size);
    }
    kprintf("\n");
}

void device_init(void)
{
    if (devs)
        return;
    uint32_t n;
    const arch_device_t *hw = arch_devices(&n);
    devs = n ? (device_t **)kzalloc(n * sizeof(device_t *)) : NULL;
    for (uint32_t i = 0; i < n && devs; i++) {
        kerr_t e;
        device_t *d = (device_t *)kobj_alloc(OBJ_DEVICE, sizeof(device_t), NULL, &e);
        if (!d)
            break;
        d->hw = &hw[i];
        d->index = ndevs;
        devs[ndevs++] = d;
        name_device(d);
        arch_irq_line_mask(d->hw->irq);
    }
    if (ndevs && cnode_create(NULL, ndevs, &registry) == KERR_OK) {
        for (uint32_t i = 0; i < ndevs; i++)
            if (cap_install(registry, i, &devs[i]->obj, objtype_rights(OBJ_DEVICE), 0))
                panic("device_init: cannot hold device %u's capability", i);
    } else if (ndevs) {
        panic("device_init: no memory for the device registry");
    }
    kprintf("devices: %u found\n", ndevs);
    for (uint32_t i = 0; i < ndevs; i++)
        print_device(devs[i]);
}

uint32_t device_count(void)
{
    return ndevs;
}

device_t *device_at(uint32_t i)
{
    return i < ndevs ? devs[i] : NULL;
}

cnode_t *device_registry(void)
{
    return registry;
}

device_t *device_find(const char *name)
{
    for (uint32_t i = 0; i < ndevs; i++) {
        char ids[DEVICE_NAME_MAX];
        ksnprintf(ids, sizeof ids, "pci-%04x-%04x", devs[i]->hw->vendor, devs[i]->hw->device);
        if (strcmp(devs[i]->name, name) == 0 ||
            (devs[i]->hw->bus == ARCH_BUS_PCI && strcmp(ids, name) == 0))
            return devs[i];
    }
    return NULL;
}

/* ---- registers ------------------------------------------------------------ */

static kerr_t decode(cnode_t *cn, uint32_t slot, unsigned rights, cte_t **c, device_t **out)
{
    cap_t cap;
    kerr_t e = cspace_cap(cn, slot, OBJ_DEVICE, rights, c, &cap);
    if (!e)
        *out = (device_t *)cap_obj(cap);
    return e;
}

static kerr_t check_reg(const device_t *d, uint32_t win, uint64_t off, uint32_t width)
{
    if (win >= ARCH_DEV_WINDOWS || d->hw->win[win].kind == ARCH_WIN_NONE ||
        (width != 1 && width != 2 && width != 4 && width != 8) || (off & (width - 1)))
        return KERR_INVALID_ARG;
    uint64_t size = d->hw->win[win].size;
    if (off > size || width > size - off)
        return KERR_BAD_BUFFER;
    return KERR_OK;
}

static kerr_t reg(cnode_t *cn, uint32_t slot, uint32_t win, uint64_t off, uint32_t width,
                  uint64_t *val, bool write)
{
    device_t *d;
    kcrit_t s = kcrit_enter();
    kerr_t e = decode(cn, slot, write ? CAP_R_WRITE : CAP_R_READ, NULL, &d);
    if (!e)
        e = check_reg(d, win, off, width);
    if (!e) {
        int rc = write ? arch_dev_write(d->hw, win, off, width, *val)
                       : arch_dev_read(d->hw, win, off, width, val);
        e = rc ? KERR_INVALID_ARG : KERR_OK;
    }
    kcrit_leave(s);
    return e;
}

kerr_t device_read(cnode_t *cn, uint32_t slot, uint32_t win, uint64_t off, uint32_t width,
                   uint64_t *val)
{
    return reg(cn, slot, win, off, width, val, false);
}

kerr_t device_write(cnode_t *cn, uint32_t slot, uint32_t win, uint64_t off, uint32_t width,
                    uint64_t val)
{
    return reg(cn, slot, win, off, width, &val, true);
}

/* ---- interrupts ------------------------------------------------------------- */

/* Unmask line iff a device on it is bound, none waits for its driver's
 * acknowledgement and none was masked for a storm. In a critical section. */
static void line_update(uint32_t line)
{
    if (line == ARCH_IRQ_NONE)
        return;
    bool bound = false, held = false;
    for (uint32_t i = 0; i < ndevs; i++) {
        const device_t *d = devs[i];
        if (d->hw->irq != line)
            continue;
        bound |= d->binder != NULL;
        held |= d->pending || d->storm;
    }
    if (bound && !held)
        arch_irq_line_unmask(line);
    else
        arch_irq_line_mask(line);
}

static void unbind(device_t *d)
{
    notification_t *n = d->ntfn;
    d->ntfn = NULL;
    d->binder = NULL;
    d->pending = false;
    line_update(d->hw->irq);
    if (n)
        kobj_unref(&n->obj);
}

kerr_t device_irq_bind(cnode_t *cn, uint32_t slot, uint32_t nslot, uint32_t bits)
{
    device_t *d;
    cte_t *c;
    cap_t ncap = cap_null();
    kcrit_t s = kcrit_enter();
    kerr_t e = decode(cn, slot, CAP_R_WRITE, &c, &d);
    if (!e && nslot != DEVICE_UNBIND)
        e = cspace_cap(cn, nslot, OBJ_NOTIFICATION, CAP_R_WRITE, NULL, &ncap);
    if (!e && d->hw->irq == ARCH_IRQ_NONE)
        e = KERR_INVALID_ARG;
    if (!e && nslot != DEVICE_UNBIND && bits == 0)
        e = KERR_INVALID_ARG;
    if (!e && d->binder && d->binder != c)
        e = nslot == DEVICE_UNBIND ? KERR_NO_RIGHTS : KERR_BUSY;
    if (!e && nslot == DEVICE_UNBIND && !d->binder)
        e = KERR_NO_RIGHTS;
    if (e) {
        kcrit_leave(s);
        return e;
    }
    if (nslot == DEVICE_UNBIND) {
        unbind(d);
        kcrit_leave(s);
        return KERR_OK;
    }
    notification_t *old = d->ntfn;
    d->ntfn = (notification_t *)cap_obj(ncap);
    kobj_ref(&d->ntfn->obj);
    d->bits = bits | cap_badge(ncap);
    d->binder = c;
    d->pending = false;
    d->storm = false;
    line_update(d->hw->irq);
    if (old)
        kobj_unref(&old->obj);
    kcrit_leave(s);
    return KERR_OK;
}

kerr_t device_irq_ack(cnode_t *cn, uint32_t slot)
{
    device_t *d;
    cte_t *c;
    kcrit_t s = kcrit_enter();
    kerr_t e = decode(cn, slot, CAP_R_WRITE, &c, &d);
    if (!e && d->binder != c)
        e = KERR_NO_RIGHTS;     /* not the capability that owns the interrupt */
    if (!e) {
        d->pending = false;
        line_update(d->hw->irq);
    }
    kcrit_leave(s);
    return e;
}

void kernel_device_irq(uint32_t line)
{
    static uint64_t window_start;
    static uint32_t window_count[16];
    uint64_t now = arch_time_ns();
    if (now - window_start >= DEVICE_IRQ_WINDOW_NS) {
        window_start = now;
        memset(window_count, 0, sizeof window_count);
    }
    bool storm = ++window_count[line % 16] > storm_limit;
    bool delivered = false;
    for (uint32_t i = 0; i < ndevs; i++) {
        device_t *d = devs[i];
        if (d->hw->irq != line || !d->binder)
            continue;
        if (storm) {
            if (!d->storm)
                kprintf("device %s: interrupt %u fired more than %u times in %llu ms: masked "
                        "until the next bind\n", d->name, line, storm_limit,
                        (unsigned long long)(DEVICE_IRQ_WINDOW_NS / 1000000));
            d->storm = true;
            continue;
        }
        d->pending = true;
        d->irqs++;
        delivered = true;
        if (d->ntfn && kobj_live(&d->ntfn->obj))
            notify_signal_obj(d->ntfn, d->bits);
    }
    if (!delivered && !storm)
        kprintf("device interrupt %u: no driver bound; line masked\n", line);
    line_update(line);
}

/* ---- capability hooks ------------------------------------------------------- */

void device_slot_deleted(device_t *d, cte_t *slot)
{
    kcrit_t s = kcrit_enter();
    bool binder = d->binder == slot;
    if (binder)
        unbind(d);
    /* The binder, or the last capability but the registry's original:
     * the device's last driver is gone. */
    if (binder || d->obj.ncaps <= 2)
        arch_dev_quiesce(d->hw);
    if (binder)
        kprintf("device %s: its driver's capability is gone: interrupt masked and unbound, "
                "device quiesced\n", d->name);
    kcrit_leave(s);
}

void device_slot_moved(device_t *d, cte_t *from, cte_t *to)
{
    if (d->binder == from)
        d->binder = to;
}

void device_free(device_t *d)
{
    (void)d;
    panic("device_free: devices are never freed");
}
