/*
 * test_dev.c - self-tests of device discovery and the Device object on
 * both architectures (QEMU with the default DEVICES=rng net: x86-64
 * virtio-pci, arm64 virtio-mmio): both virtio devices are found, named,
 * with an interrupt and a register window whose identity registers read
 * what discovery saw; register access through a capability is checked
 * against the window; binding, acknowledging and deleting the binding
 * capability keep the registry's state right.
 */
#include "kernel/cspace.h"
#include "kernel/device.h"
#include "kernel/notification.h"
#include "selftest/ktest.h"

KTEST(dev_discovery_finds_virtio_rng_and_net)
{
    const char *names[] = {"virtio-rng", "virtio-net"};
    for (unsigned i = 0; i < 2; i++) {
        device_t *d = device_find(names[i]);
        if (!d) {
            KT_FAIL("no %s (QEMU should have one: DEVICES=rng net)", names[i]);
            continue;
        }
        KT_CHECK(device_at(d->index) == d);
        KT_CHECK(d->hw->irq != ARCH_IRQ_NONE);
        uint64_t v = 0;
        if (d->hw->bus == ARCH_BUS_PCI) {
            KT_CHECK_EQ(d->hw->vendor, 0x1af4);
            KT_CHECK_EQ(d->hw->win[6].kind, ARCH_WIN_CONFIG);
            KT_CHECK_EQ(arch_dev_read(d->hw, 6, 0, 4, &v), 0);
            KT_CHECK_EQ(v, (uint64_t)d->hw->device << 16 | d->hw->vendor);
            KT_CHECK_EQ(d->hw->win[0].kind, ARCH_WIN_PORT);  /* legacy registers */
            KT_CHECK(d->hw->win[0].size >= 20);
            /* pci-VVVV-DDDD finds it too */
            char ids[24];
            ksnprintf(ids, sizeof ids, "pci-%04x-%04x", d->hw->vendor, d->hw->device);
            KT_CHECK(device_find(ids) == d);
        } else {
            KT_CHECK_EQ(d->hw->bus, ARCH_BUS_VIRTIO_MMIO);
            KT_CHECK_EQ(d->hw->win[0].kind, ARCH_WIN_MMIO);
            KT_CHECK_EQ(arch_dev_read(d->hw, 0, 0, 4, &v), 0);
            KT_CHECK_EQ(v, 0x74726976);                     /* "virt" */
            KT_CHECK_EQ(arch_dev_read(d->hw, 0, 8, 4, &v), 0);
            KT_CHECK_EQ(v, d->hw->device);
        }
    }
    KT_CHECK(device_find("no-such-device") == NULL);
}

KTEST(dev_capability_checks_window_and_binding)
{
    device_t *d = device_find("virtio-rng");
    cnode_t *cn;
    notification_t *n;
    if (!d || cnode_create(NULL, 4, &cn) || notification_create(NULL, &n)) {
        KT_FAIL("no virtio-rng or no memory");
        return;
    }
    KT_CHECK_EQ(cap_mint(device_registry(), d->index, cn, 0, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    KT_CHECK_EQ(cap_mint(device_registry(), d->index, cn, 1, CAP_R_READ, 0), KERR_OK);
    KT_CHECK_EQ(cap_install(cn, 2, &n->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    uint64_t size = d->hw->win[0].size, v;
    KT_CHECK_EQ(device_read(cn, 0, 0, 0, 1, &v), KERR_OK);
    KT_CHECK_EQ(device_read(cn, 0, 0, size, 1, &v), KERR_BAD_BUFFER);
    KT_CHECK_EQ(device_read(cn, 0, 0, size - 2, 4, &v), KERR_INVALID_ARG);   /* misaligned */
    KT_CHECK_EQ(device_read(cn, 0, 0, (size & ~3ull) , 4, &v), KERR_BAD_BUFFER);
    KT_CHECK_EQ(device_read(cn, 0, 0, 0xfffffffffffffff8ull, 8, &v), KERR_BAD_BUFFER);
    KT_CHECK_EQ(device_read(cn, 0, ARCH_DEV_WINDOWS, 0, 1, &v), KERR_INVALID_ARG);
    KT_CHECK_EQ(device_read(cn, 0, 0, 0, 3, &v), KERR_INVALID_ARG);
    KT_CHECK_EQ(device_write(cn, 1, 0, 0, 1, 0), KERR_NO_RIGHTS);
    KT_CHECK_EQ(device_read(cn, 2, 0, 0, 1, &v), KERR_WRONG_TYPE);
    /* bind, a second capability is refused, ack through the binder only */
    KT_CHECK_EQ(device_irq_bind(cn, 0, 2, 1), KERR_OK);
    KT_CHECK(d->binder == &cn->slots[0]);
    KT_CHECK_EQ(device_irq_bind(cn, 1, 2, 1), KERR_NO_RIGHTS);
    KT_CHECK_EQ(cap_mint(device_registry(), d->index, cn, 3, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    KT_CHECK_EQ(device_irq_bind(cn, 3, 2, 1), KERR_BUSY);
    KT_CHECK_EQ(device_irq_ack(cn, 3), KERR_NO_RIGHTS);
    KT_CHECK_EQ(device_irq_ack(cn, 0), KERR_OK);
    /* moving the binder moves the binding; deleting it unbinds */
    KT_CHECK_EQ(cap_delete(cn, 3), KERR_OK);
    KT_CHECK_EQ(cap_move(cn, 0, cn, 3), KERR_OK);
    KT_CHECK(d->binder == &cn->slots[3]);
    KT_CHECK_EQ(cap_delete(cn, 3), KERR_OK);
    KT_CHECK(d->binder == NULL && d->ntfn == NULL && !d->pending);
    KT_CHECK_EQ(device_irq_ack(cn, 1), KERR_NO_RIGHTS);
    KT_CHECK_EQ(cap_delete(cn, 1), KERR_OK);
    KT_CHECK_EQ(cap_delete(cn, 2), KERR_OK);
    KT_CHECK(kobj_live(&d->obj));       /* the registry keeps it */
    KT_CHECK_EQ(d->obj.ncaps, 1);
    kobj_ref(&cn->obj);
    kobj_unref(&cn->obj);
}
