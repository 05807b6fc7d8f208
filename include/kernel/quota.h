/*
 * quota.h - the Quota object: a kernel-memory budget in bytes. Every
 * kernel object a task causes to exist (CNodes, endpoints, tasks with
 * their kernel stacks, memory regions) is charged to a quota when created
 * and refunded when freed, so a task cannot exhaust kernel memory: at
 * worst it exhausts its own quota. A quota can be split: a child quota
 * takes its limit out of its parent until it is freed.
 */
#ifndef JERICHO_KERNEL_QUOTA_H
#define JERICHO_KERNEL_QUOTA_H

#include "kernel/kobj.h"

typedef struct quota {
    kobj_t obj;
    uint64_t limit;
    uint64_t used;
} quota_t;

/* A quota of limit bytes taken from parent (NULL: the kernel's own). */
kerr_t quota_create(quota_t *parent, uint64_t limit, quota_t **out);
/* Take / give back bytes (kobj_alloc and kobj free call these). */
kerr_t quota_charge(quota_t *q, uint64_t bytes);
void quota_refund(quota_t *q, uint64_t bytes);
void quota_destroy(quota_t *q);
void quota_free(quota_t *q);

#endif
