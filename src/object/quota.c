/*
 * quota.c - the Quota object: a kernel-memory budget (see
 * include/kernel/quota.h). A child quota's limit is charged to its parent
 * while the child exists; the child's own header is charged too.
 */
#include "kernel/crit.h"
#include "kernel/quota.h"
#include "klib.h"
#include "mm.h"

kerr_t quota_create(quota_t *parent, uint64_t limit, quota_t **out)
{
    if (parent && !kobj_live(&parent->obj))
        return KERR_DESTROYED;
    if (parent && limit > parent->limit)
        return KERR_QUOTA;
    if (parent) {
        kerr_t e = quota_charge(parent, limit);
        if (e)
            return e;
    }
    kerr_t e;
    quota_t *q = (quota_t *)kobj_alloc(OBJ_QUOTA, sizeof(quota_t), parent, &e);
    if (!q) {
        if (parent)
            quota_refund(parent, limit);
        return e;
    }
    q->limit = limit;
    *out = q;
    return KERR_OK;
}

kerr_t quota_charge(quota_t *q, uint64_t bytes)
{
    kcrit_t s = kcrit_enter();
    kerr_t e = KERR_OK;
    if (!kobj_live(&q->obj))
        e = KERR_DESTROYED;
    else if (bytes > q->limit - q->used)
        e = KERR_QUOTA;
    else
        q->used += bytes;
    kcrit_leave(s);
    return e;
}

void quota_refund(quota_t *q, uint64_t bytes)
{
    kcrit_t s = kcrit_enter();
    if (bytes > q->used)
        panic("quota: refund of %llu bytes, only %llu charged",
              (unsigned long long)bytes, (unsigned long long)q->used);
    q->used -= bytes;
    kcrit_leave(s);
}

void quota_destroy(quota_t *q)
{
    (void)q;    /* objects charged to it hold references; freed after them */
}

void quota_free(quota_t *q)
{
    if (q->used != 0)
        panic("quota: freed with %llu bytes still charged", (unsigned long long)q->used);
    quota_t *parent = q->obj.quota;
    if (parent)
        quota_refund(parent, q->limit);
    kfree(q);
}
