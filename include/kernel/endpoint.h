/*
 * endpoint.h - the Endpoint object: a rendezvous point for synchronous
 * IPC (include/kernel/ipc.h). At any time it holds either a FIFO of
 * blocked senders or a FIFO of blocked receivers (or nobody).
 */
#ifndef JERICHO_KERNEL_ENDPOINT_H
#define JERICHO_KERNEL_ENDPOINT_H

#include "kernel/sched.h"

typedef struct endpoint {
    kobj_t obj;
    taskq_t senders;
    taskq_t receivers;
} endpoint_t;

kerr_t endpoint_create(quota_t *q, endpoint_t **out);
/* Take a blocked task out of its endpoint queue and wake it with err. */
void endpoint_cancel(task_t *t, kerr_t err);
/* Wake every queued task with KERR_DESTROYED. */
void endpoint_destroy(endpoint_t *ep);
/* Tasks blocked through a deleted/moved capability; queued senders whose
 * badge was revoked (called only for a capability with every endpoint
 * right: captypes.c). */
void endpoint_slot_deleted(endpoint_t *ep, cte_t *slot);
void endpoint_slot_moved(endpoint_t *ep, cte_t *from, cte_t *to);
void endpoint_badge_revoked(endpoint_t *ep, uint64_t badge);
void endpoint_free(endpoint_t *ep);

#endif
