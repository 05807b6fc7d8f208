/*
 * notification.c - the Notification object: a word of signal bits with a
 * FIFO of waiters (see include/kernel/notification.h).
 */
#include "kernel/crit.h"
#include "kernel/cspace.h"
#include "kernel/notification.h"
#include "klib.h"
#include "mm.h"

kerr_t notification_create(quota_t *q, notification_t **out)
{
    kerr_t e;
    notification_t *n = (notification_t *)kobj_alloc(OBJ_NOTIFICATION, sizeof(notification_t), q, &e);
    if (!n)
        return e;
    *out = n;
    return KERR_OK;
}

static kerr_t decode(uint32_t slot, unsigned rights, cte_t **c, cap_t *cap)
{
    return cspace_cap(task_cspace(sched_current()), slot, OBJ_NOTIFICATION, rights, c, cap);
}

void notify_signal_obj(notification_t *n, uint64_t bits)
{
    n->word |= bits;
    if (n->word && !taskq_empty(&n->waiters)) {
        task_t *t = taskq_pop(&n->waiters);
        t->notify_bits = n->word;
        n->word = 0;
        t->wait_obj = NULL;
        t->wait_slot = NULL;
        sched_wake(t, KERR_OK);
        if (sched_current())
            sched_preempt_check();
    }
}

kerr_t notify_signal(uint32_t slot, uint32_t bits)
{
    cap_t cap;
    kcrit_t s = kcrit_enter();
    kerr_t e = decode(slot, CAP_R_WRITE, NULL, &cap);
    if (e) {
        kcrit_leave(s);
        return e;
    }
    notify_signal_obj((notification_t *)cap_obj(cap), bits | cap_badge(cap));
    kcrit_leave(s);
    return KERR_OK;
}

kerr_t notify_poll(uint32_t slot, uint64_t *bits)
{
    cap_t cap;
    kcrit_t s = kcrit_enter();
    kerr_t e = decode(slot, CAP_R_READ, NULL, &cap);
    if (e) {
        kcrit_leave(s);
        return e;
    }
    notification_t *n = (notification_t *)cap_obj(cap);
    *bits = n->word;
    n->word = 0;
    kcrit_leave(s);
    return *bits ? KERR_OK : KERR_WOULD_BLOCK;
}

kerr_t notify_wait(uint32_t slot, uint64_t *bits)
{
    cte_t *c;
    cap_t cap;
    kcrit_t s = kcrit_enter();
    kerr_t e = decode(slot, CAP_R_READ, &c, &cap);
    if (e) {
        kcrit_leave(s);
        return e;
    }
    notification_t *n = (notification_t *)cap_obj(cap);
    if (n->word) {
        *bits = n->word;
        n->word = 0;
        kcrit_leave(s);
        return KERR_OK;
    }
    task_t *self = sched_current();
    self->wait_obj = &n->obj;
    self->wait_slot = c;
    self->notify_bits = 0;
    taskq_push(&n->waiters, self);
    e = sched_block(TASK_BLOCKED_NOTIFY);
    *bits = e ? 0 : self->notify_bits;
    kcrit_leave(s);
    return e;
}

void notification_cancel(task_t *t, kerr_t err)
{
    kcrit_t s = kcrit_enter();
    notification_t *n = (notification_t *)t->wait_obj;
    taskq_remove(&n->waiters, t);
    t->wait_obj = NULL;
    t->wait_slot = NULL;
    sched_wake(t, err);
    kcrit_leave(s);
}

void notification_destroy(notification_t *n)
{
    kcrit_t s = kcrit_enter();
    while (!taskq_empty(&n->waiters))
        notification_cancel(n->waiters.head, KERR_DESTROYED);
    kcrit_leave(s);
}

void notification_slot_deleted(notification_t *n, cte_t *slot)
{
    kcrit_t s = kcrit_enter();
    for (task_t *t = n->waiters.head, *next; t; t = next) {
        next = t->q_next;
        if (t->wait_slot == slot)
            notification_cancel(t, KERR_REVOKED);
    }
    kcrit_leave(s);
}

void notification_slot_moved(notification_t *n, cte_t *from, cte_t *to)
{
    for (task_t *t = n->waiters.head; t; t = t->q_next)
        if (t->wait_slot == from)
            t->wait_slot = to;
}

void notification_free(notification_t *n)
{
    if (!taskq_empty(&n->waiters))
        panic("notification_free: tasks still waiting");
    kfree(n);
}
