/*
 * test_device.c - the Device object on the host, with fake_arch.c's one
 * device (a 64-byte register array, interrupt line 5): registers through
 * a capability, the interrupt bound, masked on arrival until the binding
 * capability acknowledges, masked for good on a line nobody bound, masked
 * after a storm until the next bind, unbound when the binding capability
 * is deleted.
 */
#include <string.h>

#include "kernel/cspace.h"
#include "kernel/device.h"
#include "kernel/notification.h"
#include "ut.h"

extern uint8_t ut_fake_regs[64];
extern int ut_fake_line_masked;

UT(device_registers_and_interrupts)
{
    device_init();
    UT_CHECK_EQ(device_count(), 1);
    device_t *d = device_find("virtio-rng");
    UT_CHECK(d != NULL && d == device_at(0));
    if (!d)
        return;
    cnode_t *cn;
    notification_t *n;
    UT_CHECK_EQ(cnode_create(NULL, 4, &cn), KERR_OK);
    UT_CHECK_EQ(notification_create(NULL, &n), KERR_OK);
    UT_CHECK_EQ(cap_mint(device_registry(), 0, cn, 0, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    UT_CHECK_EQ(cap_mint(device_registry(), 0, cn, 1, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    UT_CHECK_EQ(cap_install(cn, 2, &n->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    /* registers */
    uint64_t v = 0;
    UT_CHECK_EQ(device_write(cn, 0, 0, 8, 4, 0xdeadbeef), KERR_OK);
    UT_CHECK_EQ(device_read(cn, 1, 0, 8, 4, &v), KERR_OK);
    UT_CHECK_EQ(v, 0xdeadbeef);
    UT_CHECK_EQ(device_read(cn, 0, 0, 64, 8, &v), KERR_BAD_BUFFER);
    UT_CHECK_EQ(device_read(cn, 0, 0, 60, 8, &v), KERR_INVALID_ARG);   /* misaligned */
    UT_CHECK_EQ(device_read(cn, 0, 0, 56, 8, &v), KERR_OK);
    UT_CHECK_EQ(device_read(cn, 0, 0, 2, 4, &v), KERR_INVALID_ARG);
    UT_CHECK_EQ(device_read(cn, 0, 1, 0, 1, &v), KERR_INVALID_ARG);   /* no window 1 */
    /* an interrupt on a line nobody bound stays masked, signals nothing */
    UT_CHECK_EQ(ut_fake_line_masked, 1);
    kernel_device_irq(5);
    UT_CHECK_EQ(ut_fake_line_masked, 1);
    UT_CHECK_EQ(n->word, 0);
    /* bound: unmasked; an interrupt signals and masks until the ack */
    UT_CHECK_EQ(device_irq_bind(cn, 0, 2, 4), KERR_OK);
    UT_CHECK_EQ(ut_fake_line_masked, 0);
    kernel_device_irq(5);
    UT_CHECK_EQ(n->word, 4);
    UT_CHECK(d->pending);
    UT_CHECK_EQ(ut_fake_line_masked, 1);
    UT_CHECK_EQ(device_irq_ack(cn, 1), KERR_NO_RIGHTS);
    UT_CHECK_EQ(ut_fake_line_masked, 1);
    UT_CHECK_EQ(device_irq_ack(cn, 0), KERR_OK);
    UT_CHECK_EQ(ut_fake_line_masked, 0);
    UT_CHECK_EQ(device_irq_bind(cn, 1, 2, 4), KERR_BUSY);
    /* a storm: more than DEVICE_IRQ_STORM in one window (the fake clock
     * stands still), each acknowledged: masked, the ack does not unmask */
    for (uint32_t i = 0; i <= DEVICE_IRQ_STORM; i++) {
        kernel_device_irq(5);
        device_irq_ack(cn, 0);
    }
    UT_CHECK(d->storm);
    UT_CHECK_EQ(ut_fake_line_masked, 1);
    UT_CHECK_EQ(device_irq_ack(cn, 0), KERR_OK);
    UT_CHECK_EQ(ut_fake_line_masked, 1);
    UT_CHECK_EQ(device_irq_bind(cn, 0, 2, 4), KERR_OK);     /* bind again */
    UT_CHECK(!d->storm);
    UT_CHECK_EQ(ut_fake_line_masked, 0);
    /* the binding capability deleted: unbound, masked; the other binds */
    UT_CHECK_EQ(cap_delete(cn, 0), KERR_OK);
    UT_CHECK(d->binder == NULL && d->ntfn == NULL);
    UT_CHECK_EQ(ut_fake_line_masked, 1);
    UT_CHECK_EQ(device_irq_bind(cn, 1, 2, 4), KERR_OK);
    UT_CHECK_EQ(cap_delete(cn, 2), KERR_OK);     /* the notification's last cap */
    kernel_device_irq(5);                       /* skipped: not live; no crash */
    UT_CHECK_EQ(cap_delete(cn, 1), KERR_OK);
    UT_CHECK_EQ(d->obj.ncaps, 1);               /* the registry's */
    kobj_ref(&cn->obj);
    kobj_unref(&cn->obj);
}
