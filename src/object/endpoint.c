/*
 * endpoint.c - the Endpoint object: its wait queues, and what happens to
 * the tasks queued on it when it is destroyed or the capability they
 * blocked through goes away. The IPC protocol itself is in
 * src/kernel/ipc.c (slow path) and src/kernel/fastpath.c.
 */
#include "kernel/crit.h"
#include "kernel/endpoint.h"
#include "klib.h"
#include "mm.h"

kerr_t endpoint_create(quota_t *q, endpoint_t **out)
{
    kerr_t e;
    endpoint_t *ep = (endpoint_t *)kobj_alloc(OBJ_ENDPOINT, sizeof(endpoint_t), q, &e);
    if (!ep)
        return e;
    *out = ep;
    return KERR_OK;
}

void endpoint_cancel(task_t *t, kerr_t err)
{
    kcrit_t s = kcrit_enter();
    endpoint_t *ep = (endpoint_t *)t->wait_obj;
    if (t->state == TASK_BLOCKED_SEND)
        taskq_remove(&ep->senders, t);
    else if (t->state == TASK_BLOCKED_RECV)
        taskq_remove(&ep->receivers, t);
    else
        panic("endpoint_cancel: task %s is not queued on an endpoint", t->name);
    t->wait_obj = NULL;
    t->wait_slot = NULL;
    sched_wake(t, err);
    kcrit_leave(s);
}

static void cancel_matching(taskq_t *q, cte_t *slot, bool by_badge, uint64_t badge, kerr_t err)
{
    task_t *t = q->head;
    while (t) {
        task_t *next = t->q_next;
        if (by_badge ? t->wait_badge == badge && t->state == TASK_BLOCKED_SEND
                     : t->wait_slot == slot)
            endpoint_cancel(t, err);
        t = next;
    }
}

void endpoint_destroy(endpoint_t *ep)
{
    kcrit_t s = kcrit_enter();
    while (!taskq_empty(&ep->senders))
        endpoint_cancel(ep->senders.head, KERR_DESTROYED);
    while (!taskq_empty(&ep->receivers))
        endpoint_cancel(ep->receivers.head, KERR_DESTROYED);
    kcrit_leave(s);
}

void endpoint_slot_deleted(endpoint_t *ep, cte_t *slot)
{
    kcrit_t s = kcrit_enter();
    cancel_matching(&ep->senders, slot, false, 0, KERR_REVOKED);
    cancel_matching(&ep->receivers, slot, false, 0, KERR_REVOKED);
    kcrit_leave(s);
}

void endpoint_slot_moved(endpoint_t *ep, cte_t *from, cte_t *to)
{
    kcrit_t s = kcrit_enter();
    for (task_t *t = ep->senders.head; t; t = t->q_next)
        if (t->wait_slot == from)
            t->wait_slot = to;
    for (task_t *t = ep->receivers.head; t; t = t->q_next)
        if (t->wait_slot == from)
            t->wait_slot = to;
    kcrit_leave(s);
}

void endpoint_badge_revoked(endpoint_t *ep, uint64_t badge)
{
    kcrit_t s = kcrit_enter();
    cancel_matching(&ep->senders, NULL, true, badge, KERR_REVOKED);
    kcrit_leave(s);
}

void endpoint_free(endpoint_t *ep)
{
    if (!taskq_empty(&ep->senders) || !taskq_empty(&ep->receivers))
        panic("endpoint_free: tasks still queued");
    kfree(ep);
}
